import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Dialect, Engine } from "../../db/engine";
import { listByPurpose, listInteractions, logInteraction, type NewInteraction } from "../../db/interactions";
import { ENGINES, freshEngines } from "../fixtures/engines";
import { HOSTILE_TEXTS } from "../fixtures/hostile-strings";
import { insertPerson, insertUser } from "../fixtures/people-rows";

// The contact log: what the card's timeline, the lookup's "last contact" and the purpose lists show.

const fresh = freshEngines();

async function open(kind: Dialect): Promise<{ engine: Engine; userId: number; personId: number }> {
  const test = await fresh(kind);
  const [userId, personId] = await test.engine.transaction("write", async (tx) => [await insertUser(tx), await insertPerson(tx, "Léa", "Rochat")] as const);
  return { engine: test.engine, userId, personId };
}

const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);

describe.each(ENGINES)("interactions on %s", (kind) => {
  it("lists a person's contacts newest first and keeps the newest as their last contact", async () => {
    const { engine, userId, personId } = await open(kind);
    const log = (summary: string, at: number, extra: Partial<NewInteraction> = {}) =>
      engine.transaction("write", (tx) => logInteraction(tx, { personId, channel: "call_in", purpose: "information", summary, at, agentId: userId, ...extra }, NOW));
    const lastContact = async () => (await engine.transaction("read", (tx) => tx.one<{ at: number | null }>(sql`SELECT last_contact_at AS "at" FROM people WHERE id = ${personId}`)))!.at;

    expect(await lastContact()).toBeNull();
    await log("second", NOW - 2000);
    expect(await lastContact()).toBe(NOW - 2000);
    // Logged afterwards but about an older call: the last contact stays the newer one.
    await log("first", NOW - 5000, { channel: "email" });
    expect(await lastContact()).toBe(NOW - 2000);
    await log("third", NOW - 1000);
    await log("third too", NOW - 1000, { purpose: "comment" });
    expect(await lastContact()).toBe(NOW - 1000);

    const listed = await engine.transaction("read", (tx) => listInteractions(tx, personId, 10));
    // Same time: the one logged last first.
    expect(listed.map((i) => i.summary)).toEqual(["third too", "third", "second", "first"]);
    expect(listed[3]).toEqual({ id: expect.any(Number), at: NOW - 5000, channel: "email", purpose: "information", summary: "first", agent: "Test agent" });
    expect((await engine.transaction("read", (tx) => listInteractions(tx, personId, 2))).map((i) => i.summary)).toEqual(["third too", "third"]);
    expect(await engine.transaction("read", (tx) => listInteractions(tx, personId + 100, 10))).toEqual([]);

    await expect(log("nobody", NOW, { personId: personId + 100 })).rejects.toMatchObject({ code: "NOT_FOUND", field: "personId" });
    expect(await engine.transaction("read", (tx) => tx.one(sql`SELECT count(*) AS n FROM interactions`))).toEqual({ n: 4 });
  });

  it("pages the contacts of one purpose, newest first, with their total and between two times", async () => {
    const { engine, userId, personId } = await open(kind);
    await engine.transaction("write", async (tx) => {
      for (let i = 0; i < 5; i++) await logInteraction(tx, { personId, channel: "call_in", purpose: "comment", summary: `comment ${i}`, at: NOW + i, agentId: userId }, NOW);
      await logInteraction(tx, { personId, channel: "call_in", purpose: "information", summary: "a question", at: NOW, agentId: userId }, NOW);
    });
    const page = await engine.transaction("read", (tx) => listByPurpose(tx, { purpose: "comment", page: 1, pageSize: 2 }));
    expect(page.total).toBe(5);
    expect(page.rows).toEqual([
      { id: expect.any(Number), at: NOW + 2, channel: "call_in", summary: "comment 2", personId, person: "Léa Rochat", agent: "Test agent" },
      { id: expect.any(Number), at: NOW + 1, channel: "call_in", summary: "comment 1", personId, person: "Léa Rochat", agent: "Test agent" },
    ]);
    const between = await engine.transaction("read", (tx) => listByPurpose(tx, { purpose: "comment", from: NOW + 1, to: NOW + 3, page: 0, pageSize: 10 }));
    expect(between.rows.map((r) => r.summary)).toEqual(["comment 3", "comment 2", "comment 1"]);
    expect(between.total).toBe(3);
  });

  it("keeps every hostile text of a summary as given", async () => {
    const { engine, userId, personId } = await open(kind);
    await engine.transaction("write", async (tx) => {
      for (const [i, t] of HOSTILE_TEXTS.entries()) await logInteraction(tx, { personId, channel: "web_form", purpose: "other", summary: t.text, at: NOW + i, agentId: userId }, NOW);
    });
    const listed = await engine.transaction("read", (tx) => listInteractions(tx, personId, 1000));
    expect(listed.map((i) => i.summary)).toEqual(HOSTILE_TEXTS.map((t) => t.text).reverse());
  });
});

/**
 * The text filter uses fold() in SQL: SQLite's is registered by db/open.ts; PostgreSQL's comes
 * with the search index's move (a pg migration), until which this runs on SQLite only.
 */
describe.each(ENGINES.filter((kind) => kind === "sqlite"))("the purpose lists' text filter on %s", (kind) => {
  it("finds a word whatever its case and accents, and takes %, _ and quotes as plain text", async () => {
    const { engine, userId, personId } = await open(kind);
    const summaries = ["Horaires d'ouverture du 24 décembre", "Satisfait à 100% du cours", "Le fichier nom_prénom.csv", "Rien de spécial"];
    await engine.transaction("write", async (tx) => {
      for (const [i, summary] of summaries.entries()) await logInteraction(tx, { personId, channel: "call_in", purpose: "comment", summary, at: NOW + i, agentId: userId }, NOW);
    });
    const find = async (text: string) => (await engine.transaction("read", (tx) => listByPurpose(tx, { purpose: "comment", text, page: 0, pageSize: 10 }))).rows.map((r) => r.summary);
    expect(await find("DECEMBRE")).toEqual(["Horaires d'ouverture du 24 décembre"]);
    expect(await find("d'ouv")).toEqual(["Horaires d'ouverture du 24 décembre"]);
    expect(await find("%")).toEqual(["Satisfait à 100% du cours"]);
    expect(await find("m_p")).toEqual(["Le fichier nom_prénom.csv"]);
    expect(await find("m_pr")).toEqual(["Le fichier nom_prénom.csv"]);
    expect(await find("o_v")).toEqual([]);
    expect(await find("\\")).toEqual([]);
  });
});
