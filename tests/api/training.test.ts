import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TRAINING_TRANSITIONS } from "../../db/training";
import { TRAINING_STATUSES } from "../../db/schema";
import { openTestApi, raceDesks } from "../fixtures/database";

let api: ReturnType<typeof openTestApi>;
let admin: string;
let agent: string;
let manager: string;
let person: any;
let course: any;

const DAY = 86_400_000;
const dateIn = (days: number) => new Date(api.now() + days * DAY).toISOString().slice(0, 10);

beforeEach(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  agent = await api.loginAs("agent", admin);
  manager = await api.loginAs("manager", admin);
  const company = await api.ok<any>("companies.create", { name: "Favre SA" }, agent);
  person = await api.ok<any>("people.create", { firstName: "Léa", lastName: "Rochat", companyId: company.id, phones: [{ number: "079 555 12 34" }] }, agent);
  course = await api.ok<any>(
    "courses.save",
    { code: "JC-101", titleFr: "JetCompta : les bases", titleEn: "JetCompta basics", languages: ["fr", "en"], durationValue: 2, durationUnit: "days", format: "premises" },
    manager,
  );
});
afterEach(() => api.cleanup());

const request = (extra: Record<string, unknown> = {}) =>
  api.ok<any>("training.create", { personId: person.id, courseId: course.id, participants: 3, language: "fr", format: "premises", preferredPeriod: "janvier", ...extra }, agent);
const session = (extra: Record<string, unknown> = {}) =>
  api.ok<any>("sessions.save", { courseId: course.id, startsOn: dateIn(30), endsOn: dateIn(31), place: "Rue de Lausanne 63", capacity: 5, trainer: "M. Roux", ...extra }, manager);

describe("courses", () => {
  it("shows each course title in the reader's language", async () => {
    expect((await api.ok<any[]>("courses.list", {}, agent))[0].title).toBe("JetCompta : les bases");
    await api.ok("session.setLanguage", { language: "en" }, agent);
    expect((await api.ok<any[]>("courses.list", {}, agent))[0].title).toBe("JetCompta basics");
    const r = await request();
    expect(r.courseTitle).toBe("JetCompta basics");
  });

  it("only managers edit the catalogue; codes are unique", async () => {
    expect(await api.call("courses.save", { code: "X", titleFr: "x", titleEn: "x", languages: ["fr"], durationValue: 1, durationUnit: "hours", format: "online" }, agent)).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await api.call("courses.save", { code: "JC-101", titleFr: "x", titleEn: "x", languages: ["fr"], durationValue: 1, durationUnit: "hours", format: "online" }, manager)).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", field: "code" },
    });
  });
});

describe("taking a request", () => {
  it("defaults the company to the caller's, logs the call and shows on the card", async () => {
    const r = await request();
    expect(r).toMatchObject({ status: "requested", company: "Favre SA", participants: 3, courseCode: "JC-101" });
    const card = await api.ok<any>("people.get", { id: person.id }, agent);
    expect(card.training.map((t: any) => [t.courseCode, t.status])).toEqual([["JC-101", "requested"]]);
    expect(card.timeline[0]).toMatchObject({ purpose: "training", summary: "JC-101 — JetCompta : les bases" });
  });

  it("refuses zero or absurd participants, an inactive course and a number not the caller's", async () => {
    for (const participants of [0, -2, 201, 2.5]) {
      expect(await api.call("training.create", { personId: person.id, courseId: course.id, participants, language: "fr", format: "online" }, agent), String(participants)).toMatchObject({
        ok: false,
        error: { code: "VALIDATION", field: "participants" },
      });
    }
    const { id, version, code, titleFr, titleEn, durationValue, durationUnit, format } = course;
    await api.ok("courses.save", { id, version, code, titleFr, titleEn, languages: ["fr"], durationValue, durationUnit, format, active: false }, manager);
    expect(await api.call("training.create", { personId: person.id, courseId: course.id, participants: 1, language: "fr", format: "online" }, agent)).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "courseId" },
    });
  });
});

describe("sessions and booking", () => {
  it("a new session cannot start in the past; booking shows seats left and refuses overbooking with the seats left", async () => {
    expect(await api.call("sessions.save", { courseId: course.id, startsOn: dateIn(-1), endsOn: dateIn(0), capacity: 5 }, manager)).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "startsOn" },
    });
    const s = await session();
    const first = await request();
    const booked = await api.ok<any>("training.assignSession", { id: first.id, version: first.version, sessionId: s.id }, manager);
    expect(booked).toMatchObject({ status: "scheduled", sessionId: s.id });
    expect(await api.ok<any>("sessions.get", { id: s.id }, agent)).toMatchObject({ seatsTaken: 3, seatsLeft: 2, participants: [expect.objectContaining({ id: first.id })] });
    const second = await request();
    expect(await api.call("training.assignSession", { id: second.id, version: second.version, sessionId: s.id }, manager)).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", field: "sessionId", reason: "no_seats", message: expect.stringContaining("2") },
    });
    expect(await api.call("sessions.save", { ...sessionInput(s), capacity: 2 }, manager)).toMatchObject({ ok: false, error: { code: "CONFLICT", field: "capacity" } });
  });

  it("never overbooks when two desks book the last seats at the same moment", async () => {
    const s = await session({ capacity: 4 });
    const a = await request({ participants: 3 });
    const b = await request({ participants: 3 });
    const username = (await api.ok<any>("session.me", {}, manager)).user.username;
    const results = (
      await raceDesks([a, b].map((r) => ({ file: api.db.file, username, password: "password-1234", calls: [{ name: "training.assignSession", input: { id: r.id, version: r.version, sessionId: s.id } }] })))
    ).flat();
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: "CONFLICT", reason: "no_seats" }) })]);
    expect(await api.ok<any>("sessions.get", { id: s.id }, agent)).toMatchObject({ seatsTaken: 3, seatsLeft: 1 });
  });
});

function sessionInput(s: any) {
  const { id, version, courseId, startsOn, endsOn, place, capacity, trainer, status } = s;
  return { id, version, courseId, startsOn, endsOn, place, capacity, trainer, status };
}

describe("request workflow", () => {
  it("allows exactly the declared transitions; scheduling goes through a session; cancelling needs a reason", async () => {
    for (const from of TRAINING_STATUSES) {
      for (const to of TRAINING_STATUSES) {
        const r = await request();
        api.db.sqlite.prepare("UPDATE training_requests SET status = ? WHERE id = ?").run(from, r.id);
        const result = await api.call("training.setStatus", { id: r.id, version: r.version, status: to, cancelReason: "Budget" }, agent);
        expect(result.ok, `${from} → ${to}`).toBe(TRAINING_TRANSITIONS[from].includes(to) && to !== "scheduled");
      }
    }
    const r = await request();
    expect(await api.call("training.setStatus", { id: r.id, version: r.version, status: "cancelled" }, agent)).toMatchObject({ ok: false, error: { field: "cancelReason" } });
  });

  it("filters the board by course, status, company and period", async () => {
    const other = await api.ok<any>("courses.save", { code: "JS-200", titleFr: "Salaires", titleEn: "Payroll", languages: ["fr"], durationValue: 4, durationUnit: "hours", format: "online" }, manager);
    const r1 = await request();
    api.advance(2 * DAY);
    // Two days later: the sessions ended (session.maxHours).
    agent = api.logInAgain(agent);
    manager = api.logInAgain(manager);
    const r2 = await request({ courseId: other.id });
    await api.ok("training.setStatus", { id: r1.id, version: r1.version, status: "contacted" }, agent);
    expect((await api.ok<any>("training.list", { courseId: other.id }, agent)).rows.map((r: any) => r.id)).toEqual([r2.id]);
    expect((await api.ok<any>("training.list", { status: ["contacted"] }, agent)).rows.map((r: any) => r.id)).toEqual([r1.id]);
    expect((await api.ok<any>("training.list", { from: api.now() - DAY }, agent)).rows.map((r: any) => r.id)).toEqual([r2.id]);
    const elsewhere = await api.ok<any>("companies.create", { name: "Autre Sàrl" }, agent);
    expect((await api.ok<any>("training.list", { companyId: elsewhere.id }, agent)).total).toBe(0);
    expect((await api.ok<any>("training.list", { companyId: person.company.id }, agent)).total).toBe(2);
    expect((await api.ok<any>("training.list", { sort: "createdAt", direction: "asc" }, agent)).rows.map((r: any) => r.id)).toEqual([r1.id, r2.id]);
  });
});

describe("information requests and comments", () => {
  it("lists them by purpose for managers, with date range and text filter", async () => {
    await api.ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: "Horaires d'ouverture du 24 décembre" }, agent);
    await api.ok("interactions.log", { personId: person.id, channel: "email", purpose: "comment", summary: "Bravo pour la nouvelle version 100% réussie" }, agent);
    await api.ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: "Prix des licences" }, agent);
    expect((await api.ok<any>("interactions.listByPurpose", { purpose: "information" }, manager)).total).toBe(2);
    expect((await api.ok<any>("interactions.listByPurpose", { purpose: "information", text: "DÉCEMBRE" }, manager)).rows.map((r: any) => r.summary)).toEqual(["Horaires d'ouverture du 24 décembre"]);
    expect((await api.ok<any>("interactions.listByPurpose", { purpose: "comment", text: "100%" }, manager)).rows[0]).toMatchObject({ person: "Léa Rochat", agent: "Test agent" });
    expect((await api.ok<any>("interactions.listByPurpose", { purpose: "comment", text: "%" }, manager)).total).toBe(1);
    expect((await api.ok<any>("interactions.listByPurpose", { purpose: "information", to: api.now() - 1 }, manager)).total).toBe(0);
    expect(await api.call("interactions.listByPurpose", { purpose: "information" }, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});
