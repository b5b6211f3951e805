import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Engine, Writes } from "../../db/engine";
import { constraintFailure } from "../../db/engine-errors";
import { createCompany } from "../../db/companies";
import { logInteraction } from "../../db/interactions";
import {
  addAddress,
  addEmail,
  addPhone,
  createPerson,
  getPerson,
  personHistoryOf,
  removeAddress,
  removeEmail,
  removePhone,
  setPrimaryEmail,
  setPrimaryPhone,
  updateAddress,
  updateEmail,
  updatePerson,
  updatePhone,
} from "../../db/people";
import { ENGINES } from "../fixtures/engines";
import { HOSTILE_NAMES, HOSTILE_TEXTS } from "../fixtures/hostile-strings";
import { freshWithUser, insertPerson } from "../fixtures/people-rows";

// The person card and its corrections, on each engine the domain layer runs on.

const open = freshWithUser();

const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);

describe.each(ENGINES)("phones and corrections on %s", (kind) => {
  it("keeps one primary number, refuses the same number twice on the number field, and records each change", async () => {
    const { engine, userId } = await open(kind);
    const change = { userId, now: NOW };
    const personId = await engine.transaction("write", (tx) => insertPerson(tx, "Jean", "Dupont"));
    const [first, second] = await engine.transaction("write", async (tx) => [
      await addPhone(tx, personId, { e164: "+41227353392", kind: "work" }, change),
      await addPhone(tx, personId, { e164: "+41791234567", isPrimary: true }, change),
    ] as const);
    const primaries = () => engine.transaction("read", (tx) => tx.all<{ id: number; isPrimary: unknown }>(sql`SELECT id, is_primary AS "isPrimary" FROM phones WHERE person_id = ${personId} ORDER BY id`));
    expect((await primaries()).map((p) => [p.id, Boolean(p.isPrimary)])).toEqual([
      [first, false],
      [second, true],
    ]);

    await expect(engine.transaction("write", (tx) => addPhone(tx, personId, { e164: "+41227353392" }, change))).rejects.toMatchObject({ code: "CONFLICT", field: "number" });
    await expect(engine.transaction("write", (tx) => updatePhone(tx, first, { e164: "+41791234567" }, change))).rejects.toMatchObject({ code: "CONFLICT", field: "number" });
    await expect(engine.transaction("write", (tx) => addPhone(tx, personId + 100, { e164: "+41227353393" }, change))).rejects.toMatchObject({ code: "NOT_FOUND", field: "personId" });

    await engine.transaction("write", (tx) => updatePhone(tx, first, { e164: "+41227353393", kind: "home" }, change));
    await engine.transaction("write", (tx) => setPrimaryPhone(tx, first));
    expect((await primaries()).map((p) => Boolean(p.isPrimary))).toEqual([true, false]);
    // The primary one removed: the first remaining takes its place.
    await engine.transaction("write", (tx) => removePhone(tx, first, change));
    expect((await primaries()).map((p) => [p.id, Boolean(p.isPrimary)])).toEqual([[second, true]]);

    const history = await engine.transaction("read", (tx) => personHistoryOf(tx, personId));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
      ["phones", "+41227353393", null],
      ["phones.kind", "work", "home"],
      ["phones", "+41227353392", "+41227353393"],
      ["phones", null, "+41791234567"],
      ["phones", null, "+41227353392"],
    ]);
    expect(history[0]).toMatchObject({ at: NOW, user: "Test agent" });
    await expect(engine.transaction("read", (tx) => personHistoryOf(tx, personId + 100))).rejects.toMatchObject({ code: "NOT_FOUND", field: "personId" });
  });

  it("gives the database's own refusals (a CHECK) the same answer on each engine, before anything is kept", async () => {
    const { engine, userId } = await open(kind);
    const change = { userId, now: NOW };
    const personId = await engine.transaction("write", (tx) => insertPerson(tx, "Jean", "Dupont"));
    const refusal = (work: (tx: Writes) => Promise<unknown>) => engine.transaction("write", work).then(
      () => undefined,
      (error: unknown) => constraintFailure(error),
    );
    // Emails are stored lower-cased (the API does it); a number in E.164; a city is required.
    expect(await refusal((tx) => addEmail(tx, personId, { email: "Jean@Example.CH" }, change))).toEqual({ code: "VALIDATION", reason: "invalid_value" });
    expect(await refusal((tx) => addPhone(tx, personId, { e164: "0227353392" }, change))).toEqual({ code: "VALIDATION", reason: "invalid_value" });
    expect(await refusal((tx) => addAddress(tx, personId, { city: "" }, change))).toEqual({ code: "VALIDATION", reason: "invalid_value" });
    const kept = await engine.transaction("read", (tx) => tx.one(sql`SELECT (SELECT count(*) FROM emails) + (SELECT count(*) FROM phones) + (SELECT count(*) FROM addresses) + (SELECT count(*) FROM person_history) AS n`));
    expect(kept).toEqual({ n: 0 });
  });

  it("moves the primary mark between emails", async () => {
    const { engine } = await open(kind);
    const personId = await engine.transaction("write", (tx) => insertPerson(tx, "Anna", "Müller", { email: "anna@example.ch" }));
    const other = await engine.transaction("write", async (tx) => (await tx.one<{ id: number }>(sql`INSERT INTO emails (person_id, email) VALUES (${personId}, ${"a.m@example.ch"}) RETURNING id`))!.id);
    expect(await engine.transaction("write", (tx) => setPrimaryEmail(tx, other))).toBe(personId);
    const rows = await engine.transaction("read", (tx) => tx.all<{ email: string; isPrimary: unknown }>(sql`SELECT email, is_primary AS "isPrimary" FROM emails ORDER BY id`));
    expect(rows.map((r) => [r.email, Boolean(r.isPrimary)])).toEqual([
      ["anna@example.ch", false],
      ["a.m@example.ch", true],
    ]);
    await expect(engine.transaction("write", (tx) => setPrimaryEmail(tx, other + 100))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe.each(ENGINES)("the person card on %s", (kind) => {
  async function createDupont(engine: Engine, userId: number) {
    return engine.transaction("write", async (tx) => {
      const company = await createCompany(tx, { name: "Horlogerie Favre SA", city: "Genève" }, NOW);
      const id = await createPerson(
        tx,
        {
          salutation: "mr",
          firstName: "Jean",
          lastName: "Dupont",
          companyId: company.id,
          phones: [
            { e164: "+41227353392", kind: "work" },
            { e164: "+41791234567", isPrimary: true },
          ],
          emails: [{ email: "jean.dupont@example.ch" }, { email: "jd@example.ch" }],
          addresses: [{ street: "Rue de Lausanne 63", postalCode: "1202", city: "Genève" }],
        },
        { userId, now: NOW },
      );
      return { id, companyId: company.id };
    });
  }

  it("creates a person with phones, emails and addresses and shows them on the card", async () => {
    const { engine, userId } = await open(kind);
    const { id, companyId } = await createDupont(engine, userId);
    const card = await engine.transaction("read", (tx) => getPerson(tx, id));
    expect(card).toMatchObject({ id, salutation: "mr", firstName: "Jean", lastName: "Dupont", language: "fr", company: { id: companyId, name: "Horlogerie Favre SA" }, version: 1, createdAt: NOW, lastContactAt: null });
    // The primary first, then in the order given.
    expect(card.phones).toEqual([
      { id: expect.any(Number), e164: "+41791234567", kind: "mobile", isPrimary: true, display: "079 123 45 67" },
      { id: expect.any(Number), e164: "+41227353392", kind: "work", isPrimary: false, display: "022 735 33 92" },
    ]);
    expect(card.emails.map((e) => [e.email, e.isPrimary])).toEqual([
      ["jean.dupont@example.ch", true],
      ["jd@example.ch", false],
    ]);
    expect(card.addresses).toEqual([{ id: expect.any(Number), street: "Rue de Lausanne 63", postalCode: "1202", city: "Genève", country: "CH" }]);
    expect(card).toMatchObject({ reports: [], training: [], timeline: [] });
    await expect(engine.transaction("read", (tx) => getPerson(tx, id + 100))).rejects.toMatchObject({ code: "NOT_FOUND", field: "id" });
  });

  it("updates the identity under its version: a stale save is a CONFLICT on the version field and changes nothing", async () => {
    const { engine, userId } = await open(kind);
    const { id, companyId } = await createDupont(engine, userId);
    const changed = await engine.transaction("write", (tx) => updatePerson(tx, id, 1, { lastName: "Dupont-Favre", firstName: "Jean", companyId: null, language: "de" }, { userId, now: NOW + 1 }));
    expect(changed).toEqual(["lastName", "language", "companyId"]);
    await expect(engine.transaction("write", (tx) => updatePerson(tx, id, 1, { lastName: "Stale" }, { userId, now: NOW + 2 }))).rejects.toMatchObject({ code: "CONFLICT", reason: "stale", field: "version" });
    await expect(engine.transaction("write", (tx) => updatePerson(tx, id, 2, { companyId: 999 }, { userId, now: NOW + 2 }))).rejects.toMatchObject({ code: "NOT_FOUND", field: "companyId" });
    const card = await engine.transaction("read", (tx) => getPerson(tx, id));
    expect(card).toMatchObject({ lastName: "Dupont-Favre", language: "de", company: null, version: 2, updatedAt: NOW + 1 });
    const history = await engine.transaction("read", (tx) => personHistoryOf(tx, id));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
      ["companyId", String(companyId), null],
      ["language", "fr", "de"],
      ["lastName", "Dupont", "Dupont-Favre"],
    ]);
  });

  it("corrects emails and addresses in place and keeps their history", async () => {
    const { engine, userId } = await open(kind);
    const { id } = await createDupont(engine, userId);
    const change = { userId, now: NOW + 1 };
    const card = await engine.transaction("read", (tx) => getPerson(tx, id));
    const [primaryEmail, otherEmail] = card.emails;
    await expect(engine.transaction("write", (tx) => addEmail(tx, id, { email: "jd@example.ch" }, change))).rejects.toMatchObject({ code: "CONFLICT", field: "email" });
    await expect(engine.transaction("write", (tx) => updateEmail(tx, otherEmail!.id, { email: "jean.dupont@example.ch" }, change))).rejects.toMatchObject({ code: "CONFLICT", field: "email" });
    await engine.transaction("write", async (tx) => {
      await addEmail(tx, id, { email: "jean@favre.ch", isPrimary: true }, change);
      await updateEmail(tx, otherEmail!.id, { email: "j.dupont@example.ch" }, change);
      await removeEmail(tx, primaryEmail!.id, change);
      const address = await addAddress(tx, id, { postalCode: "1003", city: "Lausanne" }, change);
      await updateAddress(tx, address, { street: "Place Saint-François 1", postalCode: "1003", city: "Lausanne", country: "CH" }, change);
      await removeAddress(tx, card.addresses[0]!.id, change);
    });
    const after = await engine.transaction("read", (tx) => getPerson(tx, id));
    expect(after.emails.map((e) => [e.email, e.isPrimary])).toEqual([
      ["jean@favre.ch", true],
      ["j.dupont@example.ch", false],
    ]);
    expect(after.addresses.map((a) => [a.street, a.postalCode, a.city])).toEqual([["Place Saint-François 1", "1003", "Lausanne"]]);
    const history = await engine.transaction("read", (tx) => personHistoryOf(tx, id));
    expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
      ["addresses", "Rue de Lausanne 63, 1202 Genève, CH", null],
      ["addresses", "1003 Lausanne, CH", "Place Saint-François 1, 1003 Lausanne, CH"],
      ["addresses", null, "1003 Lausanne"],
      ["emails", "jean.dupont@example.ch", null],
      ["emails", "jd@example.ch", "j.dupont@example.ch"],
      ["emails", null, "jean@favre.ch"],
    ]);
  });

  it("stores names and texts of every script, emoji, bidi controls, quotes and SQL exactly as given", async () => {
    const { engine, userId } = await open(kind);
    const change = { userId, now: NOW };
    // Texts short enough for a last name (100 characters); every one as a street and a logged summary.
    const names = [...HOSTILE_NAMES.map((n) => ({ firstName: n.firstName, lastName: n.lastName })), ...HOSTILE_TEXTS.filter((t) => [...t.text].length <= 100).map((t) => ({ firstName: t.label, lastName: t.text }))];
    for (const name of names) {
      const id = await engine.transaction("write", (tx) => createPerson(tx, { ...name, addresses: [{ street: name.lastName, city: name.firstName }] }, change));
      await engine.transaction("write", (tx) => logInteraction(tx, { personId: id, channel: "call_in", purpose: "comment", summary: name.lastName, at: NOW, agentId: userId }, NOW));
      const card = await engine.transaction("read", (tx) => getPerson(tx, id));
      expect({ firstName: card.firstName, lastName: card.lastName }, name.lastName).toEqual(name);
      expect(card.addresses[0], name.lastName).toMatchObject({ street: name.lastName, city: name.firstName });
      expect(card.timeline[0]?.summary, name.lastName).toBe(name.lastName);
    }
  });
});
