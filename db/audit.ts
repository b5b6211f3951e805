import { createHash, createHmac } from "node:crypto";
import type Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { chainHoldsAnchor, readAuditAnchor, type AuditAnchor } from "./audit-anchor";
import type { AuditKey } from "./audit-key";
import type { Dialect, Reads, Writes } from "./engine";
import type { Db, ReadableDb } from "./open";
import type { AuditEntry, AuditProblem, AuditVerification } from "../common/contract/admin";
import { rowOf, rowsOf, runSteps, runStepsSync, type Steps } from "./read-steps";
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

/** A guard's name and its definition, as the engine's catalogue gives it. */
type Guard = { name: string; sql: string };

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** Exactly the expected guards, word for word: none missing, none altered, none added. */
function sameGuards(found: readonly Guard[], expected: Record<string, string>): boolean {
  return found.length === Object.keys(expected).length && found.every((t) => Object.hasOwn(expected, t.name) && oneLine(t.sql) === expected[t.name]);
}

/**
 * The triggers that keep the log append-only (migrations 0001 and 0011), as SQLite stores them.
 * Verification compares them word for word: a guard dropped, or re-created to let something
 * through, is reported even if nothing was changed yet.
 */
const SQLITE_GUARDS: Record<string, string> = {
  audit_log_no_update: "CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
  audit_log_no_delete: "CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
  audit_log_no_replace:
    "CREATE TRIGGER `audit_log_no_replace` BEFORE INSERT ON `audit_log` WHEN EXISTS (SELECT 1 FROM `audit_log` WHERE `id` = NEW.`id`) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
  audit_chain_no_update: "CREATE TRIGGER `audit_chain_no_update` BEFORE UPDATE ON `audit_chain` BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END",
  audit_chain_no_delete: "CREATE TRIGGER `audit_chain_no_delete` BEFORE DELETE ON `audit_chain` BEGIN SELECT RAISE(ABORT, 'audit_chain is fixed'); END",
};

/** PostgreSQL's (db/pg/migrations/0001), as `pg_get_triggerdef` gives them back. */
const PG_GUARDS: Record<string, string> = {
  audit_log_no_update: "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_log is append-only')",
  audit_log_no_delete: "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_log is append-only')",
  audit_log_no_truncate: "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('audit_log is append-only')",
  audit_chain_no_update: "CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON public.audit_chain FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_chain is fixed')",
  audit_chain_no_delete: "CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON public.audit_chain FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_chain is fixed')",
  audit_chain_no_truncate: "CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON public.audit_chain FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('audit_chain is fixed')",
};

/** The body of the function every PostgreSQL guard calls: replaced by one that lets rows through, the guards are names only. */
const PG_REFUSAL = "BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END";

/**
 * Whether the guards stand, one function per engine. PostgreSQL's are more than the triggers: each
 * also enabled ('O': the owner may switch one off and on again) and calling the refusal as written;
 * and the grants of migration 0002, which keep the server's role from changing the tables, or from
 * owning them (an owner may set the triggers aside).
 */
const GUARDS_INTACT: Record<Dialect, () => Steps<boolean>> = {
  sqlite: function* () {
    const found = yield* rowsOf<Guard>(sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'audit_chain')`);
    return sameGuards(found, SQLITE_GUARDS);
  },
  pg: function* () {
    const found = yield* rowsOf<Guard & { enabled: string; body: string }>(
      sql`SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS sql, t.tgenabled AS enabled, p.prosrc AS body
          FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
          WHERE t.tgrelid IN (to_regclass('audit_log'), to_regclass('audit_chain')) AND NOT t.tgisinternal`,
    );
    if (!sameGuards(found, PG_GUARDS) || !found.every((t) => t.enabled === "O" && oneLine(t.body) === PG_REFUSAL)) return false;
    const changeable = yield* rowOf(
      sql`SELECT 1 AS changeable FROM pg_class c
          WHERE c.oid IN (to_regclass('audit_log'), to_regclass('audit_chain'))
            AND (has_any_column_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE') OR pg_has_role(c.relowner, 'MEMBER'))
          LIMIT 1`,
    );
    return changeable === undefined;
  },
};

// Whether the keyed chain's record (migration 0011) is there at all: read before it, so that a
// dropped table is reported rather than failing the verification.
const CHAIN_TABLE = {
  sqlite: sql`SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'`,
  pg: sql`SELECT 1 AS present WHERE to_regclass('audit_chain') IS NOT NULL`,
} as const;

/** The last unkeyed entry as the database records it; undefined when the record is missing. */
function* keyedChainStart(dialect: Dialect): Steps<number | undefined> {
  if (!(yield* rowOf(CHAIN_TABLE[dialect]))) return undefined;
  return (yield* rowOf<{ unkeyedUntil: number }>(sql`SELECT unkeyed_until AS "unkeyedUntil" FROM audit_chain WHERE id = 1`))?.unkeyedUntil;
}

/** An entry as the chain's walk reads it. */
export type ChainRow = Entry & { id: number; prevHash: string; hash: string };

/** The columns of a `ChainRow`, the same text on both engines. */
export const CHAIN_COLUMNS = `id, at, user_id AS "userId", operation, entity_type AS "entityType", entity_id AS "entityId", fields, prev_hash AS "prevHash", hash`;

/**
 * Entries read per query, from just after the last one checked (the primary key's order, never an
 * OFFSET). Bounds what is held in memory, and on PostgreSQL, where the walk runs on the server's
 * thread, how long that thread hashes before it answers the desks again: about 1 ms a page here
 * (300,000 entries verified in 1.9 s on PostgreSQL; on SQLite as fast as one statement's iterator).
 */
export const CHAIN_PAGE = 500;

const chainPage = (after: number) => sql`SELECT ${sql.raw(CHAIN_COLUMNS)} FROM audit_log WHERE id > ${after} ORDER BY id LIMIT ${CHAIN_PAGE}`;

/**
 * The chain checked in id order from the first entry, each against the one before: unkeyed up to
 * `boundary`, keyed after it. Fed a page at a time; ends at the first entry that does not hold.
 */
class ChainWalk {
  private prevHash = GENESIS;
  checked = 0;
  unkeyed = 0;
  firstBrokenId: number | null = null;

  constructor(
    private readonly boundary: number,
    private readonly secret: Buffer,
  ) {}

  /** The next entries; false once one does not hold. */
  take(rows: Iterable<ChainRow>): boolean {
    for (const row of rows) {
      const unkeyed = row.id <= this.boundary;
      const expected = unkeyed ? unkeyedHash(this.prevHash, row) : keyedHash(this.secret, this.prevHash, row);
      if (row.prevHash !== this.prevHash || expected !== row.hash) {
        this.firstBrokenId = row.id;
        return false;
      }
      this.prevHash = row.hash;
      this.checked++;
      if (unkeyed) this.unkeyed++;
    }
    return true;
  }
}

/** Walks rows (an array, an iterator over the table) as verification does, stopping at the first that does not hold. */
export function walkChain(rows: Iterable<ChainRow>, boundary: number, secret: Buffer): { checked: number; unkeyed: number; firstBrokenId: number | null } {
  const walk = new ChainWalk(boundary, secret);
  walk.take(rows);
  return { checked: walk.checked, unkeyed: walk.unkeyed, firstBrokenId: walk.firstBrokenId };
}

/**
 * Walks the chain from the start, then checks the guards, the keyed chain's start and the last
 * anchor (the one read by the caller, which must know which one was checked).
 */
function* verification(dialect: Dialect, key: AuditKey, anchor: AuditAnchor | null | "unreadable"): Steps<AuditVerification> {
  const problems: AuditProblem[] = [];
  const boundary = yield* keyedChainStart(dialect);
  const walk = new ChainWalk(boundary ?? 0, key.secret);
  for (let after = 0; ; ) {
    const page = yield* rowsOf<ChainRow>(chainPage(after));
    if (!walk.take(page) || page.length < CHAIN_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  if (walk.firstBrokenId !== null) problems.push("chain");
  if (!(yield* GUARDS_INTACT[dialect]())) problems.push("guards");
  if (boundary === undefined || boundary > key.unkeyedUntil) problems.push("boundary");
  if (anchor === "unreadable" || (anchor && !(yield* chainHoldsAnchor(anchor)))) problems.push("anchor");
  return {
    ok: problems.length === 0,
    checked: walk.checked,
    unkeyed: walk.unkeyed,
    keyed: walk.checked - walk.unkeyed,
    firstBrokenId: walk.firstBrokenId,
    problems,
    anchor: anchor && anchor !== "unreadable" ? { entries: anchor.entries, at: anchor.at } : null,
  };
}

/**
 * Verifies the whole log in the caller's read transaction (one snapshot, either engine), a page of
 * entries at a time. `key`: the installation's (db/audit-key.ts); `anchor`: the last one recorded
 * (db/audit-anchor.ts), which the caller reads so that it knows which one was checked.
 */
export function verifyAudit(tx: Reads, key: AuditKey, anchor: AuditAnchor | null | "unreadable"): Promise<AuditVerification> {
  return runSteps(tx, verification(tx.dialect, key, anchor));
}

/** `verifyAudit` for the callers still synchronous on a SQLite connection (the desk import, the crash and fuzz harnesses). */
export function verifyAuditSync(db: ReadableDb, anchor: AuditAnchor | null | "unreadable" = readAuditAnchor(db)): AuditVerification {
  return runStepsSync(db, verification("sqlite", db.auditKey, anchor));
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
