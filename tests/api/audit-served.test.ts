import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { appendAudit } from "../../db/audit";
import { AUDIT_ANCHOR_FILE, advanceServedAuditAnchor, resetServedAuditAnchor } from "../../db/audit-anchor";
import { AUDIT_KEY_FILE } from "../../db/audit-key";
import { ENGINES } from "../fixtures/engines";
import { openServedTestApi } from "../fixtures/served-api";

type Api = Awaited<ReturnType<typeof openServedTestApi>>;

let api: Api | undefined;
afterEach(async () => {
  await api?.cleanup();
  api = undefined;
});

/**
 * Changes the log as someone with the database's owner rights can: the guards set aside for the
 * statements, then put back exactly as they were, so only the chain can tell. The same SQL on both
 * engines. SQLite: a shell on the file drops and re-creates the triggers. PostgreSQL: the schema's
 * owner switches them off inside its own transaction (the server's role may not: 0001, 0002).
 */
async function tamper(served: Api, statements: string[]): Promise<void> {
  const { db } = served;
  if (db.dialect === "sqlite") {
    const raw = db.sqlite;
    const guards = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string }[];
    for (const guard of guards) raw.exec(`DROP TRIGGER ${guard.name}`);
    for (const statement of statements) raw.exec(statement);
    for (const guard of guards) raw.exec(guard.sql);
    return;
  }
  await asOwner(served, async (owner) => {
    await owner.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
    for (const statement of statements) await owner.query(statement);
    await owner.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
  });
}

/** PostgreSQL: statements as the schema's owner, in one transaction of its own connection. */
async function asOwner(served: Api, work: (owner: pg.Client) => Promise<void>): Promise<void> {
  const owner = new pg.Client({ connectionString: served.ownerUrl });
  await owner.connect();
  try {
    await owner.query("BEGIN");
    await work(owner);
    await owner.query("COMMIT");
  } finally {
    await owner.end();
  }
}

/** An administrator, and the log grown to `entries` real keyed entries (several pages of the walk). */
async function withLog(served: Api, entries: number): Promise<string> {
  const { sessionId } = await served.admin();
  const { db } = served;
  await db.engine.transaction("write", async (tx) => {
    for (let i = 1; i < entries; i++) {
      await appendAudit(tx, { at: served.now() + i, userId: 1, operation: "people.get", entityType: "person", entityId: i, fields: ["person"] }, db.auditKey);
    }
  });
  return sessionId;
}

// Past the walk's first pages (db/audit.ts reads 500 entries at a time).
const ENTRIES = 1_201;
const N = 1_100;

describe.each(ENGINES)("audit.verify on a served %s database", (kind) => {
  it("passes a clean chain, checking every entry, and anchors its head in the data folder beside audit.key", async () => {
    api = await openServedTestApi(kind);
    const sessionId = await withLog(api, ENTRIES);
    expect(await api.ok("audit.verify", {}, sessionId)).toEqual({ ok: true, checked: ENTRIES, unkeyed: 0, keyed: ENTRIES, firstBrokenId: null, problems: [], anchor: null });
    const anchorFile = join(api.folder, AUDIT_ANCHOR_FILE);
    expect(existsSync(join(api.folder, AUDIT_KEY_FILE))).toBe(true);
    expect(JSON.parse(readFileSync(anchorFile, "utf8"))).toMatchObject({ entries: ENTRIES, lastId: ENTRIES, at: api.now() });
    // The next verification is checked against that anchor.
    api.advance(60_000);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true, anchor: { entries: ENTRIES, at: api.now() - 60_000 } });
  });

  it.each([
    // Rewritten in place: its own hash no longer matches its content.
    { change: "altered", statements: [`UPDATE audit_log SET operation = 'users.list' WHERE id = ${N}`], broken: N },
    // Taken out of the middle: the next entry no longer follows the one before it.
    { change: "removed", statements: [`DELETE FROM audit_log WHERE id = ${N}`], broken: N + 1 },
    // Another entry slipped in (a copy of a genuine one: without the key, nothing else can pass).
    {
      change: "inserted",
      statements: [
        `UPDATE audit_log SET id = id + 100000 WHERE id >= ${N}`,
        `UPDATE audit_log SET id = id - 99999 WHERE id >= 100000`,
        `INSERT INTO audit_log (id, at, user_id, operation, entity_type, entity_id, fields, prev_hash, hash) SELECT ${N}, at, user_id, operation, entity_type, entity_id, fields, prev_hash, hash FROM audit_log WHERE id = ${N - 1}`,
      ],
      broken: N,
    },
    // Two entries swapped.
    { change: "reordered", statements: [`UPDATE audit_log SET id = 100000 WHERE id = ${N}`, `UPDATE audit_log SET id = ${N} WHERE id = ${N + 1}`, `UPDATE audit_log SET id = ${N + 1} WHERE id = 100000`], broken: N },
  ])("detects an entry $change and names the first entry that no longer holds", async ({ statements, broken }) => {
    api = await openServedTestApi(kind);
    const sessionId = await withLog(api, ENTRIES);
    await tamper(api, statements);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, problems: ["chain"], firstBrokenId: broken, checked: N - 1 });
    // A failed verification anchors nothing: the next one says the same.
    expect(existsSync(join(api.folder, AUDIT_ANCHOR_FILE))).toBe(false);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, firstBrokenId: broken });
  });

  it("detects the newest entries removed since the last anchor, which the chain alone cannot show", async () => {
    api = await openServedTestApi(kind);
    const { sessionId } = await api.admin();
    for (let i = 0; i < 5; i++) await api.ok("session.setLanguage", { language: i % 2 ? "fr" : "en" }, sessionId);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true, checked: 6 });
    await tamper(api, ["DELETE FROM audit_log WHERE id > 3"]);
    const verdict = await api.ok("audit.verify", {}, sessionId);
    expect(verdict).toMatchObject({ ok: false, problems: ["anchor"], firstBrokenId: null, checked: 3, anchor: { entries: 6 } });
    // Neither verifying again nor the host's anchoring adopts the shortened log.
    expect(await advanceServedAuditAnchor(api.db, api.now())).toMatchObject({ anchored: false, head: { entries: 3 } });
    expect((await api.ok("audit.verify", {}, sessionId)).problems).toEqual(["anchor"]);
    // A restore makes the log as it is the reference (electron/host.ts does so after one).
    expect(await resetServedAuditAnchor(api.db, api.now())).toMatchObject({ entries: 3, lastId: 3 });
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true, checked: 3, anchor: { entries: 3 } });
  });

  it("anchors the head when the host asks, and verifies later entries against it", async () => {
    api = await openServedTestApi(kind);
    const { sessionId } = await api.admin();
    await api.ok("session.setLanguage", { language: "en" }, sessionId);
    const { anchored, head } = await advanceServedAuditAnchor(api.db, api.now());
    expect(anchored).toBe(true);
    expect(JSON.parse(readFileSync(join(api.folder, AUDIT_ANCHOR_FILE), "utf8"))).toEqual(head);
    expect(head).toMatchObject({ entries: 2, lastId: 2 });
    await api.ok("session.setLanguage", { language: "fr" }, sessionId);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true, checked: 3, anchor: { entries: 2 } });
    // The entry the anchor names, removed: reported even though newer entries follow.
    await tamper(api, ["DELETE FROM audit_log WHERE id >= 2"]);
    expect((await api.ok("audit.verify", {}, sessionId)).problems).toEqual(["anchor"]);
  });

  it("keeps the chain valid when 20 audited writes arrive at once from a desk", async () => {
    api = await openServedTestApi(kind);
    const { sessionId } = await api.admin();
    const agent = await api.loginAs("agent");
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => api!.ok<{ id: number }>("people.create", { firstName: "Léa", lastName: `Rochat-${String.fromCharCode(65 + i)}` }, agent)));
    expect(new Set(created.map((p) => p.id)).size).toBe(20);
    const log = await api.ok<{ total: number; rows: { operation: string }[] }>("audit.list", { operation: "people.create" }, sessionId);
    expect(log.total).toBe(20);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true, checked: 21, problems: [] });
  });

  it("reports a guard of the log set aside even when no entry was changed", async () => {
    api = await openServedTestApi(kind);
    const { sessionId } = await api.admin();
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true });
    if (api.db.dialect === "sqlite") api.db.sqlite.exec("DROP TRIGGER audit_log_no_delete");
    else await asOwner(api, async (owner) => void (await owner.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete")));
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, problems: ["guards"], firstBrokenId: null });
  });
});

describe.each(ENGINES.filter((kind) => kind === "pg"))("the audit log's guards on %s", (kind) => {
  it.each([
    { change: "the refusal rewritten to let rows through", sql: "CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$" },
    { change: "the server's role allowed to delete entries", sql: "GRANT DELETE ON audit_log TO jetinfo_crm_app" },
    { change: "the server's role allowed to change the chain's start", sql: "GRANT UPDATE (unkeyed_until) ON audit_chain TO jetinfo_crm_app" },
    { change: "a trigger added", sql: "CREATE TRIGGER audit_log_sneaky AFTER INSERT ON audit_log FOR EACH ROW WHEN (false) EXECUTE FUNCTION refuse_change('x')" },
  ])("are reported changed: $change", async ({ sql }) => {
    api = await openServedTestApi(kind);
    const { sessionId } = await api.admin();
    await asOwner(api, async (owner) => void (await owner.query(sql)));
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, problems: ["guards"], firstBrokenId: null, checked: 1 });
  });

  it("refuses the server's role any change to the log, so that only the owner could tamper", async () => {
    api = await openServedTestApi(kind);
    await api.admin();
    if (api.db.dialect !== "pg") throw new Error("PostgreSQL only");
    await expect(api.db.pool.query("UPDATE audit_log SET operation = 'x'")).rejects.toThrow(/permission denied/);
    await expect(api.db.pool.query("DELETE FROM audit_log")).rejects.toThrow(/permission denied/);
    await expect(api.db.pool.query("ALTER TABLE audit_log DISABLE TRIGGER USER")).rejects.toThrow(/must be owner/);
  });
});
