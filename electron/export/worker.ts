// One export, off the main thread (which answers every desk): the rows read through a connection
// of its own, streamed to the file, progress posted as it goes. SQLite: a read-only connection to
// the database file (WAL lets it read while the desks keep writing). PostgreSQL: a connection to
// the server as the app's role, the rows through a cursor in one snapshot (pg-export-source.ts).
// Bundled to export-worker.cjs; started from sources through worker-from-source.mjs.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { sqliteSource, type ExportSource } from "../../db/export/export-source";
import type { PgConnectionSettings } from "../../db/export/pg-connection-settings";
import { runExport, type ExportSpec } from "../../db/export/run-export";
import { yieldToMainThread } from "../workers/thread-priority";

export interface ExportWorkerData {
  /** SQLite: the database file. */
  databaseFile?: string;
  /** PostgreSQL: how to reach the server (the app pool's settings). */
  postgres?: PgConnectionSettings;
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

interface OpenSource {
  source: ExportSource;
  close(): void | Promise<void>;
}

function openSqlite(file: string): OpenSource {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
  sqlite.pragma("busy_timeout = 5000");
  return {
    source: sqliteSource(sqlite),
    close: () => {
      sqlite.close();
    },
  };
}

/** Loaded only here: a desk's export worker never loads the PostgreSQL client. */
async function openPostgres(settings: PgConnectionSettings): Promise<OpenSource> {
  const { exportPool, pgSource } = await import("../../db/export/pg-export-source");
  const pool = exportPool(settings);
  return { source: pgSource(pool), close: () => pool.end() };
}

async function main() {
  // A manager's export of every record must not slow the agents' lookups on a team server: when
  // both want the CPU, the main thread (the desks' requests) goes first.
  yieldToMainThread();
  const opened = data.postgres ? await openPostgres(data.postgres) : openSqlite(data.databaseFile!);
  try {
    const result = await runExport(opened.source, data.spec, data.outFile, (done, total) => post({ type: "progress", done, total }));
    post({ type: "done", ...result });
  } finally {
    await opened.close();
  }
}

main().catch((error: unknown) => post({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
