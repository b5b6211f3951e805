import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_INSTANT, MIN_INSTANT } from "../../common/date-range";
import { openTestApi } from "../fixtures/database";

/*
 * Issue 12, item 1 and 2: every date and time an operation accepts lies in years 1900–2200
 * (common/date-range.ts). Outside, the answer is VALIDATION naming the field — not an accepted export
 * whose job then takes the process down, not INTERNAL, not a stored date no screen can show.
 */

let api: ReturnType<typeof openTestApi>;
let admin: string;
let manager: string;
let agent: string;
let support: string;

// One database for the file: every call here is refused before it writes (the last test adds a person).
beforeAll(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  await api.ok("settings.update", { "session.idleMinutes": 240 }, admin);
  manager = await api.loginAs("manager", admin);
  agent = await api.loginAs("agent", admin);
  support = await api.loginAs("support", admin);
});
afterAll(() => api.cleanup());

const FAR = 9007199254740991; // Number.MAX_SAFE_INTEGER, as the probe sent it
const PAST_DATE = 8640000000000001; // one past what a JavaScript Date can hold

describe("the requests from the issue", () => {
  it("refuses an audit-log export up to the largest safe integer, naming the filter", async () => {
    const answer = await api.call("exports.start", { recordSet: "auditLog", format: "csv", filters: { to: FAR } }, manager);
    expect(answer).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "filters.to" } });
    expect(answer.ok === false && answer.error.message).toBe("Date de fin : une date entre 1900 et 2200.");
  });

  it("refuses an interactions export from the smallest safe integer", async () => {
    expect(await api.call("exports.start", { recordSet: "interactions", format: "csv", filters: { from: -FAR } }, manager)).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "filters.from" },
    });
  });

  it("answers VALIDATION, not INTERNAL, to a training-sessions preview before any date", async () => {
    expect(await api.call("exports.preview", { recordSet: "trainingSessions", filters: { to: -8640000003600001 } }, manager)).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "filters.to" },
    });
  });

  it("refuses a report whose call-back date is past what a Date can hold", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat" }, agent);
    const productId = (await api.ok<any>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
    const input = { personId: person.id, productId, title: "Plante", callbackConsent: true, callbackPhone: "022 735 33 92" };
    expect(await api.call("reports.create", { ...input, callbackBefore: PAST_DATE }, agent)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "callbackBefore" } });
    // Nothing was stored: the queue holds no report.
    expect((await api.ok<any>("reports.list", {}, support)).total).toBe(0);
  });
});

describe("every date input of every operation", () => {
  // Each case is a valid input except for one date, one past the range on the given side.
  const instantCases: [operation: string, session: () => string, input: (value: number) => Record<string, unknown>, field: string][] = [
    ["exports.preview", () => manager, (v) => ({ recordSet: "interactions", filters: { from: v } }), "filters.from"],
    ["audit.list", () => admin, (v) => ({ from: v }), "from"],
    ["audit.list", () => admin, (v) => ({ to: v }), "to"],
    ["interactions.log", () => agent, (v) => ({ personId: 1, channel: "call_in", purpose: "information", summary: "", at: v }), "at"],
    ["reports.setStatus", () => support, (v) => ({ id: 1, version: 1, status: "triaged", nextCallbackAt: v }), "nextCallbackAt"],
    ["reports.logCallback", () => support, (v) => ({ id: 1, outcome: "no_answer", nextCallbackAt: v }), "nextCallbackAt"],
    ["reports.callbacksDue", () => support, (v) => ({ until: v }), "until"],
    ["training.list", () => manager, (v) => ({ from: v }), "from"],
    ["training.list", () => manager, (v) => ({ to: v }), "to"],
    ["interactions.listByPurpose", () => manager, (v) => ({ purpose: "comment", from: v }), "from"],
    ["interactions.listByPurpose", () => manager, (v) => ({ purpose: "comment", to: v }), "to"],
  ];

  it.each(instantCases)("%s refuses an instant outside 1900–2200 in %#", async (operation, session, input, field) => {
    for (const value of [MIN_INSTANT - 1, MAX_INSTANT + 1, FAR, -FAR]) {
      expect(await api.call(operation, input(value), session()), `${operation} ${field}=${value}`).toMatchObject({ ok: false, error: { code: "VALIDATION", field } });
    }
  });

  const dayCases: [operation: string, session: () => string, input: (value: string) => Record<string, unknown>, field: string][] = [
    ["sessions.list", () => agent, (v) => ({ from: v }), "from"],
    ["sessions.save", () => manager, (v) => ({ courseId: 1, startsOn: v, endsOn: "2027-01-01", capacity: 10 }), "startsOn"],
    ["sessions.save", () => manager, (v) => ({ courseId: 1, startsOn: "2027-01-01", endsOn: v, capacity: 10 }), "endsOn"],
    ["privacy.requests.create", () => agent, (v) => ({ personId: 1, kind: "access", channel: "phone", receivedOn: v }), "receivedOn"],
    ["privacy.requests.extend", () => manager, (v) => ({ id: 1, version: 1, dueOn: v, reason: "Archives" }), "dueOn"],
    ["disclosures.create", () => manager, (v) => ({ recipient: "Police", legalBasis: "Art. 31", categories: ["identity"], disclosedOn: v }), "disclosedOn"],
  ];

  it.each(dayCases)("%s refuses a calendar day outside 1900–2200, or no day at all, in %#", async (operation, session, input, field) => {
    for (const value of ["1899-12-31", "2201-01-01", "0000-01-01", "9999-12-31", "", "2026-13-01", "2026-02-30", "1.3.2026"]) {
      expect(await api.call(operation, input(value), session()), `${operation} ${field}=${value}`).toMatchObject({ ok: false, error: { code: "VALIDATION", field } });
    }
  });

  it("accepts both ends of the range", async () => {
    expect(await api.call("exports.preview", { recordSet: "interactions", filters: { from: MIN_INSTANT, to: MAX_INSTANT } }, manager)).toMatchObject({ ok: true });
    expect(await api.call("audit.list", { from: MIN_INSTANT, to: MAX_INSTANT }, admin)).toMatchObject({ ok: true });
    expect(await api.call("sessions.list", { from: "1900-01-01" }, agent)).toMatchObject({ ok: true });
    expect(await api.call("sessions.list", { from: "2200-12-31" }, agent)).toMatchObject({ ok: true });
    const person = await api.ok<any>("people.create", { lastName: "Rochat" }, agent);
    expect(await api.call("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: "", at: MIN_INSTANT }, agent)).toMatchObject({ ok: true });
  });
});
