import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { appendAudit, type AuditInput } from "../../db/audit";
import { AppError } from "../../db/errors";
import type { ExportJobStatus, ExportJobView } from "../../common/contract/exports";
import type { ExportResult, ExportSpec } from "../../db/export/run-export";
import { formatInstant } from "../../db/export/zurich-dates";
import { exportConnectionSettings } from "../../db/export/pg-connection-settings";
import type { ReadableServedDb, ServedDb } from "../../db/served";
import { describeError, type LogFields, type Logger } from "../log";
import { launchExportWorker, workerRunner, WorkerFailedError, type ExportRun, type ExportRunner, type LaunchWorker } from "./worker-run";

export type { ExportJobStatus, ExportJobView } from "../../common/contract/exports";
export { launchExportWorker, type LaunchWorker };

interface ExportJob {
  id: string;
  userId: number;
  spec: ExportSpec;
  file: string;
  /** The name the file is offered under. */
  downloadName: string;
  status: ExportJobStatus;
  done: number;
  total: number;
  startedAt: number;
  finishedAt: number | null;
  sha256: string | null;
  bytes: number;
  /** The unguessable part of the download address; given only to the job's owner. */
  downloadKey: string;
  /** While it reads and writes; null once it has finished, failed or been stopped. */
  run: ExportRun | null;
}

/** Finished exports wait this long to be downloaded, then their file is removed. */
const KEEP_MS = 30 * 60_000;
export const DOWNLOAD_PREFIX = "/exports/download/";

const EXTENSIONS = { csv: "csv", xlsx: "xlsx", json: "json" } as const;
export const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
} as const;

const byKey = new Map<string, { table: ExportJobs; job: ExportJob }>();

/**
 * The exports of one served database: each runs in a worker thread on a connection of its own
 * (worker-run.ts), writes into the exports folder beside the database (the server's data folder on
 * PostgreSQL), and is audited (who, what, how many rows, the file's SHA-256) when its file is complete.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();
  readonly dir: string;
  /** The host's log (ids and error classes only); set by exportJobsFor when a host is there. */
  log: Logger | undefined;
  private readonly runner: ExportRunner;

  constructor(
    private readonly db: ServedDb,
    private readonly options: { dir?: string; launch?: LaunchWorker; now?: () => number; log?: Logger } = {},
  ) {
    this.log = options.log;
    this.dir = options.dir ?? exportsFolder(db);
    this.runner = workerRunner(db.dialect === "pg" ? { postgres: exportConnectionSettings(db.pool) } : { databaseFile: db.file }, options.launch);
    mkdirSync(this.dir, { recursive: true });
    // Files left by a previous run (a crash, a quit during an export) hold personal data nobody will download.
    for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { force: true });
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  start(userId: number, spec: ExportSpec): ExportJobView {
    this.expire();
    const id = randomUUID();
    const extension = EXTENSIONS[spec.format];
    const stamp = formatInstant(this.now(), "iso").slice(0, 16).replace(/[-:T]/g, "");
    const job: ExportJob = {
      id,
      userId,
      spec,
      file: join(this.dir, `${id}.${extension}`),
      downloadName: `${spec.recordSet}-${stamp}.${extension}`,
      status: "running",
      done: 0,
      total: 0,
      startedAt: this.now(),
      finishedAt: null,
      sha256: null,
      bytes: 0,
      downloadKey: randomBytes(32).toString("base64url"),
      run: null,
    };
    this.jobs.set(id, job);
    try {
      // These events come outside any request: whatever they threw would end the process, every
      // desk's session with it. A throw fails this job instead (see fail).
      job.run = this.runner(job.file, spec, {
        progress: (done, total) => {
          if (job.status !== "running") return;
          job.done = done;
          job.total = total;
        },
        done: (result) => void this.finish(job, result),
        failed: (error) => void this.fail(job, error),
      });
    } catch (error) {
      // No thread to run it in (out of memory, a missing bundle): a failed job, not a failed request.
      void this.fail(job, error);
    }
    return this.view(job);
  }

  /** The file is complete: audited first (a file nobody audited must not become downloadable), then offered. */
  private async finish(job: ExportJob, result: ExportResult): Promise<void> {
    if (job.status !== "running") return;
    job.run = null;
    try {
      await this.audit(job, "exports.start", auditFields(job.spec, result));
    } catch (error) {
      return this.fail(job, error);
    }
    // Cancelled (or discarded by an erasure) while its entry was being written: the file goes.
    if (job.status !== "running") return removeQuietly(job.file);
    job.done = result.rows;
    job.total = result.rows;
    job.sha256 = result.sha256;
    job.bytes = result.bytes;
    job.finishedAt = this.now();
    job.status = "done";
    byKey.set(job.downloadKey, { table: this, job });
  }

  /** One entry, in a write transaction of the engine's own (the job runs outside any request). */
  private audit(job: ExportJob, operation: "exports.start" | "exports.failed", fields: string[]): Promise<void> {
    const entry: AuditInput = { at: this.now(), userId: job.userId, operation, entityType: "export", entityId: job.spec.recordSet, fields };
    const db = this.db;
    return db.engine.transaction("write", (tx) => appendAudit(tx, entry, db.auditKey));
  }

  /**
   * A job that cannot finish: marked failed, its file removed (it may hold personal data nobody
   * audited), the failure audited and logged. Never rejects — it runs in the run's event
   * handlers, where a throw would end the process.
   */
  private async fail(job: ExportJob, error: unknown): Promise<void> {
    if (job.status !== "running") return;
    job.status = "failed";
    job.finishedAt = this.now();
    this.stopRun(job);
    const reason = failureFacts(error);
    try {
      // Which export failed and the error's class: no filter values, no message (either may quote data).
      await this.audit(job, "exports.failed", [`format=${job.spec.format}`, `reason=${String(reason.error).slice(0, 60)}`, ...(reason.code ? [`code=${reason.code}`] : [])]);
    } catch (auditError) {
      this.logError("export.auditFailed", job, auditError);
    }
    this.logError("export.failed", job, error);
  }

  /**
   * Stops the job's run and removes its file, now and again once the run has let go of it (it may
   * have been about to create or extend it). Resolves then.
   */
  private stopRun(job: ExportJob): Promise<void> {
    const run = job.run;
    job.run = null;
    removeQuietly(job.file);
    if (!run) return Promise.resolve();
    return run.stop().then(
      () => removeQuietly(job.file),
      () => removeQuietly(job.file),
    );
  }

  private logError(event: string, job: ExportJob, error: unknown) {
    const fields = { job: job.id, recordSet: job.spec.recordSet, ...failureFacts(error) };
    if (this.log) this.log.error(event, fields);
    // Without a host (unit tests, tools) the console is the only log; the same tokens, never the message.
    else console.error(`${event} ${Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`).join(" ")}`);
  }

  private owned(id: string, userId: number): ExportJob {
    const job = this.jobs.get(id);
    if (!job || job.userId !== userId) throw new AppError("NOT_FOUND", "not_found", { entity: "Export" });
    return job;
  }

  progress(id: string, userId: number): ExportJobView {
    return this.view(this.owned(id, userId));
  }

  /** Stops the run and removes the partial file; a finished export's file is removed too. */
  cancel(id: string, userId: number): ExportJobView {
    const job = this.owned(id, userId);
    void this.stop(job);
    return this.view(job);
  }

  /** `cancel`, resolving once the run has let go of its file and connection. */
  private stop(job: ExportJob): Promise<void> {
    if (job.status !== "running" && job.status !== "done") return Promise.resolve();
    job.status = "cancelled";
    job.finishedAt = this.now();
    byKey.delete(job.downloadKey);
    return this.stopRun(job);
  }

  private view(job: ExportJob): ExportJobView {
    const elapsed = (job.finishedAt ?? this.now()) - job.startedAt;
    const msLeft = job.status === "running" && job.done > 0 && job.total > job.done ? Math.round((elapsed / job.done) * (job.total - job.done)) : job.status === "running" ? null : 0;
    return {
      id: job.id,
      status: job.status,
      done: job.done,
      total: job.total,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      msLeft,
      downloadUrl: job.status === "done" ? `${DOWNLOAD_PREFIX}${job.downloadKey}` : null,
      fileName: job.downloadName,
      bytes: job.bytes,
    };
  }

  /** Forgets finished jobs after a while and removes their files. */
  private expire() {
    const now = this.now();
    for (const job of this.jobs.values()) {
      if (job.status !== "running" && job.finishedAt !== null && now - job.finishedAt > KEEP_MS) {
        rmSync(job.file, { force: true });
        byKey.delete(job.downloadKey);
        this.jobs.delete(job.id);
      }
    }
  }

  /** Stops every running export (the application is closing). */
  stopAll(): void {
    void this.stopEvery();
  }

  private stopEvery(): Promise<void> {
    return Promise.all([...this.jobs.values()].map((job) => this.stop(job))).then(() => undefined);
  }

  /**
   * An erasure: every running export stops and every finished file not yet downloaded is deleted
   * (any of them may hold the erased person), so their download addresses answer 404 from now on;
   * their owners see them cancelled. Resolves once the stopped runs have let go: their read
   * snapshots (SQLite: they keep the WAL from being emptied) end with them.
   */
  discardAll(): Promise<void> {
    const stopping = this.stopEvery();
    // Nothing else belongs in the folder; whatever is there was written before the erasure.
    if (existsSync(this.dir)) for (const name of readdirSync(this.dir)) removeQuietly(join(this.dir, name));
    return stopping;
  }

  /** Called once the file has been handed over completely: it does not stay on disk. */
  delivered(job: { downloadKey: string; file: string }) {
    byKey.delete(job.downloadKey);
    rmSync(job.file, { force: true });
  }
}

/** Who exported what — record set, filters, columns, format, row count, the file's hash — never a value. */
function auditFields(spec: ExportSpec, { rows, sha256 }: ExportResult): string[] {
  const filters = Object.entries(spec.filters)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `filter.${k}=${Array.isArray(v) ? v.join("|") : typeof v === "number" && (k === "from" || k === "to") ? formatInstant(v, "iso") : String(v)}`);
  return [
    `format=${spec.format}`,
    ...(spec.format === "csv" ? [`delimiter=${spec.delimiter}`] : []),
    `dates=${spec.dateStyle}`,
    ...(spec.format === "json" ? [] : [`codes=${spec.codes ?? "labels"}`]),
    `rows=${rows}`,
    `sha256=${sha256}`,
    `columns=${spec.columns.join("|").slice(0, 1500)}`,
    ...filters,
  ];
}

/** Where a database's exports wait to be downloaded: beside the SQLite file, or in a PostgreSQL server's data folder. */
export function exportsFolder(db: ReadableServedDb): string {
  return join(db.dialect === "pg" ? db.folder : dirname(db.file), "exports");
}

export interface ExportDownload {
  file: string;
  name: string;
  contentType: string;
  size: number;
  /** Removes the file: call when the whole file was sent. */
  delivered(): void;
}

/** The finished export behind a download address, or undefined (unknown, expired, cancelled). */
export function findExportDownload(path: string): ExportDownload | undefined {
  if (!path.startsWith(DOWNLOAD_PREFIX)) return undefined;
  const entry = byKey.get(path.slice(DOWNLOAD_PREFIX.length));
  if (!entry || entry.job.status !== "done" || !existsSync(entry.job.file)) return undefined;
  const { table, job } = entry;
  return {
    file: job.file,
    name: job.downloadName,
    contentType: CONTENT_TYPES[job.spec.format],
    size: statSync(job.file).size,
    delivered: () => table.delivered(job),
  };
}

function removeQuietly(file: string) {
  try {
    rmSync(file, { force: true });
  } catch {
    // Still open by the stopping run (Windows): the second attempt after it stops removes it.
  }
}

/** What the audit and the log keep of a failure: class and code, never the message. */
function failureFacts(error: unknown): LogFields {
  return error instanceof WorkerFailedError ? { error: error.errorClass } : describeError(error);
}

const tables = new WeakMap<ReadableServedDb, ExportJobs>();

/**
 * The job table of a served database (one per database, whichever its engine), created on first
 * use; `log` is the host's, when there is a host. Starting and following an export are reads
 * (`exports.start` is `mutates: false`), so they hold the database typed read-only; the job writes
 * its one audit entry later, in a write transaction of its own once the file is complete, long
 * after the read returned. The database handed to a read is the dispatcher's writable one: the
 * table keeps it as such.
 */
export function exportJobsFor(db: ReadableServedDb, log?: Logger): ExportJobs {
  let table = tables.get(db);
  if (!table) tables.set(db, (table = new ExportJobs(db as ServedDb, { log })));
  if (log) table.log = log;
  return table;
}

/** Tests: the job table of a database, with their own worker launcher, before its first export. */
export function installExportJobs(db: ServedDb, options: ConstructorParameters<typeof ExportJobs>[1]): ExportJobs {
  const table = new ExportJobs(db, options);
  tables.set(db, table);
  return table;
}

/**
 * At start-up: export files a previous run left (a crash, a quit during an export) hold personal
 * data nobody will download. The job table does the same when it is created, on the first export.
 */
export function removeLeftoverExports(dataDir: string): void {
  const dir = join(dataDir, "exports");
  if (existsSync(dir)) for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true });
}
