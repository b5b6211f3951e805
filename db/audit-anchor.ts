import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { sql } from "drizzle-orm";
import type { Reads } from "./engine";
import type { ReadableDb } from "./open";
import { rowOf, runSteps, runStepsSync, type Steps } from "./read-steps";
import type { ReadableServedDb } from "./served";

/**
 * The audit chain's head, recorded outside the database: the chain itself shows an entry changed
 * or removed in the middle, but not the newest entries removed from the end. The host records the
 * head at each backup, at each successful `audit.verify` and when it closes (file and log line);
 * `audit.verify` then checks that the log still holds what the last anchor saw.
 */
export interface AuditAnchor {
  /** Entries in the log up to and including `lastId`. */
  entries: number;
  lastId: number;
  /** The hash of entry `lastId`. */
  head: string;
  /** When it was recorded (ms since epoch). */
  at: number;
}

export const AUDIT_ANCHOR_FILE = "audit-anchor.json";

/**
 * Where the anchor is kept, the one thing that differs between the engines: beside the SQLite file
 * (none for an in-memory database), or in a team server's data folder beside `audit.key` — never in
 * the database, whose owner could then cut the log and its anchor together.
 */
function anchorFile(db: ReadableServedDb): string | undefined {
  if (db.dialect === "pg") return join(db.folder, AUDIT_ANCHOR_FILE);
  return db.file === ":memory:" ? undefined : join(dirname(db.file), AUDIT_ANCHOR_FILE);
}

/** The last anchor; null when none was recorded yet, "unreadable" when the file was damaged or edited. */
export function readAuditAnchor(db: ReadableServedDb): AuditAnchor | null | "unreadable" {
  const file = anchorFile(db);
  if (!file) return null;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const a = JSON.parse(text) as Partial<AuditAnchor>;
    if (Number.isSafeInteger(a.entries) && Number.isSafeInteger(a.lastId) && typeof a.head === "string" && Number.isSafeInteger(a.at)) return a as AuditAnchor;
  } catch {
    // fall through
  }
  return "unreadable";
}

/** The log's current head: how many entries, the newest id and its hash. */
function* chainHead(now: number): Steps<AuditAnchor> {
  const last = yield* rowOf<{ id: number; hash: string }>(sql`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`);
  const count = yield* rowOf<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`);
  // Whole milliseconds: the reader refuses anything else, and an injected clock may be fractional.
  return { entries: count?.n ?? 0, lastId: last?.id ?? 0, head: last?.hash ?? "", at: Math.floor(now) };
}

/** The log's current head, read in the caller's transaction (the snapshot a verification walked). */
export function auditChainHead(tx: Reads, now: number): Promise<AuditAnchor> {
  return runSteps(tx, chainHead(now));
}

/** True when the log still holds exactly what the anchor recorded, newer entries aside. */
export function* chainHoldsAnchor(anchor: AuditAnchor): Steps<boolean> {
  if (anchor.lastId === 0) return anchor.entries === 0;
  const row = yield* rowOf<{ hash: string }>(sql`SELECT hash FROM audit_log WHERE id = ${anchor.lastId}`);
  if (row?.hash !== anchor.head) return false;
  const upTo = yield* rowOf<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE id <= ${anchor.lastId}`);
  return upTo?.n === anchor.entries;
}

/** The head, and whether the log still holds `previous` (a log cut short is never re-anchored). */
function* headOver(previous: AuditAnchor | null | "unreadable", now: number): Steps<{ head: AuditAnchor; holds: boolean }> {
  const holds = previous !== "unreadable" && (previous === null || (yield* chainHoldsAnchor(previous)));
  return { head: yield* chainHead(now), holds };
}

function settle(db: ReadableServedDb, holds: boolean, head: AuditAnchor): { anchored: boolean; head: AuditAnchor } {
  const file = anchorFile(db);
  if (!file || !holds) return { anchored: false, head };
  writeAnchor(file, head);
  return { anchored: true, head };
}

/**
 * Records the current head, only if the log still holds the previous anchor: a log cut short is
 * never re-anchored (verification keeps reporting it). Returns the head and whether it was recorded.
 * It writes a file, never the database: a read (`audit.verify`) may call it. Either engine: what a
 * team server on PostgreSQL calls at its anchoring moments (its close, say).
 */
export async function advanceServedAuditAnchor(db: ReadableServedDb, now: number): Promise<{ anchored: boolean; head: AuditAnchor }> {
  for (;;) {
    const previous = readAuditAnchor(db);
    const { head, holds } = await db.engine.transaction("read", (tx) => runSteps(tx, headOver(previous, now)));
    // While the head was read, another anchor may have been recorded on this thread (a
    // verification's): the check is made again against that one, never written over it unseen.
    if (sameAnchor(readAuditAnchor(db), previous)) return settle(db, holds, head);
  }
}

/** After a restore: the restored log is the reference now, shorter or not. Either engine. */
export async function resetServedAuditAnchor(db: ReadableServedDb, now: number): Promise<AuditAnchor> {
  const head = await db.engine.transaction("read", (tx) => auditChainHead(tx, now));
  const file = anchorFile(db);
  if (file) writeAnchor(file, head);
  return head;
}

/**
 * `advanceServedAuditAnchor` for the SQLite host (electron/host.ts) and the desk import, which are
 * synchronous: the same queries on the connection (db/read-steps.ts). Nothing else runs meanwhile.
 */
export function advanceAuditAnchor(db: ReadableDb, now: number): { anchored: boolean; head: AuditAnchor } {
  const { head, holds } = runStepsSync(db, headOver(readAuditAnchor(db), now));
  return settle(db, holds, head);
}

/** `resetServedAuditAnchor` for the SQLite host, synchronous as its restore is. */
export function resetAuditAnchor(db: ReadableDb, now: number): AuditAnchor {
  const head = runStepsSync(db, chainHead(now));
  const file = anchorFile(db);
  if (file) writeAnchor(file, head);
  return head;
}

/**
 * Records a head verified in its own snapshot (a worker thread's, or a PostgreSQL read transaction;
 * see electron/workers/jobs.ts), if the anchor file still holds `checked`, the anchor that
 * verification found held: an anchor recorded meanwhile (a backup's, newer) is never moved back.
 */
export function recordVerifiedHead(db: ReadableServedDb, checked: AuditAnchor | null, head: AuditAnchor): boolean {
  const file = anchorFile(db);
  if (!file || !sameAnchor(readAuditAnchor(db), checked)) return false;
  writeAnchor(file, head);
  return true;
}

function sameAnchor(current: AuditAnchor | null | "unreadable", expected: AuditAnchor | null | "unreadable"): boolean {
  if (current === null || current === "unreadable" || expected === null || expected === "unreadable") return current === expected;
  return current.entries === expected.entries && current.lastId === expected.lastId && current.head === expected.head && current.at === expected.at;
}

function writeAnchor(file: string, anchor: AuditAnchor): void {
  // Written aside then renamed: a crash leaves the old anchor or the new one, never half of one.
  const partial = `${file}.tmp`;
  writeFileSync(partial, JSON.stringify(anchor), { mode: 0o600 });
  renameSync(partial, file);
}
