import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reads, Writes } from "../../db/engine";
import {
  assignSession,
  getCourse,
  getSession,
  getTrainingRequest,
  listCourses,
  listSessions,
  listTrainingRequests,
  saveCourse,
  saveSession,
  setTrainingStatus,
  trainingOfPerson,
  type CourseInput,
  type TrainingFilter,
} from "../../db/training";
import { ENGINES, openMigratedTestEngine, type MigratedTestEngine } from "../fixtures/engines";
import { HOSTILE_TEXTS, stored } from "../fixtures/hostile-strings";
import { addCompany, addPerson, addTrainingRequest, addUser } from "../fixtures/report-rows";

// Training on each engine: the catalogue, sessions and their seats, requests and their workflow.

const NOW = Date.UTC(2026, 11, 2, 9);
const HOUR = 3_600_000;
const BASICS: CourseInput = { code: "JC-101", titleFr: "JetCompta : les bases", titleEn: "JetCompta basics", languages: ["fr", "en"], durationValue: 2, durationUnit: "days", format: "premises", active: true };

describe.each(ENGINES)("training on %s", (kind) => {
  let opened: MigratedTestEngine;
  const write = <T>(work: (tx: Writes) => Promise<T>) => opened.engine.transaction("write", work);
  const read = <T>(work: (tx: Reads) => Promise<T>) => opened.engine.transaction("read", work);

  let manager: number;
  let person: number;
  let company: number;
  let course: number;
  beforeEach(async () => {
    opened = await openMigratedTestEngine(kind);
    await write(async (tx) => {
      manager = await addUser(tx, { username: "manager", displayName: "Marie Manager", role: "manager" }, NOW);
      company = await addCompany(tx, "Favre SA", NOW);
      person = await addPerson(tx, { firstName: "Léa", lastName: "Rochat", companyId: company, phones: ["+41795551234"] }, NOW);
      course = await saveCourse(tx, BASICS);
    });
  });
  afterEach(async () => opened.remove());

  const session = (extra: Partial<Parameters<typeof saveSession>[1]> = {}) =>
    write((tx) => saveSession(tx, { courseId: course, startsOn: "2027-01-10", endsOn: "2027-01-11", place: "Rue de Lausanne 63", capacity: 5, trainer: "M. Roux", status: "planned", ...extra }, NOW));
  const request = (participants: number, extra: Partial<Parameters<typeof addTrainingRequest>[1]> = {}) =>
    write((tx) => addTrainingRequest(tx, { personId: person, courseId: course, participants, createdAt: NOW, companyId: company, createdBy: manager, ...extra }));

  describe("the catalogue", () => {
    it("shows each course in the reader's language, active ones unless asked", async () => {
      const old = await write((tx) => saveCourse(tx, { ...BASICS, code: "JC-001", titleFr: "Ancien", titleEn: "Old", languages: ["de"], active: false }));
      expect(await read((tx) => getCourse(tx, course, "en"))).toEqual({
        id: course,
        code: "JC-101",
        titleFr: "JetCompta : les bases",
        titleEn: "JetCompta basics",
        title: "JetCompta basics",
        description: "",
        languages: ["fr", "en"],
        durationValue: 2,
        durationUnit: "days",
        format: "premises",
        active: true,
        version: 1,
      });
      expect((await read((tx) => listCourses(tx, "fr", false))).map((c) => c.title)).toEqual(["JetCompta : les bases"]);
      expect((await read((tx) => listCourses(tx, "fr", true))).map((c) => [c.id, c.active])).toEqual([
        [old, false],
        [course, true],
      ]);
    });

    it("refuses a code taken, a stale version and an unknown course; keeps hostile text", async () => {
      await expect(write((tx) => saveCourse(tx, { ...BASICS, titleFr: "Autre" }))).rejects.toMatchObject({ code: "CONFLICT", field: "code" });
      const description = stored(HOSTILE_TEXTS.map((t) => t.text).join("\n"));
      expect(await write((tx) => saveCourse(tx, { ...BASICS, id: course, version: 1, description }))).toBe(course);
      await expect(write((tx) => saveCourse(tx, { ...BASICS, id: course, version: 1, titleFr: "x" }))).rejects.toMatchObject({ code: "CONFLICT", reason: "stale", field: "version" });
      await expect(write((tx) => saveCourse(tx, { ...BASICS, code: "X", id: course + 100 }))).rejects.toMatchObject({ code: "NOT_FOUND", field: "id" });
      expect(await read((tx) => getCourse(tx, course, "fr"))).toMatchObject({ description, version: 2 });
      await expect(read((tx) => getCourse(tx, course + 100, "fr"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("sessions and their seats", () => {
    it("counts the seats held by scheduled, confirmed and completed requests only", async () => {
      const s = await session();
      await request(2, { status: "scheduled", sessionId: s });
      await request(1, { status: "confirmed", sessionId: s });
      await request(4, { status: "cancelled", sessionId: s });
      await request(3, { status: "contacted" });
      const detail = await read((tx) => getSession(tx, s, "en"));
      expect(detail).toMatchObject({ id: s, courseId: course, startsOn: "2027-01-10", endsOn: "2027-01-11", place: "Rue de Lausanne 63", capacity: 5, trainer: "M. Roux", status: "planned", version: 1, seatsTaken: 3, seatsLeft: 2 });
      expect(detail.course.title).toBe("JetCompta basics");
      expect(detail.participants.map((p) => [p.participants, p.status])).toEqual([
        [2, "scheduled"],
        [1, "confirmed"],
        [4, "cancelled"],
      ]);
      const { course: _course, participants: _participants, ...fields } = detail;
      expect(await read((tx) => listSessions(tx, { courseId: course }, "fr"))).toEqual([{ ...fields, courseCode: "JC-101", courseTitle: "JetCompta : les bases" }]);
    });

    it("lists sessions by start date, from a day on", async () => {
      const later = await session({ startsOn: "2027-03-01", endsOn: "2027-03-01" });
      const sooner = await session({ startsOn: "2027-01-05", endsOn: "2027-01-06" });
      expect((await read((tx) => listSessions(tx, {}, "fr"))).map((s) => s.id)).toEqual([sooner, later]);
      expect((await read((tx) => listSessions(tx, { from: "2027-02-01" }, "fr"))).map((s) => s.id)).toEqual([later]);
    });

    it("refuses a capacity below the seats booked, a past start and an inactive course", async () => {
      const s = await session();
      await request(4, { status: "scheduled", sessionId: s });
      await expect(session({ id: s, version: 1, capacity: 3 })).rejects.toMatchObject({ code: "CONFLICT", reason: "capacity_below_booked", params: { taken: "4" }, field: "capacity" });
      expect(await session({ id: s, version: 1, capacity: 4, place: "En ligne" })).toBe(s);
      await expect(session({ id: s, version: 1 })).rejects.toMatchObject({ code: "CONFLICT", field: "version" });
      await expect(session({ startsOn: "2026-12-01" })).rejects.toMatchObject({ code: "VALIDATION", reason: "date_in_past", field: "startsOn" });
      await expect(session({ endsOn: "2027-01-09" })).rejects.toMatchObject({ code: "VALIDATION", field: "endsOn" });
      const inactive = await write((tx) => saveCourse(tx, { ...BASICS, code: "OLD", active: false }));
      await expect(session({ courseId: inactive })).rejects.toMatchObject({ code: "VALIDATION", reason: "inactive_course" });
      expect(await read((tx) => getSession(tx, s, "fr"))).toMatchObject({ capacity: 4, place: "En ligne", version: 2 });
    });

    it("books the last seats once when two desks try at the same moment", async () => {
      const s = await session({ capacity: 5 });
      const a = await request(3);
      const b = await request(3);
      const results = await Promise.allSettled([a, b].map((id) => write((tx) => assignSession(tx, id, 1, s, { userId: manager, now: NOW }))));
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", reason: "no_seats", params: { left: "2" }, field: "sessionId" });
      expect(await read((tx) => getSession(tx, s, "fr"))).toMatchObject({ seatsTaken: 3, seatsLeft: 2 });
    });
  });

  describe("requests", () => {
    it("shows a request with its person, company, session and who took it", async () => {
      const s = await session();
      const id = await request(2);
      await write((tx) => assignSession(tx, id, 1, s, { userId: manager, now: NOW + HOUR }));
      const r = await read((tx) => getTrainingRequest(tx, id, "fr"));
      expect(r).toEqual({
        id,
        personId: person,
        person: "Léa Rochat",
        courseId: course,
        courseCode: "JC-101",
        courseTitle: "JetCompta : les bases",
        company: "Favre SA",
        participants: 2,
        language: "fr",
        format: "premises",
        preferredPeriod: "",
        status: "scheduled",
        sessionId: s,
        sessionStartsOn: "2027-01-10",
        createdAt: NOW,
        updatedAt: NOW + HOUR,
        version: 2,
        notes: "",
        cancelReason: "",
        callbackConsent: false,
        callbackPhone: null,
        callbackPhoneDisplay: null,
        personPhones: ["079 555 12 34"],
        allowedStatuses: ["confirmed", "contacted", "cancelled"],
        createdBy: "Marie Manager",
      });
      expect(await read((tx) => trainingOfPerson(tx, person, "en"))).toEqual([{ ...stripDetail(r), courseTitle: "JetCompta basics" }]);
    });

    it("follows the workflow, gives the seats back on cancelling and refuses stale versions", async () => {
      const s = await session();
      const id = await request(2);
      const actor = { userId: manager, now: NOW };
      await expect(write((tx) => setTrainingStatus(tx, id, 1, "scheduled", undefined, actor))).rejects.toMatchObject({ code: "VALIDATION", reason: "schedule_through_session" });
      await expect(write((tx) => setTrainingStatus(tx, id, 1, "completed", undefined, actor))).rejects.toMatchObject({ code: "VALIDATION", reason: "transition", field: "status" });
      await write((tx) => assignSession(tx, id, 1, s, actor));
      await write((tx) => setTrainingStatus(tx, id, 2, "confirmed", undefined, actor));
      await expect(write((tx) => setTrainingStatus(tx, id, 2, "completed", undefined, actor))).rejects.toMatchObject({ code: "CONFLICT", field: "version" });
      await expect(write((tx) => setTrainingStatus(tx, id, 3, "cancelled", " ", actor))).rejects.toMatchObject({ code: "VALIDATION", field: "cancelReason" });
      expect(await read((tx) => getSession(tx, s, "fr"))).toMatchObject({ seatsTaken: 2 });
      const reason = stored(HOSTILE_TEXTS[0]!.text);
      await write((tx) => setTrainingStatus(tx, id, 3, "cancelled", reason, actor));
      expect(await read((tx) => getTrainingRequest(tx, id, "fr"))).toMatchObject({ status: "cancelled", cancelReason: reason, sessionId: null, allowedStatuses: [], version: 4 });
      expect(await read((tx) => getSession(tx, s, "fr"))).toMatchObject({ seatsTaken: 0, participants: [] });
    });

    it("refuses a session of another course, a closed one and a past one", async () => {
      const other = await write((tx) => saveCourse(tx, { ...BASICS, code: "JS-201" }));
      const elsewhere = await session({ courseId: other });
      const cancelled = await session({ status: "cancelled" });
      const id = await request(1);
      const actor = { userId: manager, now: NOW };
      await expect(write((tx) => assignSession(tx, id, 1, elsewhere, actor))).rejects.toMatchObject({ code: "VALIDATION", reason: "other_course" });
      await expect(write((tx) => assignSession(tx, id, 1, cancelled, actor))).rejects.toMatchObject({ code: "VALIDATION", reason: "session_closed" });
      await expect(write((tx) => assignSession(tx, id, 1, cancelled + 100, actor))).rejects.toMatchObject({ code: "NOT_FOUND", field: "sessionId" });
      const s = await session();
      // Seen from a day after the session started.
      await expect(write((tx) => assignSession(tx, id, 1, s, { userId: manager, now: Date.UTC(2027, 0, 11, 9) }))).rejects.toMatchObject({ code: "VALIDATION", reason: "date_in_past" });
    });

    it("lists requests by filter, sort and page, with their count", async () => {
      const other = await write((tx) => addPerson(tx, { firstName: "Jean", lastName: "Favre", phones: [] }, NOW));
      const statuses = ["requested", "contacted", "cancelled", "requested", "requested"] as const;
      const ids: number[] = [];
      for (let i = 0; i < 10; i++) {
        // Pairs created at the same instant: the id breaks the tie.
        ids.push(await request(1, { personId: i % 2 ? other : person, status: statuses[i % 5], createdAt: NOW - Math.floor(i / 2) * HOUR, companyId: i < 5 ? company : null }));
      }
      const base: TrainingFilter = { sort: "createdAt", direction: "desc", page: 0, pageSize: 4 };
      const list = (f: Partial<TrainingFilter>) => read((tx) => listTrainingRequests(tx, { ...base, ...f }, "fr"));
      const newest = (keep: (i: number) => boolean) =>
        ids
          .map((id, i) => ({ id, i, at: NOW - Math.floor(i / 2) * HOUR }))
          .filter(({ i }) => keep(i))
          .sort((a, b) => b.at - a.at || b.id - a.id)
          .map((r) => r.id);
      expect(await list({})).toMatchObject({ total: 10 });
      expect((await list({})).rows.map((r) => r.id)).toEqual(newest(() => true).slice(0, 4));
      expect((await list({ page: 2 })).rows.map((r) => r.id)).toEqual(newest(() => true).slice(8));
      expect((await list({ status: ["requested"], pageSize: 10 })).rows.map((r) => r.id)).toEqual(newest((i) => [0, 3, 4].includes(i % 5)));
      expect((await list({ companyId: company, pageSize: 10 })).rows.map((r) => r.id)).toEqual(newest((i) => i < 5));
      expect((await list({ from: NOW - HOUR, to: NOW, pageSize: 10 })).rows.map((r) => r.id)).toEqual(newest((i) => i < 4));
      expect((await list({ courseId: course + 100 })).total).toBe(0);
      const ascending = (await list({ sort: "createdAt", direction: "asc", pageSize: 10 })).rows.map((r) => r.id);
      expect(ascending).toEqual([...newest(() => true)].reverse());
      expect((await list({ sort: "status", direction: "asc", pageSize: 10 })).rows.map((r) => r.status)).toEqual(["cancelled", "cancelled", "contacted", "contacted", ...Array(6).fill("requested")]);
    });
  });
});

/** A request's list line: its detail without the detail's own fields. */
function stripDetail(r: Awaited<ReturnType<typeof getTrainingRequest>>) {
  const { notes: _n, cancelReason: _c, callbackConsent: _cc, callbackPhone: _cp, callbackPhoneDisplay: _cpd, personPhones: _pp, allowedStatuses: _a, createdBy: _b, ...row } = r;
  return row;
}
