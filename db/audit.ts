import { createHash } from "node:crypto";
import { and, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { Db } from "./open";
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

function entryHash(prevHash: string, e: { at: number; userId: number | null; operation: string; entityType: string | null; entityId: string | null; fields: string }): string {
  return createHash("sha256")
    .update(prevHash)
    .update("\n")
    .update(JSON.stringify([e.at, e.userId, e.operation, e.entityType, e.entityId, e.fields]))
    .digest("hex");
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
  db.orm.insert(auditLog).values({ ...row, prevHash, hash: entryHash(prevHash, row) }).run();
}

export type AuditVerification = { ok: true; checked: number } | { ok: false; checked: number; firstBrokenId: number };

/** Walks the chain from the start; the first entry whose hash or link does not match is reported. */
export function verifyAudit(db: Db): AuditVerification {
  let prevHash = GENESIS;
  let checked = 0;
  for (const row of db.sqlite
    .prepare("SELECT id, at, user_id AS userId, operation, entity_type AS entityType, entity_id AS entityId, fields, prev_hash AS prevHash, hash FROM audit_log ORDER BY id")
    .iterate() as Iterable<{ id: number; at: number; userId: number | null; operation: string; entityType: string | null; entityId: string | null; fields: string; prevHash: string; hash: string }>) {
    if (row.prevHash !== prevHash || entryHash(prevHash, row) !== row.hash) return { ok: false, checked, firstBrokenId: row.id };
    prevHash = row.hash;
    checked++;
  }
  return { ok: true, checked };
}

export interface AuditFilter {
  userId?: number;
  operation?: string;
  from?: number;
  to?: number;
  page: number;
  pageSize: number;
}

export function listAudit(db: Db, f: AuditFilter) {
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

export function auditOperations(db: Db): string[] {
  return (db.sqlite.prepare("SELECT DISTINCT operation FROM audit_log ORDER BY operation").pluck().all() as string[]);
}
