// One thread of the heavy-work pool (pool.ts): its own read-only connection to the database file
// (or one connection to the PostgreSQL server, as the app's role),
// opened at its first job, then the jobs of jobs.ts one at a time as the main thread sends them.
// Bundled to heavy-worker.cjs; started from sources through from-source.mjs.
import { parentPort, workerData } from "node:worker_threads";
import { openReadOnly } from "../../db/open";
import { openPgWorkerDb } from "../../db/pg/served";
import type { ReadableServedDb } from "../../db/served";
import { runJob, type JobName } from "./jobs";
import { yieldToMainThread } from "./thread-priority";
import { describeJobError, type HeavyWorkerData, type JobRequest, type JobAnswer } from "./messages";

const data = workerData as HeavyWorkerData;

yieldToMainThread();
let db: ReadableServedDb | undefined;

parentPort!.on("message", (request: JobRequest) => {
  void (async () => {
    let answer: JobAnswer;
    try {
      // The key arrives as bytes (a Buffer does not survive the copy between threads).
      const auditKey = { secret: Buffer.from(data.auditKey.secret), unkeyedUntil: data.auditKey.unkeyedUntil };
      const { source } = data;
      db ??= "file" in source ? openReadOnly(source.file, { auditKey, nativeBinding: data.nativeBinding }) : openPgWorkerDb(source.postgres, source.folder, auditKey);
      answer = { id: request.id, ok: true, value: await runJob(db, request.name as JobName, request.args) };
    } catch (error) {
      answer = { id: request.id, ok: false, error: describeJobError(error) };
    }
    parentPort!.postMessage(answer);
  })();
});
