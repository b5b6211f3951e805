// Runs the TypeScript heavy-work thread when the app runs from sources (tests, tsx, the bench):
// worker threads do not inherit the parent's TypeScript loader. The bundled app starts
// heavy-worker.cjs instead.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
