// One thread of the heavy-work pool (pool.ts): its own read-only connection to the database file,
// opened at its first job, then the jobs of jobs.ts one at a time as the main thread sends them.
// Bundled to heavy-worker.cjs; started from sources through from-source.mjs.
import { parentPort, workerData } from "node:worker_threads";
import type { ReadableDb } from "../../db/open";
import { openReadOnly } from "../../db/open";
import { runJob, type JobName } from "./jobs";
import { yieldToMainThread } from "./thread-priority";
import { describeJobError, type HeavyWorkerData, type JobRequest, type JobAnswer } from "./messages";

const data = workerData as HeavyWorkerData;

yieldToMainThread();
let db: ReadableDb | undefined;

parentPort!.on("message", (request: JobRequest) => {
  void (async () => {
    let answer: JobAnswer;
    try {
      // The key arrives as bytes (a Buffer does not survive the copy between threads).
      db ??= openReadOnly(data.file, { auditKey: { secret: Buffer.from(data.auditKey.secret), unkeyedUntil: data.auditKey.unkeyedUntil }, nativeBinding: data.nativeBinding });
      answer = { id: request.id, ok: true, value: await runJob(db, request.name as JobName, request.args) };
    } catch (error) {
      answer = { id: request.id, ok: false, error: describeJobError(error) };
    }
    parentPort!.postMessage(answer);
  })();
});
