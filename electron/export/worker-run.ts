import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ExportResult, ExportSpec } from "../../db/export/run-export";
import type { ExportWorkerData, ExportWorkerMessage } from "./worker";

/** What a running export tells its job (jobs.ts); after `done` or `failed`, nothing more. */
export interface ExportRunEvents {
  progress(done: number, total: number): void;
  /** The file is complete: rows, size and SHA-256 for the audit entry. */
  done(result: ExportResult): void;
  failed(error: unknown): void;
}

export interface ExportRun {
  /** Stops it (a cancel, an erasure, the app closing); resolves once the thread has stopped. */
  stop(): Promise<void>;
}

/** Starts one export; throws when it cannot even start (no thread to be had): the job fails. */
export type ExportRunner = (file: string, spec: ExportSpec, events: ExportRunEvents) => ExportRun;

export type LaunchWorker = (data: ExportWorkerData) => Worker;

/** The bundle ships export-worker.cjs beside main.cjs and web.cjs; from sources, tsx runs worker.ts. */
export const launchExportWorker: LaunchWorker = (data) => {
  const bundled = join(__dirname, "export-worker.cjs");
  if (existsSync(bundled)) return new Worker(bundled, { workerData: data });
  return new Worker(join(__dirname, "worker-from-source.mjs"), { workerData: { ...data, entry: join(__dirname, "worker.ts") } });
};

/** Where the worker reads: the SQLite file, or the PostgreSQL server as the app's role. */
export type ExportWorkerSource = Pick<ExportWorkerData, "databaseFile" | "postgres">;

/**
 * Each export in a worker thread of its own, on a connection of its own (worker.ts), so a
 * manager's export never holds the thread that answers every desk, nor (on PostgreSQL) one of the
 * desks' pooled connections. Stopping it terminates the thread: its connection and its snapshot
 * end with it.
 */
export function workerRunner(source: ExportWorkerSource, launch: LaunchWorker = launchExportWorker): ExportRunner {
  return (file, spec, events) => {
    const worker = launch({ ...source, outFile: file, spec, nativeBinding: process.env.JETINFO_SQLITE_BINDING || undefined });
    let over = false;
    const end = () => {
      const first = !over;
      over = true;
      return first;
    };
    worker.on("message", (message: ExportWorkerMessage) => {
      if (over) return;
      if (message.type === "progress") events.progress(message.done, message.total);
      else if (message.type === "failed") {
        if (end()) events.failed(new WorkerFailedError(message.message));
      } else if (end()) events.done({ rows: message.rows, bytes: message.bytes, sha256: message.sha256 });
    });
    worker.on("error", (error) => {
      if (end()) events.failed(error);
    });
    worker.on("exit", () => {
      if (end()) events.failed(new WorkerExitedError());
    });
    return {
      stop: () => {
        over = true;
        return worker.terminate().then(
          () => undefined,
          () => undefined,
        );
      },
    };
  };
}

/** The worker reported a failure; its text (a stack that may quote data) is kept out of logs. */
export class WorkerFailedError extends Error {
  /** The class of the worker's error ("RangeError: …" → RangeError): all that is kept of it. */
  readonly errorClass: string;
  constructor(detail: string) {
    super("export worker failed");
    this.errorClass = /^([A-Za-z]{1,50}Error)\b/.exec(detail)?.[1] ?? "WorkerFailedError";
  }
}

class WorkerExitedError extends Error {
  constructor() {
    super("export worker exited early");
    this.name = "WorkerExitedError";
  }
}
