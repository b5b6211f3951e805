import { createHash, createHmac } from "node:crypto";
import type Database from "better-sqlite3";
import { and, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import { chainHoldsAnchor, readAuditAnchor, type AuditAnchor } from "./audit-anchor";
import type { Db, ReadableDb } from "./open";
import type { AuditEntry, AuditProblem, AuditVerification } from "../common/contract/admin";
import { auditLog } from "./schema";

export interface AuditInput {
  at: number;
  userId: number | null;
  operation: string;
  entityType?: string | null;
  entityId?: string | number | null;
  fields?: readonly string[];
}

const GENESIS = "0".repeat(64);

type Entry = { at: number; userId: number | null; operation: string; entityType: string | null; entityId: string | null; fields: string };

function content(e: Entry): string {
  return JSON.stringify([e.at, e.userId, e.operation, e.entityType, e.entityId, e.fields]);
}

/** Entries written before migration 0011: plain SHA-256, which anyone holding the file can recompute. */
function unkeyedHash(prevHash: string, e: Entry): string {
  return createHash("sha256").update(prevHash).update("\n").update(content(e)).digest("hex");
}

/** Since: HMAC-SHA-256 under the installation's key (db/audit-key.ts), kept outside the file. */
function keyedHash(secret: Buffer, prevHash: string, e: Entry): string {
  return createHmac("sha256", secret).update(prevHash).update("\n").update(content(e)).digest("hex");
}

/** The last entry of the unkeyed chain, recorded by migration 0011; undefined before that migration. */
export function unkeyedUntil(sqlite: Database.Database): number | undefined {
  if (!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'").get()) return undefined;
  return (sqlite.prepare("SELECT unkeyed_until FROM audit_chain WHERE id = 1").pluck().get() as number | undefined) ?? 0;
}

/** Appends one entry chained to the previous one. Field names only: values never enter the log. */
export function appendAudit(db: Db, input: AuditInput): void {
  const last = db.orm.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: input.at,
    userId: input.userId,
    operation: input.operation,
    entityType: input.entityType ?? null,
    entityId: input.entityId == null ? null : String(input.entityId),
    fields: JSON.stringify(input.fields ?? []),
  };
  db.orm.insert(auditLog).values({ ...row, prevHash, hash: keyedHash(db.auditKey.secret, prevHash, row) }).run();
}

/**
 * The triggers that keep the log append-only (migrations 0001 and 0011), as SQLite stores them.
 * Verification compares them word for word: a guard dropped, or re-created to let something
 * through, is reported even if nothing was changed yet.
 */
const GUARDS: Record<string, string> = {
  audit_log_no_update: "CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
  audit_log_no_delete: "CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
  audit_log_no_replace:
    "CREATE TRIGGER `audit_log_no_replace` BEFORE INSERT ON `audit_log` WHEN EXISTS (SELECT 1 FROM `audit_log` WHERE `id` = NEW.`id`) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
  audit_chain_no_update: "CREATE TRIGGER `audit_chain_no_update` BEFORE UPDATE ON `audit_chain` BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END",
  audit_chain_no_delete: "CREATE TRIGGER `audit_chain_no_delete` BEFORE DELETE ON `audit_chain` BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END",
};

const oneLine = (sql: string) => sql.replace(/\s+/g, " ").trim();

function guardsIntact(sqlite: Database.Database): boolean {
  const found = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'audit_chain')")
    .all() as { name: string; sql: string }[];
  if (found.length !== Object.keys(GUARDS).length) return false;
  return found.every((t) => Object.hasOwn(GUARDS, t.name) && oneLine(t.sql) === GUARDS[t.name]);
}

/**
 * Walks the chain from the start, then checks the guards, the keyed chain's start and the last
 * anchor (`anchor`: the one read by the caller, when it must know which one was checked).
 */
export function verifyAudit(db: ReadableDb, anchor: AuditAnchor | null | "unreadable" = readAuditAnchor(db)): AuditVerification {
  const problems: AuditProblem[] = [];
  const boundary = unkeyedUntil(db.sqlite) ?? 0;
  let prevHash = GENESIS;
  let checked = 0;
  let unkeyed = 0;
  let firstBrokenId: number | null = null;
  for (const row of db.sqlite
    .prepare("SELECT id, at, user_id AS userId, operation, entity_type AS entityType, entity_id AS entityId, fields, prev_hash AS prevHash, hash FROM audit_log ORDER BY id")
    .iterate() as Iterable<Entry & { id: number; prevHash: string; hash: string }>) {
    const expected = row.id <= boundary ? unkeyedHash(prevHash, row) : keyedHash(db.auditKey.secret, prevHash, row);
    if (row.prevHash !== prevHash || expected !== row.hash) {
      firstBrokenId = row.id;
      problems.push("chain");
      break;
    }
    prevHash = row.hash;
    checked++;
    if (row.id <= boundary) unkeyed++;
  }
  if (!guardsIntact(db.sqlite)) problems.push("guards");
  if (unkeyedUntil(db.sqlite) === undefined || !db.sqlite.prepare("SELECT 1 FROM audit_chain WHERE id = 1").get() || boundary > db.auditKey.unkeyedUntil) problems.push("boundary");
  if (anchor === "unreadable" || (anchor && !chainHoldsAnchor(db, anchor))) problems.push("anchor");
  return {
    ok: problems.length === 0,
    checked,
    unkeyed,
    keyed: checked - unkeyed,
    firstBrokenId,
    problems,
    anchor: anchor && anchor !== "unreadable" ? { entries: anchor.entries, at: anchor.at } : null,
  };
}

export interface AuditFilter {
  userId?: number;
  operation?: string;
  from?: number;
  to?: number;
  page: number;
  pageSize: number;
}

export function listAudit(db: ReadableDb, f: AuditFilter): { rows: AuditEntry[]; total: number } {
  const conditions: SQL[] = [];
  if (f.userId !== undefined) conditions.push(eq(auditLog.userId, f.userId));
  if (f.operation) conditions.push(eq(auditLog.operation, f.operation));
  if (f.from !== undefined) conditions.push(gte(auditLog.at, f.from));
  if (f.to !== undefined) conditions.push(lte(auditLog.at, f.to));
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = db.orm
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userId: auditLog.userId,
      operation: auditLog.operation,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      fields: auditLog.fields,
    })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.pageSize)
    .offset(f.page * f.pageSize)
    .all()
    .map((r) => ({ ...r, fields: JSON.parse(r.fields) as string[] }));
  const total = db.orm.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  return { rows, total };
}

export function auditOperations(db: ReadableDb): string[] {
  return (db.sqlite.prepare("SELECT DISTINCT operation FROM audit_log ORDER BY operation").pluck().all() as string[]);
}
