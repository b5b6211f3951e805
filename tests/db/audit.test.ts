import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CHAIN_COLUMNS, appendAudit, appendAuditSync, auditOperations, listAudit, verifyAuditSync, walkChain, type AuditInput, type ChainRow } from "../../db/audit";
import { ephemeralAuditKey, type AuditKey } from "../../db/audit-key";
import type { Engine } from "../../db/engine";
import { ENGINES, freshEngines, type MigratedTestEngine } from "../fixtures/engines";

const fresh = freshEngines();

async function open(kind: (typeof ENGINES)[number]): Promise<{ engine: Engine; key: AuditKey; t: MigratedTestEngine }> {
  const t = await fresh(kind);
  // SQLite: the file's own key (so verifyAudit can check what was written); PostgreSQL: one for the test.
  return { engine: t.engine, key: t.db?.auditKey ?? ephemeralAuditKey(0), t };
}

/** The chain as stored, walked with the key as verifyAudit walks it (db/audit.ts). */
async function chainOf(engine: Engine, key: AuditKey): Promise<{ rows: ChainRow[]; valid: boolean }> {
  const rows = await engine.transaction("read", (tx) => tx.all<ChainRow>(sql`SELECT ${sql.raw(CHAIN_COLUMNS)} FROM audit_log ORDER BY id`));
  const walked = walkChain(rows, 0, key.secret);
  return { rows, valid: walked.firstBrokenId === null && walked.checked === rows.length };
}

const entry = (operation: string, extra: Partial<AuditInput> = {}): AuditInput => ({ at: Date.UTC(2026, 11, 2, 8), userId: null, operation, ...extra });

describe.each(ENGINES)("the audit log on %s", (kind) => {
  it("chains each entry to the one before, with field names only and ids as text", async () => {
    const { engine, key, t } = await open(kind);
    await engine.transaction("write", (tx) => appendAudit(tx, entry("people.get", { entityType: "person", entityId: 42, fields: ["firstName", "phones"] }), key));
    await engine.transaction("write", (tx) => appendAudit(tx, entry("settings.update", { at: Date.UTC(2026, 11, 2, 9), entityType: "settings" }), key));
    const { rows, valid } = await chainOf(engine, key);
    expect(valid).toBe(true);
    expect(rows.map(({ operation, entityType, entityId, fields, userId }) => ({ operation, entityType, entityId, fields, userId }))).toEqual([
      { operation: "people.get", entityType: "person", entityId: "42", fields: '["firstName","phones"]', userId: null },
      { operation: "settings.update", entityType: "settings", entityId: null, fields: "[]", userId: null },
    ]);
    // The hashed content, pinned: HMAC-SHA-256 of the previous hash, a newline and the entry as JSON.
    const first = rows[0]!;
    const content = JSON.stringify([first.at, first.userId, first.operation, first.entityType, first.entityId, first.fields]);
    expect(first.hash).toBe(createHmac("sha256", key.secret).update("0".repeat(64)).update("\n").update(content).digest("hex"));
    expect(rows[1]!.prevHash).toBe(first.hash);
    if (t.db) expect(verifyAuditSync(t.db, null)).toMatchObject({ ok: true, checked: 2, problems: [] });
  });

  it("keeps the chain valid when 20 audited writes arrive at once (the write transaction serialises the head)", async () => {
    const { engine, key, t } = await open(kind);
    await Promise.all(Array.from({ length: 20 }, (_, i) => engine.transaction("write", (tx) => appendAudit(tx, entry(`op.${i}`, { entityId: i }), key))));
    const { rows, valid } = await chainOf(engine, key);
    expect(rows).toHaveLength(20);
    expect(valid).toBe(true);
    // Twenty different heads: no two entries were chained to the same predecessor.
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(20);
    if (t.db) expect(verifyAuditSync(t.db, null)).toMatchObject({ ok: true, checked: 20 });
  });

  it("lists a page, newest first, filtered by user, operation and time, with the total of the filter", async () => {
    const { engine, key } = await open(kind);
    const userId = (await engine.transaction("write", (tx) =>
      tx.one<{ id: number }>(sql`INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('u', 'U', 'agent', 'x', 0, 0) RETURNING id`),
    ))!.id;
    const hostile = "'; DROP TABLE audit_log; -- « Zoë » \u{1F4DE}";
    for (let i = 0; i < 5; i++) {
      await engine.transaction("write", (tx) => appendAudit(tx, entry(i % 2 ? "people.get" : "people.update", { at: 1_000 + i, userId: i < 3 ? userId : null, entityId: hostile, fields: [hostile] }), key));
    }
    const all = await engine.transaction("read", (tx) => listAudit(tx, { page: 0, pageSize: 2 }));
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.at)).toEqual([1_004, 1_003]);
    expect(all.rows[0]).toMatchObject({ entityId: hostile, fields: [hostile], userId: null });
    const second = await engine.transaction("read", (tx) => listAudit(tx, { page: 1, pageSize: 2 }));
    expect(second.rows.map((r) => r.at)).toEqual([1_002, 1_001]);
    const filtered = await engine.transaction("read", (tx) => listAudit(tx, { userId, operation: "people.update", from: 1_001, to: 1_004, page: 0, pageSize: 10 }));
    expect(filtered).toMatchObject({ total: 1, rows: [{ at: 1_002, userId, operation: "people.update" }] });
    expect(await engine.transaction("read", (tx) => listAudit(tx, { operation: "nothing.here", page: 0, pageSize: 10 }))).toEqual({ rows: [], total: 0 });
  });

  it("names each operation once, in byte order whatever the database's collation", async () => {
    const { engine, key } = await open(kind);
    for (const op of ["users.list", "Zeta.op", "audit.list", "users.list", "auditlog.x", "audit_list"]) await engine.transaction("write", (tx) => appendAudit(tx, entry(op), key));
    expect(await engine.transaction("read", (tx) => auditOperations(tx))).toEqual(["Zeta.op", "audit.list", "audit_list", "auditlog.x", "users.list"]);
  });

  it("refuses to change or remove an entry, whoever asks", async () => {
    const { engine, key } = await open(kind);
    await engine.transaction("write", (tx) => appendAudit(tx, entry("session.login"), key));
    await expect(engine.transaction("write", (tx) => tx.run(sql`UPDATE audit_log SET operation = 'x'`))).rejects.toThrow(/append-only/);
    await expect(engine.transaction("write", (tx) => tx.run(sql`DELETE FROM audit_log`))).rejects.toThrow(/append-only/);
    expect((await chainOf(engine, key)).rows).toHaveLength(1);
  });
});

describe("the audit log for callers still on the SQLite connection", () => {
  it("appends to the same chain as the engine's appendAudit, with the database's key", async () => {
    const { engine, key, t } = await open("sqlite");
    await engine.transaction("write", (tx) => appendAudit(tx, entry("a.first"), key));
    t.db!.sqlite.transaction(() => appendAuditSync(t.db!, entry("b.second"))).immediate();
    await engine.transaction("write", (tx) => appendAudit(tx, entry("c.third"), key));
    expect(await chainOf(engine, key)).toMatchObject({ valid: true, rows: [{ operation: "a.first" }, { operation: "b.second" }, { operation: "c.third" }] });
  });
});
