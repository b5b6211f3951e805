import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SEARCH_SQL } from "../../db/search";
import { openTestApi } from "../fixtures/database";

let api: ReturnType<typeof openTestApi>;
let s: string; // an agent's session
let manager: string;
beforeEach(async () => {
  api = openTestApi();
  const admin = (await api.admin()).sessionId;
  s = await api.loginAs("agent", admin);
  manager = await api.loginAs("manager", admin);
});
afterEach(() => api.cleanup());

type Hit = { personId: number; lastName: string; firstName: string; matchedBy: string; primaryPhone: string | null; company: string | null; city: string | null };
const search = (q: string) => api.ok<Hit[]>("people.search", { q }, s);
const create = (input: Record<string, unknown>) => api.ok<any>("people.create", input, s);

async function seed() {
  const company = await api.ok<any>("companies.create", { name: "Horlogerie Favre SA", city: "Genève" }, s);
  const jean = await create({
    salutation: "mr",
    firstName: "Jean",
    lastName: "Dupont",
    companyId: company.id,
    phones: [{ number: "022 735 33 92", kind: "work" }],
    emails: [{ email: "Jean.Dupont@Example.CH" }],
    addresses: [{ street: "Rue de Lausanne 63", postalCode: "1202", city: "Genève" }],
  });
  const muller = await create({ firstName: "Anna", lastName: "Müller", phones: [{ number: "+41 79 123 45 67" }], addresses: [{ postalCode: "8001", city: "Zürich" }] });
  const jeanne = await create({ firstName: "Jeanne", lastName: "Dupontel", phones: [{ number: "+33 1 42 68 53 00" }] });
  return { company, jean, muller, jeanne };
}

describe("caller lookup", () => {
  it("finds a caller from any spelling of their number", async () => {
    const { jean } = await seed();
    // Every way a Swiss desk writes it (common/phone.ts reads them all), whole, partial, or its last digits.
    const spellings = ["022 735 33 92", "0227353392", "+41 22 735 33 92", "+41227353392", "0041 22 735 33 92", "0041227353392", "+41 (0)22 735 33 92", "(022) 735 33 92"];
    const trunkKept = ["+41 022 735 33 92", "0041 022 735 33 92", "022/735 33 92", "022.735.33.92", "022-735-33-92", "022 735", "(022) 735", "+41 022 73", "7353392", "735 33 92"];
    for (const q of [...spellings, ...trunkKept]) {
      const hits = await search(q);
      expect(hits[0]?.personId, q).toBe(jean.id);
      expect(hits[0]?.matchedBy).toBe("phone");
    }
    // E.164 as every number the API sends; the screens format it.
    expect((await search("022 735 33 92"))[0]).toMatchObject({ primaryPhone: "+41227353392", company: "Horlogerie Favre SA", city: "Genève" });
    expect(await search("022 999 99 99")).toEqual([]);
    expect(await search("(022) 999 99 99")).toEqual([]);
    // A mobile and a foreign number, written with their prefixes kept.
    expect((await search("0041 079 123 45 67"))[0]?.personId).toBe((await search("079 123 45 67"))[0]?.personId);
    expect((await search("+33 (0)1 42 68 53 00"))[0]).toMatchObject({ lastName: "Dupontel", matchedBy: "phone" });
    expect((await search("0033 01 42 68 53 00"))[0]).toMatchObject({ lastName: "Dupontel", matchedBy: "phone" });
  });

  it("ignores accents and word order and matches as typed", async () => {
    const { jean, muller } = await seed();
    for (const q of ["müller", "Muller", "MULLER", "anna mül", "zurich"]) expect((await search(q)).map((h) => h.personId), q).toContain(muller.id);
    expect((await search("jean dupont"))[0]?.personId).toBe(jean.id);
    expect((await search("dupont jean"))[0]?.personId).toBe(jean.id);
    expect((await search("dupont@")).map((h) => h.personId)).toContain(jean.id);
    expect((await search("favre")).map((h) => h.personId)).toEqual([jean.id]);
    expect((await search("genève")).map((h) => h.personId)).toEqual([jean.id]);
  });

  it("ranks an exact phone or email match above a partial name match", async () => {
    const { jean, jeanne } = await seed();
    const named = await create({ firstName: "Jean", lastName: "Dupont-Exemple", emails: [{ email: "other@example.ch" }] });
    const byEmail = await search("jean.dupont@example.ch");
    expect(byEmail[0]).toMatchObject({ personId: jean.id, matchedBy: "email" });
    const byName = await search("dupont");
    expect(byName.map((h) => h.personId)).toEqual(expect.arrayContaining([jean.id, jeanne.id, named.id]));
    // A whole-word match (Dupont, Dupont-Exemple) ranks above a prefix-only one (Dupontel).
    expect(byName.at(-1)?.personId).toBe(jeanne.id);
  });

  it("returns recent callers for an empty query, newest first", async () => {
    const { jean, muller, jeanne } = await seed();
    await api.ok("interactions.log", { personId: muller.id, channel: "call_in", purpose: "information", summary: "" }, s);
    api.advance(60_000);
    await api.ok("interactions.log", { personId: jean.id, channel: "call_in", purpose: "other", summary: "" }, s);
    expect((await search("")).map((h) => h.personId)).toEqual([jean.id, muller.id]);
    expect((await search("   ")).map((h) => h.personId)).not.toContain(jeanne.id);
  });

  it("survives hostile and odd input without a database error", async () => {
    await seed();
    const hostile = ['"', "*", "NEAR", "AND", "-", "dupont OR 1=1", "'; DROP TABLE people; --", '" OR ""="', "👩‍💻", "محمد", "(", "^", "a", "ab", "\u0000", "Robert'); --"];
    for (const q of hostile) {
      const result = await api.call("people.search", { q }, s);
      expect(result.ok, q).toBe(true);
    }
    expect(await api.call("people.search", { q: "x".repeat(10_000) }, s)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "q" } });
    expect((await search("dupont")).length).toBeGreaterThan(0); // table still there
  });

  it("uses an index for every query shape (no full-table scan)", async () => {
    await seed();
    const args: Record<keyof typeof SEARCH_SQL, unknown[]> = {
      phonePrefix: ["+4122", "+4122:"],
      trailingDigits: ["2933", "2933:"],
      emailPrefix: ["dupont@", "dupont@\uffff"],
      oneWordCandidates: [{ match: '"dupont"*' }],
      nameCandidates: [{ match: 'name : "du"*' }],
      wholeNameCandidates: [{ match: '"du"' }],
      markedCandidates: [{ match: '"jean" "dupont"*', open: "[", close: "]" }],
      rowCount: [{ match: '"jean" "dupont"', limit: 20 }],
      indexedText: [1],
      markedRow: [{ match: '"jean" "dupont"*', open: "[", close: "]", id: 1 }],
      totals: [],
      recent: [20],
      rows: ["[1,2]"],
    };
    for (const [shape, sql] of Object.entries(SEARCH_SQL) as [keyof typeof SEARCH_SQL, string][]) {
      const plan = (api.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args[shape]) as { detail: string }[]).map((r) => r.detail);
      const fullScans = plan.filter((d) => /^SCAN (people|phones|emails|addresses|companies|interactions|people_fts_docsize|d)\b/.test(d) && !/USING (COVERING )?INDEX people_last_contact/.test(d));
      expect(fullScans, `${shape}: ${plan.join(" | ")}`).toEqual([]);
    }
  });
});

describe("person records", () => {
  it("stores E.164, lower-cased email and NFC text; refuses an invalid number naming the field", async () => {
    const { jean } = await seed();
    expect(jean.phones[0]).toMatchObject({ e164: "+41227353392", display: "022 735 33 92", kind: "work", isPrimary: true });
    expect(jean.emails[0].email).toBe("jean.dupont@example.ch");
    const decomposed = "Zoe\u0301";
    const zoe = await create({ firstName: decomposed, lastName: "O’Brien-Ŝmith" });
    expect(zoe.firstName).toBe("Zoé");
    const bad = await api.call("people.create", { lastName: "X", phones: [{ number: "022 735 33" }] }, s);
    expect(bad).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "phones.0.number" } });
    expect(await api.call("people.create", { lastName: "Robert'); DROP TABLE people;--" }, s)).toMatchObject({ ok: false, error: { field: "lastName" } });
    expect(await api.call("people.create", { lastName: "L".repeat(101) }, s)).toMatchObject({ ok: false, error: { field: "lastName" } });
    expect(await api.call("people.create", { lastName: "Ok", emails: [{ email: "not-an-email" }] }, s)).toMatchObject({ ok: false, error: { field: "emails.0.email" } });
  });

  it("shows the card with phones, emails, addresses and a newest-first timeline; reading it is audited", async () => {
    const { jean } = await seed();
    await api.ok("interactions.log", { personId: jean.id, channel: "call_in", purpose: "information", summary: "Horaires des cours" }, s);
    api.advance(60_000);
    await api.ok("interactions.log", { personId: jean.id, channel: "email", purpose: "comment", summary: "Merci ! 👍" }, s);
    const card = await api.ok<any>("people.get", { id: jean.id }, s);
    expect(card.timeline.map((t: any) => t.summary)).toEqual(["Merci ! 👍", "Horaires des cours"]);
    expect(card.timeline[0].agent).toBe("Test agent");
    expect(card.company.name).toBe("Horlogerie Favre SA");
    const audit = api.db.sqlite.prepare("SELECT operation, entity_type, entity_id FROM audit_log WHERE operation = 'people.get'").all();
    expect(audit).toEqual([{ operation: "people.get", entity_type: "person", entity_id: String(jean.id) }]);
  });

  it("keeps every correction in the history with who, when, old and new value", async () => {
    const { jean } = await seed();
    const updated = await api.ok<any>("people.update", { id: jean.id, version: jean.version, lastName: "Dupond", language: "de" }, s);
    expect(updated.changed).toEqual(["lastName", "language"]);
    await api.ok("phones.update", { id: jean.phones[0].id, number: "+41 22 735 33 93" }, s);
    await api.ok("emails.remove", { id: jean.emails[0].id }, s);
    const history = await api.ok<any[]>("people.history", { id: jean.id }, s);
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toEqual(
      expect.arrayContaining([
        ["lastName", "Dupont", "Dupond"],
        ["language", "fr", "de"],
        ["phones", "+41227353392", "+41227353393"],
        ["emails", "jean.dupont@example.ch", null],
      ]),
    );
    expect(history[0].user).toBe("Test agent");
    expect((await search("dupond"))[0]?.personId).toBe(jean.id);
    expect((await search("dupont@")).map((h) => h.personId)).not.toContain(jean.id);
  });

  it("corrects a mistyped email in place: same row, still primary, both spellings in the history, the search follows", async () => {
    const { jean } = await seed();
    const before = jean.emails[0];
    const card = await api.ok<any>("emails.update", { id: before.id, email: "Jean.Dupond@Example.ch" }, s);
    expect(card.emails).toEqual([expect.objectContaining({ id: before.id, email: "jean.dupond@example.ch", isPrimary: before.isPrimary })]);
    const history = await api.ok<any[]>("people.history", { id: jean.id }, s);
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toContainEqual(["emails", "jean.dupont@example.ch", "jean.dupond@example.ch"]);
    expect((await search("jean.dupond@")).map((h) => h.personId)).toContain(jean.id);
    const audit = api.db.sqlite.prepare("SELECT entity_type, entity_id, fields FROM audit_log WHERE operation = 'emails.update'").all();
    expect(audit).toEqual([{ entity_type: "person", entity_id: String(jean.id), fields: expect.stringContaining("emails") }]);
    expect(await api.call("emails.update", { id: before.id, email: "not-an-email" }, s)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "email" } });
  });

  it("refuses a stale save with CONFLICT instead of overwriting", async () => {
    const { jean } = await seed();
    await api.ok("people.update", { id: jean.id, version: jean.version, firstName: "Jean-Marc" }, s);
    const stale = await api.call("people.update", { id: jean.id, version: jean.version, firstName: "Jean-Paul" }, s);
    expect(stale).toMatchObject({ ok: false, error: { code: "CONFLICT", field: "version" } });
    expect((await api.ok<any>("people.get", { id: jean.id }, s)).firstName).toBe("Jean-Marc");
  });

  it("keeps exactly one primary phone as numbers are added and removed", async () => {
    const { jean } = await seed();
    const withTwo = await api.ok<any>("phones.add", { personId: jean.id, number: "079 555 12 34", isPrimary: true }, s);
    expect(withTwo.phones.map((p: any) => [p.e164, p.isPrimary])).toEqual([
      ["+41795551234", true],
      ["+41227353392", false],
    ]);
    const after = await api.ok<any>("phones.remove", { id: withTwo.phones[0].id }, s);
    expect(after.phones).toEqual([expect.objectContaining({ e164: "+41227353392", isPrimary: true })]);
  });
});

describe("duplicates and merge", () => {
  it("warns about the same phone, the same email, or the same name at the same postal code", async () => {
    const { jean, muller } = await seed();
    const copy = await create({ firstName: "jean", lastName: "DUPONT", addresses: [{ postalCode: "1202", city: "Genève" }] });
    expect(copy.duplicates).toEqual([expect.objectContaining({ personId: jean.id, reasons: ["name_postal_code"] })]);
    const byPhone = await api.ok<any>("phones.add", { personId: copy.id, number: "+41791234567" }, s);
    expect(byPhone.duplicates).toEqual([expect.objectContaining({ personId: muller.id, reasons: ["phone"] })]);
    const probe = await api.ok<any[]>("people.duplicates", { emails: ["JEAN.DUPONT@example.ch"], phones: ["022 735 33 92"] }, s);
    expect(probe).toEqual([expect.objectContaining({ personId: jean.id, reasons: expect.arrayContaining(["phone", "email"]) })]);
  });

  it("a manager merges two people: everything moves to the kept one, nothing is orphaned", async () => {
    const { jean } = await seed();
    const other = await create({
      firstName: "J.",
      lastName: "Dupont",
      phones: [{ number: "022 735 33 92" }, { number: "078 111 22 33" }],
      emails: [{ email: "jd@example.org" }],
      addresses: [{ city: "Carouge", postalCode: "1227" }],
    });
    await api.ok("interactions.log", { personId: other.id, channel: "letter", purpose: "other", summary: "Courrier" }, s);
    expect(await api.call("people.merge", { keepId: jean.id, removeId: other.id }, s)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const merged = await api.ok<any>("people.merge", { keepId: jean.id, removeId: other.id }, manager);
    expect(merged.phones.map((p: any) => p.e164).sort()).toEqual(["+41227353392", "+41781112233"]);
    expect(merged.phones.filter((p: any) => p.isPrimary)).toHaveLength(1);
    expect(merged.emails.map((e: any) => e.email).sort()).toEqual(["jd@example.org", "jean.dupont@example.ch"]);
    expect(merged.addresses.map((a: any) => a.city).sort()).toEqual(["Carouge", "Genève"]);
    expect(merged.timeline.map((t: any) => t.summary)).toEqual(["Courrier"]);
    expect(await api.call("people.get", { id: other.id }, s)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    for (const table of ["phones", "emails", "addresses", "interactions", "person_history"]) {
      expect(api.db.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE person_id NOT IN (SELECT id FROM people)`).pluck().get(), table).toBe(0);
    }
    expect((await search("carouge")).map((h) => h.personId)).toEqual([jean.id]);
    expect((await search("078 111 22 33")).map((h) => h.personId)).toEqual([jean.id]);
    expect(api.db.sqlite.prepare("SELECT entity_id, fields FROM audit_log WHERE operation = 'people.merge'").get()).toEqual({ entity_id: String(jean.id), fields: '["merged"]' });
  });
});

describe("companies and interactions", () => {
  it("lists a company's people and finds companies by the start of their name", async () => {
    const { company, jean } = await seed();
    expect((await api.ok<any>("companies.get", { id: company.id }, s)).people.map((p: any) => p.id)).toEqual([jean.id]);
    expect((await api.ok<any[]>("companies.search", { q: "horlo" }, s)).map((c) => c.name)).toEqual(["Horlogerie Favre SA"]);
    await api.ok("companies.update", { id: company.id, version: company.version, name: "Favre & Fils Sàrl" }, s);
    expect((await search("fils")).map((h) => h.personId)).toEqual([jean.id]);
  });

  it("logs a call with the agent and refuses a time in the future or an unknown purpose", async () => {
    const { jean } = await seed();
    const card = await api.ok<any>("interactions.log", { personId: jean.id, channel: "call_out", purpose: "error_report", summary: "Rappel" }, s);
    expect(card.timeline[0]).toMatchObject({ channel: "call_out", purpose: "error_report", agent: "Test agent", at: api.now() });
    expect(card.lastContactAt).toBe(api.now());
    expect(await api.call("interactions.log", { personId: jean.id, channel: "fax", purpose: "other", summary: "" }, s)).toMatchObject({ ok: false, error: { field: "channel" } });
    expect(await api.call("interactions.log", { personId: jean.id, channel: "visit", purpose: "other", summary: "", at: api.now() + 86_400_000 }, s)).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "at" },
    });
    expect(await api.call("interactions.log", { personId: 999999, channel: "visit", purpose: "other", summary: "" }, s)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
