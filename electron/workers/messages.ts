import { AppError } from "../../db/errors";
import type { PgConnectionSettings } from "../../db/export/pg-connection-settings";
import type { ErrorCode } from "../../common/envelope";
import type { Reason } from "../../common/messages";

/** What a worker of the pool is started with. */
export interface HeavyWorkerData {
  /** The database it reads: the SQLite file, or the PostgreSQL server (the app pool's settings) and the data folder. */
  source: { file: string } | { postgres: PgConnectionSettings; folder: string };
  auditKey: { secret: Uint8Array; unkeyedUntil: number };
  /** better_sqlite3.node built for Electron's ABI, when the main process uses one. */
  nativeBinding?: string;
}

export interface JobRequest {
  id: number;
  name: string;
  args: unknown;
}

/**
 * An error as it crosses back to the main thread: an AppError whole (the user's refusal, with its
 * field), anything else as its class, SQLite code and stack, which the dispatcher maps (busy,
 * disk full…) or logs under an incident number, as it would have on the main thread.
 */
export type JobError =
  | { kind: "app"; code: ErrorCode; reason: Reason; params: Record<string, string>; field?: string }
  | { kind: "error"; name: string; code?: string; message: string; stack?: string };

export type JobAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: JobError };

export function describeJobError(error: unknown): JobError {
  if (error instanceof AppError) return { kind: "app", code: error.code, reason: error.reason, params: error.params, field: error.field };
  if (!(error instanceof Error)) return { kind: "error", name: "Error", message: String(error) };
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
  return { kind: "error", name: error.name, code, message: error.message, stack: error.stack };
}

/** A failure inside a worker, on the main thread: its name, SQLite code and the worker's stack. */
export class WorkerJobError extends Error {
  readonly code: string | undefined;
  constructor(described: Extract<JobError, { kind: "error" }>) {
    super(described.message);
    this.name = described.name;
    this.code = described.code;
    if (described.stack) this.stack = described.stack;
  }
}

export function rebuildJobError(error: JobError): Error {
  return error.kind === "app" ? new AppError(error.code, error.reason, error.params, error.field) : new WorkerJobError(error);
}
