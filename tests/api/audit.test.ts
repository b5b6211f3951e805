import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AUDIT_KEY_FILE } from "../../db/audit-key";
import { openHost } from "../../electron/host";
import { MIGRATIONS_DIR, openTestApi, scratchDir } from "../fixtures/database";

let api: ReturnType<typeof openTestApi>;
afterEach(() => api?.cleanup());

type Row = { id: number; userId: number | null; operation: string; entityType: string | null; entityId: string | null; fields: string[]; at: number };

describe("audit log", () => {
  it("records every write with who, what and which fields — never the values", async () => {
    api = openTestApi();
    const { sessionId, user } = await api.admin();
    const lea = await api.ok("users.create", { username: "lea", displayName: "Léa Rochat", role: "agent", password: "password-1234" }, sessionId);
    await api.ok("users.update", { id: lea.id, version: lea.version, displayName: "Léa Rochat-Favre" }, sessionId);
    await api.ok("users.resetPassword", { id: lea.id, password: "another-secret-1" }, sessionId);

    const { rows, total } = await api.ok<{ rows: Row[]; total: number }>("audit.list", {}, sessionId);
    expect(total).toBe(4);
    expect(rows.map((r) => r.operation)).toEqual(["users.resetPassword", "users.update", "users.create", "setup.createAdmin"]);
    expect(rows[1]).toMatchObject({ userId: user.id, entityType: "user", entityId: String(lea.id), fields: ["displayName"] });
    const dump = api.db.sqlite.prepare("SELECT * FROM audit_log").all();
    expect(JSON.stringify(dump)).not.toMatch(/Léa|Rochat|another-secret|password-1234|correct horse/);
  });

  it("attributes setup and logins to the account concerned and does not log reads of non-personal data", async () => {
    api = openTestApi();
    const { sessionId, user } = await api.admin();
    await api.ok("session.login", { username: "admin", password: "correct horse battery" });
    await api.ok("setup.status", {});
    await api.ok("audit.verify", {}, sessionId);
    const { rows } = await api.ok<{ rows: Row[] }>("audit.list", {}, sessionId);
    expect(rows.map((r) => [r.operation, r.userId])).toEqual([
      ["session.login", user.id],
      ["setup.createAdmin", user.id],
    ]);
  });

  it("filters by user, operation and date, and pages on the server", async () => {
    api = openTestApi();
    const { sessionId, user } = await api.admin();
    for (let i = 0; i < 30; i++) {
      api.advance(60_000);
      await api.ok("session.setLanguage", { language: i % 2 ? "fr" : "en" }, sessionId);
    }
    const from = api.now() - 10 * 60_000 + 1;
    const page = await api.ok<{ rows: Row[]; total: number; operations: string[] }>("audit.list", { page: 1, pageSize: 10, operation: "session.setLanguage" }, sessionId);
    expect(page.total).toBe(30);
    expect(page.rows).toHaveLength(10);
    expect(page.operations).toEqual(["session.setLanguage", "setup.createAdmin"]);
    const recent = await api.ok<{ total: number }>("audit.list", { from, userId: user.id }, sessionId);
    expect(recent.total).toBe(10);
    expect((await api.ok<any>("audit.list", {}, await api.loginAs("manager", sessionId))).users.map((u: any) => u.displayName)).toContain("Anne Admin");
  });

  it("detects tampering with one entry and names it", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    for (let i = 0; i < 5; i++) await api.ok("session.setLanguage", { language: "en" }, sessionId);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true, checked: 6, keyed: 6, unkeyed: 0, problems: [] });

    // Someone with the file and a SQLite shell drops the guard and edits history.
    const raw = api.db.sqlite;
    raw.exec("DROP TRIGGER audit_log_no_update");
    raw.prepare("UPDATE audit_log SET operation = 'users.list' WHERE id = 3").run();
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, firstBrokenId: 3, checked: 2 });
  });

  it("detects a deleted entry in the middle of the chain", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    for (let i = 0; i < 3; i++) await api.ok("session.setLanguage", { language: "en" }, sessionId);
    api.db.sqlite.exec("DROP TRIGGER audit_log_no_delete");
    api.db.sqlite.prepare("DELETE FROM audit_log WHERE id = 2").run();
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, firstBrokenId: 3 });
  });

  it("refuses UPDATE and DELETE on the log", async () => {
    api = openTestApi();
    await api.admin();
    expect(() => api.db.sqlite.prepare("UPDATE audit_log SET user_id = NULL").run()).toThrow(/append-only/);
    expect(() => api.db.sqlite.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });

  it("refuses INSERT OR REPLACE, which would rewrite an entry without firing the DELETE trigger", async () => {
    api = openTestApi();
    await api.admin();
    await api.ok("session.login", { username: "admin", password: "correct horse battery" });
    const replace = api.db.sqlite.prepare("INSERT OR REPLACE INTO audit_log (id, at, user_id, operation, fields, prev_hash, hash) SELECT id, at, user_id, 'setup.status', fields, prev_hash, hash FROM audit_log WHERE id = 1");
    expect(() => replace.run()).toThrow(/append-only/);
    expect(() => api.db.sqlite.prepare("REPLACE INTO audit_log (id, at, operation, prev_hash, hash) VALUES (2, 1, 'x', 'a', 'b')").run()).toThrow(/append-only/);
    expect(api.db.sqlite.prepare("SELECT operation FROM audit_log ORDER BY id").pluck().all()).toEqual(["setup.createAdmin", "session.login"]);
  });

  it("keys the chain: a history rewritten and re-hashed without the installation's key does not verify", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    for (let i = 0; i < 3; i++) await api.ok("session.setLanguage", { language: "en" }, sessionId);
    // Someone with the database file rewrites entry 2 and recomputes every hash after it, as the
    // unkeyed chain allowed, then puts the guard back exactly as it was.
    const raw = api.db.sqlite;
    const guard = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_update'").pluck().get() as string;
    raw.exec("DROP TRIGGER audit_log_no_update");
    const rows = raw.prepare("SELECT id, at, user_id AS userId, operation, entity_type AS entityType, entity_id AS entityId, fields FROM audit_log ORDER BY id").all() as any[];
    let prev = "0".repeat(64);
    for (const row of rows) {
      if (row.id === 2) row.operation = "users.list";
      const hash = createHash("sha256").update(prev).update("\n").update(JSON.stringify([row.at, row.userId, row.operation, row.entityType, row.entityId, row.fields])).digest("hex");
      raw.prepare("UPDATE audit_log SET operation = ?, prev_hash = ?, hash = ? WHERE id = ?").run(row.operation, prev, hash, row.id);
      prev = hash;
    }
    raw.exec(guard);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, problems: ["chain"], firstBrokenId: 1, checked: 0 });
  });

  it("keeps the key outside the database file: audit.key beside it, readable by its owner only, the same at every open", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    const keyFile = join(api.db.dir, AUDIT_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const secret = api.db.auditKey.secret;
    expect(JSON.parse(readFileSync(keyFile, "utf8")).secret).toBe(secret.toString("base64"));
    api.db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const file = readFileSync(api.db.file);
    expect(file.includes(secret)).toBe(false);
    expect(file.includes(Buffer.from(secret.toString("base64")))).toBe(false);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true });
  });

  it("detects the newest entries deleted since the last anchor (a successful verify records one)", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    for (let i = 0; i < 4; i++) await api.ok("session.setLanguage", { language: "en" }, sessionId);
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true, checked: 5, anchor: null });
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true, anchor: { entries: 5 } });
    // The chain alone cannot tell: what is left is a perfectly linked, shorter chain.
    api.db.sqlite.exec("DROP TRIGGER audit_log_no_delete");
    api.db.sqlite.prepare("DELETE FROM audit_log WHERE id >= 4").run();
    const verdict = await api.ok("audit.verify", {}, sessionId);
    expect(verdict).toMatchObject({ ok: false, checked: 3, firstBrokenId: null, anchor: { entries: 5 } });
    expect(verdict.problems).toContain("anchor");
    // Verifying again does not move the anchor onto the shortened log.
    expect((await api.ok("audit.verify", {}, sessionId)).problems).toContain("anchor");
  });

  it("reports a dropped, altered or added trigger on the log even when no entry changed", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    const raw = api.db.sqlite;
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true, problems: [] });
    raw.exec("DROP TRIGGER audit_log_no_delete");
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, problems: ["guards"], firstBrokenId: null });
    // Put back under the same name, but letting deletions of old entries through.
    raw.exec("CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` WHEN OLD.id > 1000 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, problems: ["guards"] });
    raw.exec("DROP TRIGGER audit_log_no_delete");
    raw.exec("CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`\nBEGIN\n  SELECT RAISE(ABORT, 'audit_log is append-only');\nEND");
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: true });
    raw.exec("CREATE TRIGGER audit_log_sneaky AFTER INSERT ON audit_log BEGIN SELECT 1; END");
    expect(await api.ok("audit.verify", {}, sessionId)).toMatchObject({ ok: false, problems: ["guards"] });
  });

  it("reports the keyed chain's start moved forward (to re-hash keyed entries without the key)", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    await api.ok("session.setLanguage", { language: "en" }, sessionId);
    const raw = api.db.sqlite;
    const guard = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_chain_no_update'").pluck().get() as string;
    raw.exec("DROP TRIGGER audit_chain_no_update");
    raw.prepare("UPDATE audit_chain SET unkeyed_until = 1000").run();
    raw.exec(guard);
    expect((await api.ok("audit.verify", {}, sessionId)).problems).toEqual(["chain", "boundary"]);
  });
});

describe("audit anchor in the host", () => {
  it("records the entry count and head at each backup, in the log and beside the database, and detects the newest entries deleted after it", async () => {
    const scratch = scratchDir();
    // The host echoes warnings to the console; here they are read from the log file instead.
    const echoed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false });
    try {
      const call = async (name: string, input: unknown, sessionId?: string) => host.dispatcher.dispatch(name, input, { sessionId });
      const admin = (await call("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" })) as any;
      const sessionId = admin.value.sessionId as string;
      for (let i = 0; i < 3; i++) await call("session.setLanguage", { language: "en" }, sessionId);
      await host.control.backupNow("manual");
      const head = host.db.sqlite.prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").get() as { id: number; hash: string };
      const log = readFileSync(join(host.logger.dir, "jetinfo-crm.log"), "utf8");
      expect(log).toContain(`INFO audit.anchored entries=4 lastId=${head.id} head=${head.hash}`);
      expect(JSON.parse(readFileSync(join(scratch.dir, "audit-anchor.json"), "utf8"))).toMatchObject({ entries: 4, lastId: head.id, head: head.hash });

      host.db.sqlite.exec("DROP TRIGGER audit_log_no_delete");
      host.db.sqlite.prepare("DELETE FROM audit_log WHERE id > 2").run();
      host.db.sqlite.exec("CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`\nBEGIN\n  SELECT RAISE(ABORT, 'audit_log is append-only');\nEND");
      const verdict = (await call("audit.verify", {}, sessionId)) as any;
      expect(verdict.value).toMatchObject({ ok: false, problems: ["anchor"], checked: 2 });
      // The next backup does not adopt the shortened log as its new anchor.
      await host.control.backupNow("manual");
      expect(readFileSync(join(host.logger.dir, "jetinfo-crm.log"), "utf8")).toMatch(/WARN audit.anchorRefused entries=/);
      expect(((await call("audit.verify", {}, sessionId)) as any).value.problems).toEqual(["anchor"]);
      expect(echoed).toHaveBeenCalledWith(expect.stringMatching(/WARN audit.anchorRefused/));
    } finally {
      host.close();
      echoed.mockRestore();
      scratch.remove();
    }
  });
});
