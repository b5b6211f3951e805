import { closeSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");

/** Whether a file begins as every SQLite database does: a cheap first check before opening it. */
export function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, header, 0, header.length, 0) === header.length && header.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * What a check of a database file found. `integrity_check` reads every page: on a 124 MB file it
 * takes about 5 s, which must not freeze the app (the main process also serves every API call), so
 * it runs in a worker thread with its own connection.
 */
export interface FileFacts {
  /** `integrity_check` rows: ["ok"] when sound. */
  integrity: string[];
  schemaVersion: number;
  hasUsers: boolean;
  /** An active administrator account exists: without one, nobody could manage the restored desk. */
  hasActiveAdmin: boolean;
  /** Rows `foreign_key_check` reports: references to rows that do not exist. */
  foreignKeyProblems: number;
}

export interface FileCheckOptions {
  /** Turn the file into a self-contained rollback-journal file first (copies made by the backup API). */
  singleFile?: boolean;
  /** better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

// Plain CommonJS, run with `eval`: the bundles have no separate worker file to point at.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, workerData.nativeBinding ? { fileMustExist: true, nativeBinding: workerData.nativeBinding } : { fileMustExist: true });
  if (workerData.singleFile) db.pragma("journal_mode = DELETE");
  const integrity = db.pragma("integrity_check").map((row) => row.integrity_check);
  const schemaVersion = db.pragma("user_version", { simple: true });
  const hasUsers = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'users'").get() !== undefined;
  const hasActiveAdmin = hasUsers && db.prepare("SELECT 1 FROM users WHERE role = 'admin' AND active = 1").get() !== undefined;
  const foreignKeyProblems = db.pragma("foreign_key_check").length;
  parentPort.postMessage({ facts: { integrity, schemaVersion, hasUsers, hasActiveAdmin, foreignKeyProblems } });
} catch (error) {
  parentPort.postMessage({ unreadable: true });
} finally {
  if (db) db.close();
}
`;

/** Thrown when SQLite cannot read the file at all (not a database, badly damaged). */
export class UnreadableDatabaseError extends Error {
  constructor() {
    super("SQLite cannot read this file");
    this.name = "UnreadableDatabaseError";
  }
}

/** The checks, on a connection already open (the live database's, in a worker of electron/workers/). */
export function databaseFacts(db: Database.Database): FileFacts {
  const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check);
  const schemaVersion = db.pragma("user_version", { simple: true }) as number;
  const hasUsers = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'users'").get() !== undefined;
  const hasActiveAdmin = hasUsers && db.prepare("SELECT 1 FROM users WHERE role = 'admin' AND active = 1").get() !== undefined;
  const foreignKeyProblems = (db.pragma("foreign_key_check") as unknown[]).length;
  return { integrity, schemaVersion, hasUsers, hasActiveAdmin, foreignKeyProblems };
}

/** In this thread: for small files and as the fallback when a worker cannot start. */
export function readFileFacts(file: string, options: FileCheckOptions = {}): FileFacts {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, options.nativeBinding ? { fileMustExist: true, nativeBinding: options.nativeBinding } : { fileMustExist: true });
    if (options.singleFile) db.pragma("journal_mode = DELETE");
    return databaseFacts(db);
  } catch {
    throw new UnreadableDatabaseError();
  } finally {
    db?.close();
  }
}

/** Where better-sqlite3 is, as the running code resolves it (inside app.asar once packaged). */
function betterSqlitePath(): string {
  // The bundled main process and browser-mode server are CommonJS with a require.main; tests and
  // scripts run as ES modules from the checkout.
  const base = typeof require === "function" && require.main ? require.main.filename : join(process.cwd(), "package.json");
  return createRequire(base).resolve("better-sqlite3");
}

/** The same check in a worker thread; falls back to this thread if no worker can load better-sqlite3. */
export function readFileFactsInWorker(file: string, options: FileCheckOptions = {}): Promise<FileFacts> {
  let module: string;
  try {
    module = betterSqlitePath();
  } catch {
    return Promise.resolve().then(() => readFileFacts(file, options));
  }
  return new Promise<FileFacts>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, file, singleFile: options.singleFile ?? false, nativeBinding: options.nativeBinding } });
    let settled = false;
    worker.once("message", (message: { facts?: FileFacts; unreadable?: boolean }) => {
      settled = true;
      if (message.facts) resolve(message.facts);
      else reject(new UnreadableDatabaseError());
    });
    worker.once("error", () => {
      if (settled) return;
      settled = true;
      // The worker could not load the module: check here rather than not at all.
      try {
        resolve(readFileFacts(file, options));
      } catch (error) {
        reject(error);
      }
    });
    worker.once("exit", () => {
      if (!settled) {
        settled = true;
        reject(new UnreadableDatabaseError());
      }
    });
  });
}
