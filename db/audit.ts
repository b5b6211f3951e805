import { createHash, createHmac } from "node:crypto";
import type Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { chainHoldsAnchor, readAuditAnchor, type AuditAnchor } from "./audit-anchor";
import type { AuditKey } from "./audit-key";
import type { Reads, Writes } from "./engine";
import type { Db, ReadableDb } from "./open";
import type { AuditEntry, AuditProblem, AuditVerification } from "../common/contract/admin";
import { syncOne, syncRun } from "./transition";

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

// The chain's head and the entry after it: built once, run by `appendAudit` and its `…Sync` twin.
const headQuery = () => sql`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`;

function nextEntry(input: AuditInput, prevHash: string, secret: Buffer): SQL {
  const row: Entry = {
    at: input.at,
    userId: input.userId,
    operation: input.operation,
    entityType: input.entityType ?? null,
    entityId: input.entityId == null ? null : String(input.entityId),
    fields: JSON.stringify(input.fields ?? []),
  };
  return sql`INSERT INTO audit_log (at, user_id, operation, entity_type, entity_id, fields, prev_hash, hash)
             VALUES (${row.at}, ${row.userId}, ${row.operation}, ${row.entityType}, ${row.entityId}, ${row.fields}, ${prevHash}, ${keyedHash(secret, prevHash, row)})`;
}

/**
 * Appends one entry chained to the previous one. Field names only: values never enter the log.
 * It reads the head, then writes after it: only in a write transaction, which is serialised on
 * both engines (SQLite's write lock, PostgreSQL's advisory lock), so two entries never share a head.
 * `key`: the installation's audit key (db/audit-key.ts), which the transaction does not carry.
 */
export async function appendAudit(tx: Writes, input: AuditInput, key: AuditKey): Promise<void> {
  const last = await tx.one<{ hash: string }>(headQuery());
  await tx.run(nextEntry(input, last?.hash ?? GENESIS, key.secret));
}

/** `appendAudit` for the callers still on the SQLite connection (db/transition.ts), with its key. */
export function appendAuditSync(db: Db, input: AuditInput): void {
  const last = syncOne<{ hash: string }>(db, headQuery());
  syncRun(db, nextEntry(input, last?.hash ?? GENESIS, db.auditKey.secret));
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

/** An entry as the chain's walk reads it. */
export type ChainRow = Entry & { id: number; prevHash: string; hash: string };

/** The columns of a `ChainRow`, the same text on both engines. */
export const CHAIN_COLUMNS = `id, at, user_id AS "userId", operation, entity_type AS "entityType", entity_id AS "entityId", fields, prev_hash AS "prevHash", hash`;

/**
 * Checks entries in id order from the first, each against the one before: unkeyed up to `boundary`,
 * keyed after it. Stops at the first that does not hold (`firstBrokenId`). Rows may be an iterator
 * over the table, so a long log is never held in memory.
 */
export function walkChain(rows: Iterable<ChainRow>, boundary: number, secret: Buffer): { checked: number; unkeyed: number; firstBrokenId: number | null } {
  let prevHash = GENESIS;
  let checked = 0;
  let unkeyed = 0;
  for (const row of rows) {
    const expected = row.id <= boundary ? unkeyedHash(prevHash, row) : keyedHash(secret, prevHash, row);
    if (row.prevHash !== prevHash || expected !== row.hash) return { checked, unkeyed, firstBrokenId: row.id };
    prevHash = row.hash;
    checked++;
    if (row.id <= boundary) unkeyed++;
  }
  return { checked, unkeyed, firstBrokenId: null };
}

/**
 * Walks the chain from the start, then checks the guards, the keyed chain's start and the last
 * anchor (`anchor`: the one read by the caller, when it must know which one was checked).
 */
export function verifyAudit(db: ReadableDb, anchor: AuditAnchor | null | "unreadable" = readAuditAnchor(db)): AuditVerification {
  const problems: AuditProblem[] = [];
  const boundary = unkeyedUntil(db.sqlite) ?? 0;
  const rows = db.sqlite.prepare(`SELECT ${CHAIN_COLUMNS} FROM audit_log ORDER BY id`).iterate() as Iterable<ChainRow>;
  const { checked, unkeyed, firstBrokenId } = walkChain(rows, boundary, db.auditKey.secret);
  if (firstBrokenId !== null) problems.push("chain");
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

export async function listAudit(tx: Reads, f: AuditFilter): Promise<{ rows: AuditEntry[]; total: number }> {
  const conditions: SQL[] = [];
  if (f.userId !== undefined) conditions.push(sql`user_id = ${f.userId}`);
  if (f.operation) conditions.push(sql`operation = ${f.operation}`);
  if (f.from !== undefined) conditions.push(sql`at >= ${f.from}`);
  if (f.to !== undefined) conditions.push(sql`at <= ${f.to}`);
  const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  const rows = await tx.all<Omit<AuditEntry, "fields"> & { fields: string }>(
    sql`SELECT id, at, user_id AS "userId", operation, entity_type AS "entityType", entity_id AS "entityId", fields
        FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT ${f.pageSize} OFFSET ${f.page * f.pageSize}`,
  );
  const total = (await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log ${where}`))?.n ?? 0;
  return { rows: rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as string[] })), total };
}

// Operation names in byte order on both engines (PostgreSQL's database collation would order by
// language rules, its punctuation and case set aside).
const OPERATIONS = {
  sqlite: sql`SELECT operation FROM audit_log GROUP BY operation ORDER BY operation`,
  pg: sql`SELECT operation FROM audit_log GROUP BY operation ORDER BY operation COLLATE "C"`,
} as const;

export async function auditOperations(tx: Reads): Promise<string[]> {
  return (await tx.all<{ operation: string }>(OPERATIONS[tx.dialect])).map((row) => row.operation);
}
