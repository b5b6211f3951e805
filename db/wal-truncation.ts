import { emptyWal } from "./erasure";
import { scrubErasedTraces } from "./erasure-traces";
import type { ReadableDb } from "./open";

/**
 * Erasures whose old pages may still sit in the WAL: `wal_checkpoint(TRUNCATE)` cannot finish
 * while another connection (an export worker, the integrity check, a backup) reads an older
 * snapshot, so the erased person's bytes stay in `-wal` until every reader lets go. Remembered per
 * connection, in memory only: closing the last connection checkpoints and deletes the WAL, so a
 * fresh start has nothing pending.
 */
const waiting = new WeakMap<ReadableDb, Set<string>>();

/** What removed the data: an erasure (`erasure:<request id>`) or a retention run (`retention`). */
export type WalPendingKey = `erasure:${number}` | "retention";

/** The removal committed, but its first checkpoint found a reader. */
export function markWalPending(db: ReadableDb, key: WalPendingKey): void {
  let pending = waiting.get(db);
  if (!pending) waiting.set(db, (pending = new Set()));
  pending.add(key);
}

/** Whether the removed data's old pages may still be in the WAL. */
export function walPendingFor(db: ReadableDb, key: WalPendingKey): boolean {
  return waiting.get(db)?.has(key) ?? false;
}

export function hasWalPending(db: ReadableDb): boolean {
  return (waiting.get(db)?.size ?? 0) > 0;
}

/**
 * One more attempt, never waiting for a reader: `none` (nothing was pending), `emptied` (the WAL
 * is now empty, every pending removal is done: their count is returned), or `busy`.
 */
export function retryWalTruncation(db: ReadableDb): { outcome: "none" | "busy" } | { outcome: "emptied"; removals: number } {
  const pending = waiting.get(db);
  if (!pending?.size) return { outcome: "none" };
  // An erasure's search index is rewritten first (once), so its rebuilt pages leave no trace.
  if (db.writer.open) scrubErasedTraces(db, pending);
  if (!db.writer.open || !emptyWal(db)) return { outcome: "busy" };
  const removals = pending.size;
  pending.clear();
  return { outcome: "emptied", removals };
}
