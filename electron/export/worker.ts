// One export, off the main thread: its own read-only connection to the database file (WAL lets it
// read while the desks keep writing), the rows streamed to the file, progress posted as it goes.
// Bundled to export-worker.cjs; started from sources through worker-from-source.mjs.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { sqliteSource } from "../../db/export/export-source";
import { runExport, type ExportSpec } from "../../db/export/run-export";
import { yieldToMainThread } from "../workers/thread-priority";

export interface ExportWorkerData {
  databaseFile: string;
  outFile: string;
  spec: ExportSpec;
  /** better_sqlite3.node built for Electron's ABI, when the main process uses one. */
  nativeBinding?: string;
}

export type ExportWorkerMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; rows: number; bytes: number; sha256: string }
  | { type: "failed"; message: string };

const data = workerData as ExportWorkerData;
const post = (message: ExportWorkerMessage) => parentPort!.postMessage(message);

async function main() {
  // A manager's export of every record must not slow the agents' lookups on a team server: when
  // both want the CPU, the main thread (the desks' requests) goes first.
  yieldToMainThread();
  const sqlite = new Database(data.databaseFile, { readonly: true, fileMustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
  try {
    sqlite.pragma("busy_timeout = 5000");
    const result = await runExport(sqliteSource(sqlite), data.spec, data.outFile, (done, total) => post({ type: "progress", done, total }));
    post({ type: "done", ...result });
  } finally {
    sqlite.close();
  }
}

main().catch((error: unknown) => post({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
