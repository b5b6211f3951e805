import type { ExportResult, ExportSpec } from "../../db/export/run-export";

/** What a running export tells its job (jobs.ts); after `done` or `failed`, nothing more. */
export interface ExportRunEvents {
  progress(done: number, total: number): void;
  /** The file is complete: rows, size and SHA-256 for the audit entry. */
  done(result: ExportResult): void;
  failed(error: unknown): void;
}

export interface ExportRun {
  /** Stops it (a cancel, an erasure, the app closing); resolves once it has let go of its file and its connection. */
  stop(): Promise<void>;
}

/**
 * How an export's rows reach its file, per engine: a worker thread with its own read-only
 * connection to the SQLite file (worker-run.ts), or a PostgreSQL cursor on a connection of its
 * own (pg-run.ts). Throws when it cannot even start (no thread to be had): the job fails.
 */
export type ExportRunner = (file: string, spec: ExportSpec, events: ExportRunEvents) => ExportRun;
