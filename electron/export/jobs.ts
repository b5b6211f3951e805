import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { appendAuditSync } from "../../db/audit";
import { AppError } from "../../db/errors";
import type { ExportJobStatus, ExportJobView } from "../../common/contract/exports";
import type { Db, ReadableDb } from "../../db/open";
import type { ExportSpec } from "../../db/export/run-export";
import { formatInstant } from "../../db/export/zurich-dates";
import { describeError, type LogFields, type Logger } from "../log";
import type { ExportWorkerData, ExportWorkerMessage } from "./worker";

export type { ExportJobStatus, ExportJobView } from "../../common/contract/exports";

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
  worker: Worker | null;
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

export type LaunchWorker = (data: ExportWorkerData) => Worker;

/** The bundle ships export-worker.cjs beside main.cjs and web.cjs; from sources, tsx runs worker.ts. */
export const launchExportWorker: LaunchWorker = (data) => {
  const bundled = join(__dirname, "export-worker.cjs");
  if (existsSync(bundled)) return new Worker(bundled, { workerData: data });
  return new Worker(join(__dirname, "worker-from-source.mjs"), { workerData: { ...data, entry: join(__dirname, "worker.ts") } });
};

const byKey = new Map<string, { table: ExportJobs; job: ExportJob }>();

/**
 * The exports of one database: each runs in a worker thread, writes into `<data folder>/exports`,
 * and is audited (who, what, how many rows, the file's SHA-256) when its file is complete.
 */
export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();
  readonly dir: string;
  /** The host's log (ids and error classes only); set by exportJobsFor when a host is there. */
  log: Logger | undefined;

  constructor(
    private readonly db: Db,
    private readonly options: { dir?: string; launch?: LaunchWorker; now?: () => number; log?: Logger } = {},
  ) {
    this.log = options.log;
    this.dir = options.dir ?? join(dirname(db.file), "exports");
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
      worker: null,
    };
    this.jobs.set(id, job);
    let worker: Worker;
    try {
      worker = (this.options.launch ?? launchExportWorker)({
        databaseFile: this.db.file,
        outFile: job.file,
        spec,
        nativeBinding: process.env.JETINFO_SQLITE_BINDING || undefined,
      });
    } catch (error) {
      // No thread to run it in (out of memory, a missing bundle): a failed job, not a failed request.
      this.fail(job, error);
      return this.view(job);
    }
    job.worker = worker;
    // These handlers run outside any request: whatever they throw would end the process, every
    // desk's session with it. A throw fails this job instead (see fail).
    worker.on("message", (message: ExportWorkerMessage) => {
      try {
        this.onMessage(job, message);
      } catch (error) {
        this.fail(job, error);
      }
    });
    worker.on("error", (error) => this.fail(job, error));
    worker.on("exit", () => {
      if (job.status === "running") this.fail(job, new WorkerExitedError());
    });
    return this.view(job);
  }

  private onMessage(job: ExportJob, message: ExportWorkerMessage) {
    if (job.status !== "running") return;
    if (message.type === "progress") {
      job.done = message.done;
      job.total = message.total;
    } else if (message.type === "failed") {
      this.fail(job, new WorkerFailedError(message.message));
    } else {
      // Audited first: a file nobody audited must not become downloadable (a throw here fails the job).
      this.audit(job, message.rows, message.sha256);
      job.done = message.rows;
      job.total = message.rows;
      job.sha256 = message.sha256;
      job.bytes = message.bytes;
      job.finishedAt = this.now();
      job.status = "done";
      job.worker = null;
      byKey.set(job.downloadKey, { table: this, job });
    }
  }

  /** Who exported what — record set, filters, columns, format, row count, the file's hash — never a value. */
  private audit(job: ExportJob, rows: number, sha256: string) {
    const { spec } = job;
    const filters = Object.entries(spec.filters)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `filter.${k}=${Array.isArray(v) ? v.join("|") : typeof v === "number" && (k === "from" || k === "to") ? formatInstant(v, "iso") : String(v)}`);
    const fields = [
      `format=${spec.format}`,
      ...(spec.format === "csv" ? [`delimiter=${spec.delimiter}`] : []),
      `dates=${spec.dateStyle}`,
      ...(spec.format === "json" ? [] : [`codes=${spec.codes ?? "labels"}`]),
      `rows=${rows}`,
      `sha256=${sha256}`,
      `columns=${spec.columns.join("|").slice(0, 1500)}`,
      ...filters,
    ];
    this.db.sqlite
      .transaction(() => appendAuditSync(this.db, { at: this.now(), userId: job.userId, operation: "exports.start", entityType: "export", entityId: spec.recordSet, fields }))
      .immediate();
  }

  /**
   * A job that cannot finish: marked failed, its file removed (it may hold personal data nobody
   * audited), the failure audited and logged. Never throws — it runs in the worker's event
   * handlers, where a throw would end the process.
   */
  private fail(job: ExportJob, error: unknown) {
    if (job.status !== "running") return;
    job.status = "failed";
    job.finishedAt = this.now();
    const worker = job.worker;
    job.worker = null;
    removeQuietly(job.file);
    // Again once the worker has stopped: it may have been about to create or extend the file.
    if (worker) void worker.terminate().then(() => removeQuietly(job.file), () => removeQuietly(job.file));
    const reason = failureFacts(error);
    try {
      // Which export failed and the error's class: no filter values, no message (either may quote data).
      const fields = [`format=${job.spec.format}`, `reason=${String(reason.error).slice(0, 60)}`, ...(reason.code ? [`code=${reason.code}`] : [])];
      this.db.sqlite
        .transaction(() => appendAuditSync(this.db, { at: this.now(), userId: job.userId, operation: "exports.failed", entityType: "export", entityId: job.spec.recordSet, fields }))
        .immediate();
    } catch (auditError) {
      this.logError("export.auditFailed", job, auditError);
    }
    this.logError("export.failed", job, error);
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

  /** Stops the worker and removes the partial file; a finished export's file is removed too. */
  cancel(id: string, userId: number): ExportJobView {
    const job = this.owned(id, userId);
    if (job.status === "running" || job.status === "done") {
      job.status = "cancelled";
      job.finishedAt = this.now();
      byKey.delete(job.downloadKey);
      const worker = job.worker;
      job.worker = null;
      removeQuietly(job.file);
      // Again once the worker has stopped: it may have been about to create or extend the file.
      if (worker) void worker.terminate().then(() => removeQuietly(job.file));
    }
    return this.view(job);
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
    for (const job of this.jobs.values()) this.cancel(job.id, job.userId);
  }

  /**
   * An erasure: every running export stops and every finished file not yet downloaded is deleted
   * (any of them may hold the erased person), so their download addresses answer 404 from now on;
   * their owners see them cancelled. Resolves once the stopped workers have exited: their read
   * snapshots, which keep the WAL from being emptied, end with them.
   */
  discardAll(): Promise<void> {
    const stopping: Promise<unknown>[] = [];
    for (const job of this.jobs.values()) {
      const worker = job.worker;
      this.cancel(job.id, job.userId);
      if (worker) stopping.push(worker.terminate().then(() => removeQuietly(job.file)));
    }
    // Nothing else belongs in the folder; whatever is there was written before the erasure.
    if (existsSync(this.dir)) for (const name of readdirSync(this.dir)) removeQuietly(join(this.dir, name));
    return Promise.all(stopping).then(() => undefined);
  }

  /** Called once the file has been handed over completely: it does not stay on disk. */
  delivered(job: { downloadKey: string; file: string }) {
    byKey.delete(job.downloadKey);
    rmSync(job.file, { force: true });
  }
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
    // Still open by the stopping worker (Windows): the second attempt after it exits removes it.
  }
}

/** The worker reported a failure; its text (a stack that may quote data) is kept out of logs. */
class WorkerFailedError extends Error {
  /** The class of the worker's error ("RangeError: …" → RangeError): all that is kept of it. */
  readonly errorClass: string;
  constructor(detail: string) {
    super("export worker failed");
    this.errorClass = /^([A-Za-z]{1,50}Error)\b/.exec(detail)?.[1] ?? "WorkerFailedError";
  }
}

/** What the audit and the log keep of a failure: class and code, never the message. */
function failureFacts(error: unknown): LogFields {
  return error instanceof WorkerFailedError ? { error: error.errorClass } : describeError(error);
}

class WorkerExitedError extends Error {
  constructor() {
    super("export worker exited early");
    this.name = "WorkerExitedError";
  }
}

const tables = new WeakMap<ReadableDb, ExportJobs>();

/**
 * The job table of a database, created on first use; `log` is the host's, when there is a host.
 * Starting and following an export are reads (`exports.start` is `mutates: false`), so they hold
 * the connection typed read-only; the job writes its one audit entry later, in a transaction of
 * its own once the file is complete, long after the read returned and `query_only` was lifted.
 * The connection handed to a read is the dispatcher's writable one: the table keeps it as such.
 */
export function exportJobsFor(db: ReadableDb, log?: Logger): ExportJobs {
  let table = tables.get(db);
  if (!table) tables.set(db, (table = new ExportJobs(db as Db, { log })));
  if (log) table.log = log;
  return table;
}

/** Tests: the job table of a database, with their own worker launcher, before its first export. */
export function installExportJobs(db: Db, options: ConstructorParameters<typeof ExportJobs>[1]): ExportJobs {
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
