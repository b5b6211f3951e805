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
});
