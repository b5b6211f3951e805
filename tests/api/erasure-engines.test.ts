import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ERASURE_TABLES } from "../../db/erasure";
import { ENGINES } from "../fixtures/engines";
import { openServedTestApi } from "../fixtures/served-api";

// An erasure on either of a team server's engines: the person is gone for every lookup at once,
// and the clean-up after the commit (SQLite's journal emptied, PostgreSQL's tables vacuumed) is
// reported done only once it has happened.

/** Every shape an agent may type to find the person: spellings of both numbers, the name, the email. */
const LOOKUPS = [
  "+41 22 735 33 92",
  "0227353392",
  "022 735 33",
  "735 33 92",
  "0041 79 555 12 34",
  "079 555 12 34",
  "55 12 34",
  "Søren Straße",
  "soren strasse",
  "strasse",
  "sør",
  "soren.strasse@example.ch",
  "soren.strasse@",
];

describe.each(ENGINES)("an erasure on a served %s database", (kind) => {
  let api: Awaited<ReturnType<typeof openServedTestApi>>;
  afterEach(async () => api?.cleanup());

  it("leaves the person unreachable by every lookup and by id at once, and says when the clean-up after it is done", async () => {
    api = await openServedTestApi(kind);
    await api.admin();
    const agent = await api.loginAs("agent");
    const person = await api.ok<{ id: number }>(
      "people.create",
      { firstName: "Søren", lastName: "Straße", phones: [{ number: "022 735 33 92" }, { number: "079 555 12 34" }], emails: [{ email: "Soren.Strasse@example.ch" }] },
      agent,
    );
    await api.ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: "Rappeler Søren" }, agent);
    // Another caller, kept: the lookups still work, they just no longer find the erased one.
    const kept = await api.ok<{ id: number }>("people.create", { firstName: "Sören", lastName: "Strassmann", phones: [{ number: "022 735 33 93" }] }, agent);
    const found = async (q: string) => (await api.ok<{ personId: number }[]>("people.search", { q }, agent)).map((hit) => hit.personId);
    for (const q of LOOKUPS) expect(await found(q), q).toContain(person.id);

    const request = await api.ok<{ id: number }>("privacy.requests.create", { personId: person.id, kind: "erasure", channel: "phone" }, agent);
    await api.ok("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" }, agent);
    const cleanup = kind === "pg" ? "vacuum" : "wal";
    expect(await api.ok("privacy.erasePreview", { requestId: request.id }, agent)).toMatchObject({ cleanup, counts: { people: 1, phones: 2, emails: 1 } });
    const erased = await api.ok("privacy.erase", { requestId: request.id, confirmLastName: "strasse" }, agent);
    // The clean-up follows the answer: not done in it, and nothing says it failed.
    expect(erased).toMatchObject({ requestId: request.id, cleanup, done: false, counts: { people: 1, phones: 2, emails: 1, interactions: 2 } });
    expect(erased).not.toHaveProperty("vacuumFailed");

    for (const q of LOOKUPS) expect(await found(q), q).not.toContain(person.id);
    expect(await found("022 735 33 93")).toEqual([kept.id]);
    expect(await api.call("people.get", { id: person.id }, agent)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await api.ok("interactions.list", { personId: person.id }, agent)).toEqual([]);

    // The erasure screen asks until the clean-up is done.
    const status = await vi.waitFor(
      async () => {
        const answer = await api.ok<{ done: boolean }>("privacy.erasureStatus", { requestId: request.id }, agent);
        if (!answer.done) throw new Error(`not yet: ${JSON.stringify(answer)}`);
        return answer;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(status).toEqual(kind === "pg" ? { requestId: request.id, cleanup: "vacuum", done: true } : { requestId: request.id, cleanup: "wal", walEmptied: true, done: true });
    // On PostgreSQL "done" is the server's own record: every table the erasure changed was vacuumed.
    if (api.ownerUrl) expect(await notVacuumed(api.ownerUrl, ERASURE_TABLES)).toEqual([]);
  });
});

/** The tables PostgreSQL's statistics show no manual VACUUM of (a fresh clone has none). */
async function notVacuumed(url: string, tables: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string }>(
      `SELECT t AS table FROM unnest($1::text[]) AS t WHERE NOT EXISTS (SELECT 1 FROM pg_stat_user_tables s WHERE s.relname = t AND s.last_vacuum IS NOT NULL) ORDER BY t`,
      [tables],
    );
    return rows.map((row) => row.table);
  } finally {
    await client.end();
  }
}
