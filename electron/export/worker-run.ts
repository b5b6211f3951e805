import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ExportRunner } from "./run";
import type { ExportWorkerData, ExportWorkerMessage } from "./worker";

export type LaunchWorker = (data: ExportWorkerData) => Worker;

/** The bundle ships export-worker.cjs beside main.cjs and web.cjs; from sources, tsx runs worker.ts. */
export const launchExportWorker: LaunchWorker = (data) => {
  const bundled = join(__dirname, "export-worker.cjs");
  if (existsSync(bundled)) return new Worker(bundled, { workerData: data });
  return new Worker(join(__dirname, "worker-from-source.mjs"), { workerData: { ...data, entry: join(__dirname, "worker.ts") } });
};

/**
 * SQLite: each export in a worker thread of its own, on its own read-only connection to the file
 * (WAL lets it read while the desks write), so a manager's export never holds the thread that
 * answers every desk. Stopping it terminates the thread, its connection and snapshot with it.
 */
export function workerRunner(databaseFile: string, launch: LaunchWorker = launchExportWorker): ExportRunner {
  return (file, spec, events) => {
    const worker = launch({ databaseFile, outFile: file, spec, nativeBinding: process.env.JETINFO_SQLITE_BINDING || undefined });
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
