import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_SET_KEYS } from "../../db/export/record-sets";
import { openTestApi } from "../fixtures/database";

/**
 * The export right never widens what a user may read: a record set goes only to the roles that may
 * read the same rows through the API. Written out by hand, like the role policy in
 * dispatcher.test.ts: a change to who reads the audit log or the mailing list must change this
 * table too, on purpose.
 */
const EVERY_ROLE = ["agent", "support", "manager", "admin"];
const READERS: Record<(typeof RECORD_SET_KEYS)[number], string[]> = {
  people: EVERY_ROLE,
  companies: EVERY_ROLE,
  interactions: EVERY_ROLE,
  errorReports: EVERY_ROLE,
  errorReportEvents: EVERY_ROLE,
  trainingRequests: EVERY_ROLE,
  trainingSessions: EVERY_ROLE,
  privacyRequests: EVERY_ROLE,
  // mailing.export
  mailingList: ["manager"],
  // audit.list
  auditLog: ["manager", "admin"],
};

let api: ReturnType<typeof openTestApi>;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  api = openTestApi();
  sessions.admin = (await api.admin()).sessionId;
  for (const role of ["agent", "support", "manager"] as const) sessions[role] = await api.loginAs(role, sessions.admin);
  // Agents and support export only when an administrator granted it: grant both.
  const ids = await Promise.all(["agent", "support"].map(async (role) => (await api.ok<any>("session.me", {}, sessions[role])).user.id));
  await api.ok("settings.update", { "exports.grantedUserIds": ids }, sessions.admin);
});
afterAll(() => api.cleanup());

const filtersFor = (recordSet: string) => (recordSet === "mailingList" ? { topic: ["newsletter"] } : {});

describe("export right × record set", () => {
  it("the table covers every record set", () => {
    expect(Object.keys(READERS).sort()).toEqual([...RECORD_SET_KEYS].sort());
  });

  it.each(EVERY_ROLE)("%s is offered exactly the record sets that role may read", async (role) => {
    const answer = await api.ok<any>("exports.recordSets", {}, sessions[role]);
    const expected = RECORD_SET_KEYS.filter((key) => READERS[key].includes(role));
    expect(answer.recordSets.map((set: { key: string }) => set.key)).toEqual(expected);
    expect(answer.allowed).toBe(true);
  });

  const matrix = EVERY_ROLE.flatMap((role) => RECORD_SET_KEYS.map((recordSet) => [role, recordSet, READERS[recordSet].includes(role)] as const));
  it.each(matrix)("%s × %s: allowed %s", async (role, recordSet, allowed) => {
    const preview = await api.call("exports.preview", { recordSet, filters: filtersFor(recordSet) }, sessions[role]);
    if (allowed) {
      expect(preview).toMatchObject({ ok: true });
    } else {
      expect(preview).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      // Refused before any job or file exists.
      expect(await api.call("exports.start", { recordSet, format: "csv", filters: filtersFor(recordSet) }, sessions[role])).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
  });
});
