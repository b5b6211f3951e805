import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createCompany } from "../../db/companies";
import { findDuplicates, mergePeople } from "../../db/duplicates";
import { logInteraction } from "../../db/interactions";
import { createPerson, getPerson } from "../../db/people";
import { ENGINES } from "../fixtures/engines";
import { HOSTILE_NAMES } from "../fixtures/hostile-strings";
import { freshWithUser, insertPerson } from "../fixtures/people-rows";

// Likely duplicates while a card is created, and the merge of two records of one caller.

const open = freshWithUser();

const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);

describe.each(ENGINES)("duplicate check on %s", (kind) => {
  it("finds the same phone, the same email, or the same name (any case) at one of the postal codes, and never the person itself", async () => {
    const { engine } = await open(kind);
    const [dupont, muller, other] = await engine.transaction("write", async (tx) => [
      await insertPerson(tx, "Jean", "Dupont", { postalCode: "1202", phone: "+41227353392", email: "jean@example.ch" }),
      await insertPerson(tx, "Anna", "Müller", { postalCode: "8001" }),
      await insertPerson(tx, "Jean", "Dupont", { postalCode: "1003" }),
    ] as const);
    const check = (probe: Parameters<typeof findDuplicates>[1]) => engine.transaction("read", (tx) => findDuplicates(tx, probe));

    expect(await check({ phones: ["+41227353392"], emails: ["jean@example.ch"] })).toEqual([{ personId: dupont, firstName: "Jean", lastName: "Dupont", reasons: ["phone", "email"] }]);
    expect(await check({ firstName: "JEAN", lastName: "dupont", postalCodes: ["1202", "1003"] })).toEqual(
      expect.arrayContaining([
        { personId: dupont, firstName: "Jean", lastName: "Dupont", reasons: ["name_postal_code"] },
        { personId: other, firstName: "Jean", lastName: "Dupont", reasons: ["name_postal_code"] },
      ]),
    );
    expect(await check({ firstName: "Anna", lastName: "Müller", postalCodes: ["8001"], excludeId: muller })).toEqual([]);
    expect(await check({ firstName: "Anna", lastName: "Müller", postalCodes: ["1202"] })).toEqual([]);
    expect(await check({ lastName: "Dupont", postalCodes: [] })).toEqual([]);
    expect(await check({})).toEqual([]);
  });

  it("compares hostile names as plain text", async () => {
    const { engine } = await open(kind);
    const ids = await engine.transaction("write", async (tx) => {
      const ids: number[] = [];
      for (const name of HOSTILE_NAMES) ids.push(await insertPerson(tx, name.firstName, name.lastName, { postalCode: "1202" }));
      await insertPerson(tx, "x", "x' OR '1'='1", { postalCode: "1202" });
      return ids;
    });
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const found = await engine.transaction("read", (tx) => findDuplicates(tx, { firstName: name.firstName, lastName: name.lastName, postalCodes: ["1202"] }));
      expect(found, name.label).toEqual([{ personId: ids[i], firstName: name.firstName, lastName: name.lastName, reasons: ["name_postal_code"] }]);
    }
    expect(await engine.transaction("read", (tx) => findDuplicates(tx, { firstName: "x", lastName: "' OR '1'='1", postalCodes: ["1202"] }))).toEqual([]);
  });
});

describe.each(ENGINES)("merging two records on %s", (kind) => {
  it("moves numbers, emails, addresses and contacts to the kept person, keeps the newer last contact and removes the other", async () => {
    const { engine, userId } = await open(kind);
    const change = { userId, now: NOW };
    const { keep, remove, companyId } = await engine.transaction("write", async (tx) => {
      const company = await createCompany(tx, { name: "Horlogerie Favre SA" }, NOW);
      const keep = await createPerson(tx, { firstName: "Jean", lastName: "Dupont", phones: [{ e164: "+41227353392" }], emails: [{ email: "jean@example.ch" }] }, change);
      const remove = await createPerson(
        tx,
        {
          firstName: "Jean",
          lastName: "Dupont",
          companyId: company.id,
          phones: [{ e164: "+41227353392" }, { e164: "+41791234567" }],
          emails: [{ email: "jean@example.ch" }, { email: "jd@example.ch" }],
          addresses: [{ postalCode: "1202", city: "Genève" }],
        },
        change,
      );
      await logInteraction(tx, { personId: keep, channel: "call_in", purpose: "information", summary: "older", at: NOW - 2000, agentId: userId }, NOW);
      await logInteraction(tx, { personId: remove, channel: "call_in", purpose: "comment", summary: "newer", at: NOW - 1000, agentId: userId }, NOW);
      await tx.run(sql`INSERT INTO contact_preferences (person_id, topic, channel, status, source, changed_at) VALUES (${keep}, ${"newsletter"}, ${"email"}, ${"opted_in"}, ${"call"}, ${NOW})`);
      await tx.run(sql`INSERT INTO contact_preferences (person_id, topic, channel, status, source, changed_at) VALUES (${remove}, ${"newsletter"}, ${"email"}, ${"opted_out"}, ${"call"}, ${NOW})`);
      return { keep, remove, companyId: company.id };
    });

    await expect(engine.transaction("write", (tx) => mergePeople(tx, keep, keep))).rejects.toMatchObject({ code: "CONFLICT", field: "removeId" });
    await expect(engine.transaction("write", (tx) => mergePeople(tx, keep + 100, remove))).rejects.toMatchObject({ code: "NOT_FOUND", field: "keepId" });
    await expect(engine.transaction("write", (tx) => mergePeople(tx, keep, remove + 100))).rejects.toMatchObject({ code: "NOT_FOUND", field: "removeId" });
    await engine.transaction("write", (tx) => mergePeople(tx, keep, remove));

    const card = await engine.transaction("read", (tx) => getPerson(tx, keep));
    expect(card.phones.map((p) => [p.e164, p.isPrimary])).toEqual([
      ["+41227353392", true],
      ["+41791234567", false],
    ]);
    expect(card.emails.map((e) => [e.email, e.isPrimary])).toEqual([
      ["jean@example.ch", true],
      ["jd@example.ch", false],
    ]);
    expect(card.addresses.map((a) => a.postalCode)).toEqual(["1202"]);
    expect(card.timeline.map((i) => i.summary)).toEqual(["newer", "older"]);
    expect(card).toMatchObject({ lastContactAt: NOW - 1000, company: { id: companyId }, version: 2 });
    const preferences = await engine.transaction("read", (tx) => tx.all(sql`SELECT person_id AS "personId", status FROM contact_preferences`));
    expect(preferences).toEqual([{ personId: keep, status: "opted_in" }]);
    await expect(engine.transaction("read", (tx) => getPerson(tx, remove))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
