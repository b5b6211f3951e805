import type { Query, Reads } from "./engine";
import type { ReadableDb } from "./open";
import { syncAll } from "./transition";

/**
 * A read written once as a sequence of steps, each a query whose rows it is handed back: run on an
 * engine's transaction (`runSteps`, either engine), or on the SQLite connection for a caller still
 * synchronous (`runStepsSync`: the host's anchors, the desk import; see db/transition.ts). The
 * flow and its SQL exist once; only the driver differs. The synchronous driver goes with the last
 * synchronous caller.
 */
export type Steps<T> = Generator<Query, T, unknown[]>;

/** Every row of a query. */
export function* rowsOf<T>(query: Query): Steps<T[]> {
  return (yield query) as T[];
}

/** The first row of a query, if any. */
export function* rowOf<T>(query: Query): Steps<T | undefined> {
  return ((yield query) as T[])[0];
}

export async function runSteps<T>(tx: Reads, steps: Steps<T>): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await tx.all(step.value));
  return step.value;
}

export function runStepsSync<T>(db: ReadableDb, steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next(syncAll(db, step.value));
  return step.value;
}
