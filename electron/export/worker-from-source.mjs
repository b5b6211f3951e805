// Runs the TypeScript export worker when the app runs from sources (tests, tsx): worker threads
// do not inherit the parent's TypeScript loader. The bundled app starts export-worker.cjs instead.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
