import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ReadableDb } from "./open";

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

function anchorFile(db: ReadableDb): string | undefined {
  return db.file === ":memory:" ? undefined : join(dirname(db.file), AUDIT_ANCHOR_FILE);
}

/** The last anchor; null when none was recorded yet, "unreadable" when the file was damaged or edited. */
export function readAuditAnchor(db: ReadableDb): AuditAnchor | null | "unreadable" {
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
export function auditChainHead(db: ReadableDb, now: number): AuditAnchor {
  const last = db.sqlite.prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").get() as { id: number; hash: string } | undefined;
  const entries = db.sqlite.prepare("SELECT count(*) FROM audit_log").pluck().get() as number;
  // Whole milliseconds: the reader refuses anything else, and an injected clock may be fractional.
  return { entries, lastId: last?.id ?? 0, head: last?.hash ?? "", at: Math.floor(now) };
}

/** True when the log still holds exactly what the anchor recorded, newer entries aside. */
export function chainHoldsAnchor(db: ReadableDb, anchor: AuditAnchor): boolean {
  if (anchor.lastId === 0) return anchor.entries === 0;
  const row = db.sqlite.prepare("SELECT hash FROM audit_log WHERE id = ?").get(anchor.lastId) as { hash: string } | undefined;
  if (row?.hash !== anchor.head) return false;
  return db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE id <= ?").pluck().get(anchor.lastId) === anchor.entries;
}

/**
 * Records the current head, only if the log still holds the previous anchor: a log cut short is
 * never re-anchored (verification keeps reporting it). Returns the head and whether it was recorded.
 * It writes a file beside the database, never the database: a read (`audit.verify`) may call it.
 */
export function advanceAuditAnchor(db: ReadableDb, now: number): { anchored: boolean; head: AuditAnchor } {
  const head = auditChainHead(db, now);
  const file = anchorFile(db);
  if (!file) return { anchored: false, head };
  const previous = readAuditAnchor(db);
  if (previous === "unreadable" || (previous && !chainHoldsAnchor(db, previous))) return { anchored: false, head };
  writeAnchor(file, head);
  return { anchored: true, head };
}

/**
 * Records a head verified on another connection (a worker thread's snapshot, see
 * electron/workers/jobs.ts), if the anchor file still holds `checked`, the anchor that
 * verification found held: an anchor recorded meanwhile (a backup's, newer) is never moved back.
 */
export function recordVerifiedHead(db: ReadableDb, checked: AuditAnchor | null, head: AuditAnchor): boolean {
  const file = anchorFile(db);
  if (!file) return false;
  const current = readAuditAnchor(db);
  const same = current === null || current === "unreadable" ? current === checked : checked !== null && current.entries === checked.entries && current.lastId === checked.lastId && current.head === checked.head && current.at === checked.at;
  if (!same) return false;
  writeAnchor(file, head);
  return true;
}

/** After a restore: the restored log is the reference now, shorter or not. */
export function resetAuditAnchor(db: ReadableDb, now: number): AuditAnchor {
  const head = auditChainHead(db, now);
  const file = anchorFile(db);
  if (file) writeAnchor(file, head);
  return head;
}

function writeAnchor(file: string, anchor: AuditAnchor): void {
  // Written aside then renamed: a crash leaves the old anchor or the new one, never half of one.
  const partial = `${file}.tmp`;
  writeFileSync(partial, JSON.stringify(anchor), { mode: 0o600 });
  renameSync(partial, file);
}
