import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "../../common/contract/events";
import { showsAnyOf } from "../../renderer/src/api/liveTargets";

/*
 * Which cached reads another desk's change marks stale. Lists refetch on any change of their kind;
 * audited reads (a card, a report) only when they show that very record, so a desk's open card is
 * not read again — and logged as read — for every change anywhere.
 */

const event = (entity: ChangeEvent["entity"], id: ChangeEvent["id"], op = "x.y"): ChangeEvent => ({ seq: 1, entity, id, op });
const card = (id: number, extra: Record<string, unknown> = {}) => ({ id, company: null, reports: [], training: [], ...extra });

describe("the live updates' table", () => {
  it("refreshes a person's card only for that person, and every search", () => {
    expect(showsAnyOf([event("person", 7)], "people.get", { id: 7 }, card(7))).toBe(true);
    expect(showsAnyOf([event("person", 7)], "people.get", { id: 8 }, card(8))).toBe(false);
    expect(showsAnyOf([event("person", 7)], "people.search", { q: "dup" }, [])).toBe(true);
    expect(showsAnyOf([event("person", 7)], "interactions.list", { personId: 7 }, [])).toBe(true);
    expect(showsAnyOf([event("person", 7)], "reports.get", { id: 3 }, { id: 3, personId: 7 })).toBe(true);
    expect(showsAnyOf([event("person", 7)], "reports.get", { id: 3 }, { id: 3, personId: 9 })).toBe(false);
    expect(showsAnyOf([event("person", 7)], "companies.get", { id: 2 }, { people: [{ id: 7 }], reports: [] })).toBe(true);
    expect(showsAnyOf([event("person", 7)], "users.list", {}, [])).toBe(false);
  });

  it("refreshes the card listing a changed report, the report itself (by id or reference) and the queue", () => {
    expect(showsAnyOf([event("error_report", 3)], "people.get", { id: 7 }, card(7, { reports: [{ id: 3 }] }))).toBe(true);
    expect(showsAnyOf([event("error_report", 3)], "people.get", { id: 8 }, card(8, { reports: [{ id: 4 }] }))).toBe(false);
    expect(showsAnyOf([event("error_report", 3)], "reports.get", { reference: "ER-2026-00003" }, { id: 3, personId: 7 })).toBe(true);
    expect(showsAnyOf([event("error_report", 3)], "reports.list", { page: 0 }, { rows: [] })).toBe(true);
    expect(showsAnyOf([event("company", 2)], "people.get", { id: 7 }, card(7, { company: { id: 2, name: "x" } }))).toBe(true);
  });

  it("refreshes everything after a retention run, and nothing for an unknown operation name", () => {
    expect(showsAnyOf([event("retention", null)], "people.get", { id: 1 }, card(1))).toBe(true);
    expect(showsAnyOf([event("person", 1)], "no.such", {}, undefined)).toBe(false);
    // A read still loading (no answer yet) is refreshed only by what its input says.
    expect(showsAnyOf([event("person", 1)], "reports.get", { id: 3 }, undefined)).toBe(false);
  });
});
