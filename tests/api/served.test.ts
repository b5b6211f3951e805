import { afterEach, describe, expect, it } from "vitest";
import { ENGINES } from "../fixtures/engines";
import { openServedTestApi } from "../fixtures/served-api";

describe.each(ENGINES)("the dispatcher on a served %s database", (kind) => {
  let api: Awaited<ReturnType<typeof openServedTestApi>>;
  afterEach(async () => api?.cleanup());

  it("creates a person and finds them by a spelling of their number and by a folded name", async () => {
    api = await openServedTestApi(kind);
    const { sessionId } = await api.admin();
    const agent = await api.loginAs("agent");
    const created = await api.ok<{ id: number }>("people.create", { firstName: "Søren", lastName: "Straße", phones: [{ number: "022 735 33 92" }] }, agent);
    const byPhone = await api.ok<{ personId: number }[]>("people.search", { q: "+41 (0)22 735 33 92" }, agent);
    expect(byPhone.map((hit) => hit.personId)).toEqual([created.id]);
    const byName = await api.ok<{ personId: number }[]>("people.search", { q: "soren strasse" }, agent);
    expect(byName.map((hit) => hit.personId)).toEqual([created.id]);
    // The administrator's audit log holds the creation.
    const log = await api.ok<{ rows: { operation: string }[] }>("audit.list", {}, sessionId);
    expect(log.rows.map((e) => e.operation)).toContain("people.create");
  });

  it("answers an operation on the database file with a sentence on PostgreSQL, and runs it on SQLite", async () => {
    api = await openServedTestApi(kind);
    const { sessionId } = await api.admin();
    const result = await api.call("backups.create", {}, sessionId);
    if (kind === "pg") {
      expect(result).toMatchObject({ ok: false, error: { code: "CONFLICT", reason: "not_on_postgres" } });
      expect(result.ok || result.error.message).toMatch(/PostgreSQL/);
    } else expect(result.ok).toBe(true);
  });

  it("shows an administrator the database it serves: the file and its backups, or the PostgreSQL server and IT's backups", async () => {
    api = await openServedTestApi(kind);
    const { sessionId } = await api.admin();
    const info = await api.ok<Record<string, any>>("diagnostics.get", {}, sessionId);
    const me = await api.ok<{ capabilities: { operations: string[] } }>("session.me", {}, sessionId);
    if (kind === "pg") {
      expect(info).toMatchObject({ engine: "pg", vacuumsAfterErasure: true, server: { walLevel: expect.any(String), archiveMode: expect.any(String), standbys: [] } });
      expect(info.server.databaseBytes).toBeGreaterThan(1_000_000);
      expect(info.where).toMatch(/^127\.0\.0\.1:5432\/jetinfo_test_/);
      // No password, no user name: the URL's credentials never reach a screen.
      expect(JSON.stringify(info)).not.toMatch(/crm_test|jetinfo_test_login/);
      // The screens offer no operation on a file the server does not have.
      expect(me.capabilities.operations).not.toContain("backups.list");
      expect(me.capabilities.operations).not.toContain("diagnostics.integrityCheck");
    } else {
      expect(info).toMatchObject({ engine: "sqlite", databaseFile: expect.stringMatching(/crm\.sqlite$/) });
      expect(me.capabilities.operations).toEqual(expect.arrayContaining(["backups.list", "diagnostics.integrityCheck"]));
    }
    expect(me.capabilities.operations).toContain("diagnostics.get");
  });

  it("draws an access report in a worker thread, which reads the database on a connection of its own", async () => {
    api = await openServedTestApi(kind);
    await api.admin();
    const agent = await api.loginAs("agent");
    const person = await api.ok<{ id: number }>("people.create", { firstName: "Zoë", lastName: "Rochat", phones: [{ number: "079 555 12 34" }] }, agent);
    const request = await api.ok<{ id: number }>("privacy.requests.create", { personId: person.id, kind: "access", channel: "email" }, agent);
    await api.ok("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" }, agent);
    const report = await api.ok<{ pdfBase64: string; json: string }>("privacy.accessReport", { requestId: request.id }, agent);
    expect(Buffer.from(report.pdfBase64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    expect(report.json).toContain("Rochat");
    // The job ran in one of the pool's threads, not in the thread that answers the desks.
    expect(api.workers.threadCount).toBe(1);
  });

  it("saves the session's delays with the stored backup folder sent back; changing the folder is refused on PostgreSQL, on its field", async () => {
    api = await openServedTestApi(kind);
    const { sessionId } = await api.admin();
    const stored = await api.ok<Record<string, unknown>>("settings.get", {}, sessionId);
    const saved = await api.ok<Record<string, unknown>>("settings.update", { "session.idleMinutes": 45, "backup.folder": stored["backup.folder"] }, sessionId);
    expect(saved["session.idleMinutes"]).toBe(45);
    const moved = await api.call("settings.update", { "session.idleMinutes": 50, "backup.folder": "/tmp" }, sessionId);
    if (kind === "pg") {
      expect(moved).toMatchObject({ ok: false, error: { code: "CONFLICT", reason: "not_on_postgres", field: "backup.folder" } });
      // Nothing of the refused save was kept.
      expect((await api.ok<Record<string, unknown>>("settings.get", {}, sessionId))["session.idleMinutes"]).toBe(45);
    } else expect(moved.ok).toBe(true);
  });
});

