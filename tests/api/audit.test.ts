import { afterEach, describe, expect, it } from "vitest";
import { openTestApi } from "../fixtures/database";

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
    expect(await api.ok("audit.verify", {}, sessionId)).toEqual({ ok: true, checked: 6 });

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
});
