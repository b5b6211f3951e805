import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "../../db/errors";
import { exportConnectionSettings } from "../../db/export/pg-connection-settings";
import type { ReadableServedDb } from "../../db/served";
import { runJob, type HeavyWork, type JobArgs, type JobName, type JobResult } from "./jobs";
import { rebuildJobError, type HeavyWorkerData, type JobAnswer, type JobRequest } from "./messages";

/**
 * How many worker threads: one core is left to the main thread, which answers every desk's
 * lookups, so a 2-core server runs one heavy job at a time and queues the next; two at most, since
 * these jobs are rare (managers, administrators, the privacy desk) and each reads the whole disk.
 */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

// The CommonJS bundle has __dirname (dist/, beside heavy-worker.cjs); ES modules run from sources
// (the bench, scripts under tsx) have import.meta.dirname; vitest provides both.
const here: string = typeof __dirname === "string" ? __dirname : import.meta.dirname;

export type LaunchHeavyWorker = (data: HeavyWorkerData) => Worker;

/** The bundle ships heavy-worker.cjs beside main.cjs; from sources, tsx runs worker.ts. */
export const launchHeavyWorker: LaunchHeavyWorker = (data) => {
  const bundled = join(here, "heavy-worker.cjs");
  if (existsSync(bundled)) return new Worker(bundled, { workerData: data });
  return new Worker(join(here, "from-source.mjs"), { workerData: { ...data, entry: join(here, "worker.ts") } });
};

export interface WorkerPoolOptions {
  /** The open database (the host's getter: a restore replaces it): its file or server, and its audit key. */
  db: () => ReadableServedDb;
  nativeBinding?: string;
  size?: number;
  launch?: LaunchHeavyWorker;
}

interface Job {
  request: JobRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  job: Job | null;
}

/**
 * A few worker threads, each with its own read-only connection to the database file, running the
 * heavy reads of jobs.ts; a job waits in line (first come, first served) while every thread is
 * busy. Threads start at the first job and stay (a start costs the modules' loading); an idle
 * thread does not keep the process alive.
 */
export class WorkerPool implements HeavyWork {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;
  private nextId = 1;
  /** Why no job runs now (a restore replacing the file, the host closing), or null. */
  private stopped: "restoring" | "closed" | null = null;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
  }

  run<N extends JobName>(name: N, ...args: JobArgs<N> extends undefined ? [] : [JobArgs<N>]): Promise<JobResult<N>> {
    if (this.stopped) return Promise.reject(this.refusal());
    return new Promise<unknown>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, name, args: args[0] }, resolve, reject });
      this.pump();
    }) as Promise<JobResult<N>>;
  }

  /** Threads running now (tests, diagnostics). */
  get threadCount(): number {
    return this.threads.length;
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.stopped) {
      let thread = this.threads.find((t) => t.job === null);
      if (!thread) {
        if (this.threads.length >= this.size) return;
        thread = this.start();
        if (!thread) return;
      }
      const job = this.queue.shift()!;
      thread.job = job;
      // A busy thread keeps the process alive until its answer: someone awaits it.
      thread.worker.ref();
      thread.worker.postMessage(job.request);
    }
  }

  private start(): Thread | undefined {
    const db = this.options.db();
    let worker: Worker;
    try {
      worker = (this.options.launch ?? launchHeavyWorker)({
        source: db.dialect === "pg" ? { postgres: exportConnectionSettings(db.pool), folder: db.folder } : { file: db.file },
        auditKey: { secret: new Uint8Array(db.auditKey.secret), unkeyedUntil: db.auditKey.unkeyedUntil },
        nativeBinding: this.options.nativeBinding,
      });
    } catch (error) {
      // No thread to be had (out of memory, a missing bundle): the waiting jobs fail, the process stays up.
      for (const job of this.queue.splice(0)) job.reject(error instanceof Error ? error : new Error(String(error)));
      return undefined;
    }
    const thread: Thread = { worker, job: null };
    this.threads.push(thread);
    // These handlers run outside any request: nothing in them may throw.
    worker.on("message", (answer: JobAnswer) => {
      const job = thread.job;
      if (!job || job.request.id !== answer.id) return;
      thread.job = null;
      worker.unref();
      if (answer.ok) job.resolve(answer.value);
      else job.reject(rebuildJobError(answer.error));
      this.pump();
    });
    // An uncaught error ends the thread: its job fails; the next job starts a fresh thread.
    worker.on("error", (error) => this.lose(thread, error));
    worker.on("exit", () => this.lose(thread, new HeavyWorkerExitedError()));
    return thread;
  }

  private lose(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    const job = thread.job;
    thread.job = null;
    job?.reject(error);
    this.pump();
  }

  private refusal(): Error {
    return this.stopped === "restoring" ? new AppError("CONFLICT", "interrupted_by_restore") : new HeavyPoolClosedError();
  }

  /**
   * Stops every thread (their connections close with them), failing the jobs running or waiting:
   * before a restore replaces the file (no connection may stay open on a file being replaced, nor
   * answer from the old one), and when the host closes. Resolves once the threads are gone.
   */
  async stop(why: "restoring" | "closed"): Promise<void> {
    this.stopped = why;
    const error = this.refusal();
    for (const job of this.queue.splice(0)) job.reject(error);
    const threads = this.threads.splice(0);
    for (const thread of threads) {
      thread.job?.reject(error);
      thread.job = null;
    }
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  /** After a restore: the next job starts a thread on the file as it is now. */
  resume(): void {
    if (this.stopped === "restoring") this.stopped = null;
    this.pump();
  }

  close(): Promise<void> {
    return this.stop("closed");
  }
}

/**
 * No pool (a dispatcher on its own: tools, a few unit tests): the same jobs on the main connection,
 * in this thread, refusing writes as any read does. Where a host runs, the pool is always there.
 */
export function inThisThread(db: () => ReadableServedDb): HeavyWork {
  return {
    run: (async (name: JobName, args?: unknown) => {
      const connection = db();
      // PostgreSQL: the server does the reading; this thread only awaits it (and draws a report).
      if (connection.dialect === "pg") return await runJob(connection, name, args);
      // The job's reads are synchronous (an access report reads everything before it draws): under
      // the connection's mutex, so they never run inside another request's open transaction (nor
      // switch its query_only off on their way out).
      const pending = connection.engine.exclusive((): unknown => {
        connection.sqlite.pragma("query_only = ON");
        try {
          return runJob(connection, name, args);
        } finally {
          connection.sqlite.pragma("query_only = OFF");
        }
      });
      return await pending;
    }) as HeavyWork["run"],
  };
}

class HeavyWorkerExitedError extends Error {
  constructor() {
    super("heavy-work thread exited early");
    this.name = "HeavyWorkerExitedError";
  }
}

class HeavyPoolClosedError extends Error {
  constructor() {
    super("the heavy-work pool is closed");
    this.name = "HeavyPoolClosedError";
  }
}
