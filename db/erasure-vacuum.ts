import type { VacuumFailure } from "../common/contract/privacy";
import type { PgDb } from "./pg/served";
import { vacuumTables, VacuumSkippedError } from "./pg/vacuum";

/**
 * On a team server's PostgreSQL database, what follows an erasure's (or a retention run's) commit:
 * a VACUUM (ANALYZE) of the tables it changed (db/pg/vacuum.ts), so the dead rows' space is
 * reusable at once and new rows overwrite the erased bytes sooner. The person is unreachable from
 * the commit on; the vacuum is the clean-up behind it, as emptying the WAL is on SQLite
 * (db/wal-truncation.ts).
 *
 * It runs after the answer (the agent does not wait for it), on the owner's connection (only a
 * table's owner may vacuum it), one at a time: removals committed while one runs wait, and the next
 * vacuum covers all of them. What happened to each removal is remembered per database, in memory,
 * so the erasure screen can ask (privacy.erasureStatus). A vacuum that did not happen — no owner's
 * connection, tables PostgreSQL skipped, a failure — is recorded as such, never as done.
 */

/** What removed the data: an erasure (`erasure:<request id>`) or a retention run. */
export type VacuumKey = `erasure:${number}` | "retention";

type Outcome = { state: "pending" } | { state: "done" } | { state: "failed"; reason: Exclude<VacuumFailure, "not_recorded"> };

/** The host's log (electron/log.ts): event names, ids and counts only. */
export interface VacuumLog {
  info(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
  warn(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
  error(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

interface Queue {
  /** Removals committed and not yet covered by a vacuum that has started, with their tables. */
  waiting: Map<VacuumKey, Set<string>>;
  running: boolean;
  outcomes: Map<VacuumKey, Outcome>;
  log: VacuumLog | undefined;
}

const queues = new WeakMap<PgDb, Queue>();

/** Outcomes kept per database: the erasure screen asks about the latest ones, for seconds. */
const REMEMBERED = 1000;

function queueOf(db: PgDb): Queue {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: new Map(), running: false, outcomes: new Map(), log: undefined }));
  return queue;
}

function remember(queue: Queue, key: VacuumKey, outcome: Outcome): void {
  // Re-inserted at the end: the oldest outcomes are the ones forgotten.
  queue.outcomes.delete(key);
  queue.outcomes.set(key, outcome);
  if (queue.outcomes.size > REMEMBERED) queue.outcomes.delete(queue.outcomes.keys().next().value!);
}

/**
 * Called once the removal committed: queues the vacuum of `tables`, started on the event loop's
 * next turn (after the answer). Without an owner's connection, records at once that it will not run.
 */
export function vacuumAfterCommit(db: PgDb, key: VacuumKey, tables: readonly string[], log?: VacuumLog): void {
  const queue = queueOf(db);
  if (log) queue.log = log;
  if (tables.length === 0) return remember(queue, key, { state: "done" });
  const owner = db.owner;
  if (!owner) {
    queue.log?.warn("vacuum.noOwner", { key, tables: tables.length });
    return remember(queue, key, { state: "failed", reason: "no_owner" });
  }
  remember(queue, key, { state: "pending" });
  const waiting = queue.waiting.get(key) ?? new Set();
  for (const table of tables) waiting.add(table);
  queue.waiting.set(key, waiting);
  if (queue.running) return;
  queue.running = true;
  setImmediate(() => void drain(queue, owner));
}

/** Vacuums what waits, one VACUUM at a time, until nothing does. Never throws. */
async function drain(queue: Queue, owner: NonNullable<PgDb["owner"]>): Promise<void> {
  try {
    while (queue.waiting.size > 0) {
      const batch = [...queue.waiting];
      queue.waiting.clear();
      const keys = batch.map(([key]) => key);
      const tables = [...new Set(batch.flatMap(([, names]) => [...names]))];
      const outcome = await vacuumOnce(owner, tables, keys.join("|"), queue.log);
      for (const key of keys) remember(queue, key, outcome);
    }
  } finally {
    queue.running = false;
  }
}

async function vacuumOnce(owner: NonNullable<PgDb["owner"]>, tables: string[], keys: string, log: VacuumLog | undefined): Promise<Outcome> {
  try {
    if (owner.ending || owner.ended) throw new Error("The owner's pool is closed");
    const { ms } = await vacuumTables(owner, tables);
    log?.info("vacuum.done", { keys, tables: tables.length, ms });
    return { state: "done" };
  } catch (error) {
    if (error instanceof VacuumSkippedError) {
      // The owner's role does not own the tables (a wrong --database-owner): IT's to correct.
      log?.error("vacuum.skipped", { keys, tables: tables.length, skipped: error.notices.length });
      return { state: "failed", reason: "skipped" };
    }
    // The server stopping while a vacuum waited is no incident: the vacuum just did not happen.
    if (owner.ending || owner.ended) log?.info("vacuum.abandoned", { keys, tables: tables.length });
    else log?.error("vacuum.failed", { keys, tables: tables.length, error: error instanceof Error ? error.name : "unknown", code: (error as { code?: string }).code });
    return { state: "failed", reason: "failed" };
  }
}

/** Where the vacuum after a removal stands: done, still to come, or not happening (and why). */
export function vacuumStatus(db: PgDb, key: VacuumKey): { done: boolean; vacuumFailed?: VacuumFailure } {
  const outcome = queues.get(db)?.outcomes.get(key);
  if (!outcome) return { done: false, vacuumFailed: "not_recorded" };
  if (outcome.state === "failed") return { done: false, vacuumFailed: outcome.reason };
  return { done: outcome.state === "done" };
}
