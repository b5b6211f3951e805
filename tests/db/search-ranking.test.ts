import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FTS_CANDIDATES, MAX_HITS, NAME_CANDIDATES, searchPeople, textQuery, type TextQuery } from "../../db/search";
import type { Phrase } from "../../db/search-ranking";
import { indexWords } from "../../db/search-words";
import { fold } from "../../common/person-name";
import { openTestDb } from "../fixtures/database";
import { generatePeople } from "../fixtures/people-generator";

// The lookup's text search ranks in JavaScript for speed (npm run bench -- lookup); these tests
// hold it to the plain rule on generated Swiss people, with SQLite's own bm25 as the reference:
// whole-word matches first, each query's first 100 rows ranked by bm25 (name 10, company 3,
// emails 5, city 1), then rows where the last word is only the beginning of a word, 20 rows at most.
let db: ReturnType<typeof openTestDb>;
beforeAll(() => {
  db = openTestDb();
  generatePeople(db, { people: 4000, seed: 14, interactionsPerPerson: 0.3, now: Date.UTC(2026, 10, 25) });
});
afterAll(() => db.cleanup());

const BM25 = "bm25(people_fts, 10.0, 3.0, 5.0, 1.0)";

/**
 * One query's rows by the rule, computed by SQLite: for one word, its first 100 candidates in
 * bm25's order. For several, those whose name is exactly the typed words first, then each
 * candidate's score is the sum over the words of SQLite's bm25 for that word alone divided by the
 * word's weight (IDF, as fts5_aux.c computes it): every typed word counts the same.
 */
function rankedBySqlite(query: TextQuery): number[] {
  const phrases = query.groups.flat();
  if (phrases.length === 1) {
    const sql = `SELECT id FROM (SELECT rowid AS id, ${BM25} AS s FROM people_fts WHERE people_fts MATCH ? LIMIT ${FTS_CANDIDATES}) ORDER BY s LIMIT ?`;
    return db.sqlite.prepare(sql).pluck().all(query.match, MAX_HITS) as number[];
  }
  const candidates = db.sqlite.prepare(`SELECT rowid FROM people_fts WHERE people_fts MATCH ? LIMIT ${FTS_CANDIDATES}`).pluck().all(query.match) as number[];
  const rowCount = db.sqlite.prepare("SELECT count(*) FROM people_fts").pluck().get() as number;
  // Every row holding the word, in one pass (FTS5 ignores `rowid = ?` beside MATCH when the id is
  // bound as a JavaScript number, a real).
  const wordBm25 = db.sqlite.prepare(`SELECT rowid, ${BM25} FROM people_fts WHERE people_fts MATCH ?`).raw();
  const parts = phrases.map((p) => {
    const match = `"${p.word.replaceAll('"', '""')}"${p.prefix ? "*" : ""}`;
    let scores = wordScores.get(match);
    if (!scores) wordScores.set(match, (scores = new Map(wordBm25.all(match) as [number, number][])));
    const idf = Math.log((rowCount - scores.size + 0.5) / (scores.size + 0.5));
    // A word in more than half the rows has no weight in bm25 (1e-6): dividing by it says nothing.
    expect(idf, match).toBeGreaterThan(0.01);
    return (id: number) => -(scores.get(id) ?? 0) / idf;
  });
  // Rounded: the same sum reached by two roads may differ in its last bits.
  const score = (id: number) => Number(parts.reduce((sum, part) => sum + part(id), 0).toPrecision(10));
  const nameOf = db.sqlite.prepare("SELECT name FROM people_fts WHERE rowid = ?").pluck();
  const named = (id: number) => {
    const words = indexWords(nameOf.get(id) as string);
    const matches = (p: Phrase, w: string) => (p.prefix ? w.startsWith(p.word) : w === p.word);
    return query.groups.some((g) => g.length === words.length && g.every((p) => words.some((w) => matches(p, w))) && words.every((w) => g.some((p) => matches(p, w))));
  };
  const scored = candidates.map((id, order) => ({ id, order, named: named(id), score: score(id) }));
  return scored
    .sort((x, y) => Number(y.named) - Number(x.named) || y.score - x.score || x.order - y.order)
    .slice(0, MAX_HITS)
    .map((c) => c.id);
}

/** Each word's bm25 for every row holding it: the texts share words, and the index does not change meanwhile. */
const wordScores = new Map<string, Map<number, number>>();

/** For one word: its first NAME_CANDIDATES rows holding it in the name, in bm25's order (bm25 counts the filtered column only). */
function namesBySqlite(query: TextQuery): number[] {
  const sql = `SELECT id FROM (SELECT rowid AS id, ${BM25} AS s FROM people_fts WHERE people_fts MATCH ? LIMIT ${NAME_CANDIDATES}) ORDER BY s LIMIT ?`;
  return db.sqlite.prepare(sql).pluck().all(`name : ${query.match}`, MAX_HITS) as number[];
}

/**
 * The rule, spelt out: both FTS queries always, each ranked as SQLite's bm25 says. One word of 2
 * or 3 letters (a name being typed) asks the name first: the word whole, then as a prefix, then
 * the whole text the same way.
 */
function byTheRule(typed: string): number[] {
  const ids: number[] = [];
  // The index holds folded text, and the lookup folds what is typed (migration 0013).
  const q = fold(typed);
  const words = textQuery(q, false);
  const match = textQuery(q);
  const phrases = match?.groups.flat() ?? [];
  if (words && match && words.match !== match.match && match.groups.length === 1 && phrases.length === 1 && [...phrases[0]!.word].length <= 3) {
    for (const id of [...namesBySqlite(words), ...namesBySqlite(match), ...rankedBySqlite(words), ...rankedBySqlite(match)]) if (!ids.includes(id)) ids.push(id);
    return ids.slice(0, MAX_HITS);
  }
  if (words && words.match !== match?.match) ids.push(...rankedBySqlite(words));
  if (match) for (const id of rankedBySqlite(match)) if (!ids.includes(id)) ids.push(id);
  return ids.slice(0, MAX_HITS);
}

const found = async (q: string) => (await db.engine.transaction("read", (tx) => searchPeople(tx, q))).map((hit) => hit.personId);

const now = Date.UTC(2026, 10, 25);
/** A person indexed as the app indexes one, with the text given for each column. */
function addPerson(first: string, last: string, more: { company?: string; emails?: string; city?: string } = {}): number {
  wordScores.clear();
  const id = Number(db.sqlite.prepare("INSERT INTO people (first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?)").run(first, last, now, now).lastInsertRowid);
  db.sqlite
    .prepare("INSERT INTO people_fts (rowid, name, company, emails, city) VALUES (?, ?, ?, ?, ?)")
    .run(id, fold(`${first} ${last}`), fold(more.company ?? ""), fold(more.emails ?? ""), fold(more.city ?? ""));
  db.sqlite.prepare("INSERT INTO people_names_fts (rowid, name) VALUES (?, ?)").run(id, fold(`${first} ${last}`));
  return id;
}

describe("the lookup's text search", () => {
  const people = () =>
    db.sqlite.prepare("SELECT p.first_name AS first, p.last_name AS last, c.name AS company FROM people p LEFT JOIN companies c ON c.id = p.company_id WHERE p.id % 37 = 0").all() as {
      first: string;
      last: string;
      company: string | null;
    }[];

  it("answers as the rule says for every shape an agent types", async () => {
    const texts = new Set<string>();
    for (const p of people()) {
      texts.add(p.last);
      texts.add(p.last.slice(0, 2));
      texts.add(p.last.slice(0, 3));
      texts.add(`${p.first} ${p.last}`);
      texts.add(`${p.first} ${p.last.slice(0, 3)}`);
      texts.add(`${p.last} ${p.first.slice(0, 3)}`);
      texts.add(`${p.last} ${p.first.slice(0, 1)}`);
      texts.add(p.first);
      if (p.company) texts.add(p.company.split(/\s+/)[0]!);
    }
    expect(texts.size).toBeGreaterThan(500);
    for (const q of texts) expect(await found(q), q).toEqual(byTheRule(q));
    // Over 500 texts, each against SQLite's bm25 for every word: seconds on a loaded machine.
  }, 120_000);

  it("puts a person typed by full name first, and every row it lists holds every word typed", async () => {
    const matches = db.sqlite.prepare("SELECT 1 FROM people_fts WHERE people_fts MATCH ? AND rowid = ?");
    const name = db.sqlite.prepare("SELECT first_name || ' ' || last_name FROM people WHERE id = ?").pluck();
    for (const p of people()) {
      for (const q of [`${p.first} ${p.last}`, `${p.last} ${p.first}`]) {
        const ids = await found(q);
        // The person, or a namesake: the list cannot tell two people of one name apart.
        expect(name.get(ids[0]), q).toBe(`${p.first} ${p.last}`);
        for (const id of ids) expect(matches.get(textQuery(q)!.match, id), `${q}: ${id}`).toBeDefined();
      }
    }
  });

  it("ranks a name above the same words elsewhere, and the shorter of two alike", async () => {
    const inName = addPerson("Hxyvette", "Hxquartz");
    const split = addPerson("Hxyvette", "Bron", { company: "Hxquartz SA" });
    const longer = addPerson("Hxyvette", "Hxquartz", { emails: "autre@example.ch", city: "Le Mont-sur-Lausanne" });
    const inEmail = addPerson("Anne", "Roux", { emails: "hxyvette.hxquartz@example.ch" });
    for (const q of ["hxyvette hxquartz", "hxquartz hxyv"]) {
      const ids = await found(q);
      expect(ids.slice(0, 2), q).toEqual([inName, longer]);
      expect(ids.slice(2).sort(), q).toEqual([split, inEmail].sort());
      expect(ids, q).toEqual(byTheRule(q));
    }
  });

  it("counts a word right when a stored text holds the characters used to mark matches", async () => {
    const plain = addPerson("Hxpia", "Hxmarqué", { company: "xy zz" });
    // U+E000 is a letter for the tokenizer: "x\ue000y" is one word, as long as "xy".
    const marked = addPerson("Hxpia", "Hxmarqué", { company: "x\ue000y Hxmarqué" });
    for (const q of ["hxpia hxmarque", "hxmarque hxp"]) {
      expect(await found(q), q).toEqual([marked, plain]);
      expect(await found(q), q).toEqual(byTheRule(q));
    }
  });

  it("lists 20 namesakes before anyone whose name only begins so", async () => {
    // Written first, so they come first in the index: still listed after every namesake.
    const longer = [addPerson("Anna", "Hxzuberbühler"), addPerson("Marc", "Hxzuberli")];
    const namesakes = Array.from({ length: 19 }, (_, i) => addPerson(`Léa${i}`, "Hxzuber"));
    const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
    const nineteen = await found("hxzuber");
    expect(sorted(nineteen.slice(0, 19))).toEqual(namesakes);
    expect(longer).toContain(nineteen[19]);
    namesakes.push(addPerson("Zoé", "Hxzuber"));
    expect(sorted(await found("hxzuber"))).toEqual(namesakes);
    expect(await found("hxzuber")).toEqual(byTheRule("hxzuber"));
  });

  it("lists people whose name begins with two or three typed letters first, then the same letters elsewhere", async () => {
    // Written first, so they are the index's first rows for "hq"*: still listed after every name.
    // "hq" whole in an address ("ch" is in every .ch address) comes after names that begin so too.
    const elsewhere = [addPerson("Anne", "Roux", { company: "Hqvoll SA" }), addPerson("Marc", "Blanc", { emails: "hqv@example.ch" }), addPerson("Eva", "Kern", { city: "Hqvillars" }), addPerson("Tom", "Frei", { emails: "tom@hq.ch" })];
    const named = Array.from({ length: 25 }, (_, i) => addPerson(`Léa${i}`, `Hqvmann${i}`));
    for (const q of ["hq", "Hqv"]) {
      const ids = await found(q);
      expect([...ids].sort((x, y) => x - y), q).toEqual(named.slice(0, MAX_HITS).sort((x, y) => x - y));
      for (const id of elsewhere) expect(ids, q).not.toContain(id);
      expect(await found(q), q).toEqual(byTheRule(q));
    }
    // Fewer than 20 names so spelt: the rest of the text fills the list, after them.
    const few = Array.from({ length: 3 }, (_, i) => addPerson(`Zoé${i}`, `Hjkmann${i}`));
    const company = addPerson("Paul", "Vogt", { company: "Hjkvoll AG" });
    const email = addPerson("Rita", "Meier", { emails: "hjk@example.ch" });
    for (const q of ["hj", "hjk"]) {
      const ids = await found(q);
      expect(ids.slice(0, 3).sort((x, y) => x - y), q).toEqual(few);
      expect(ids.slice(3).sort((x, y) => x - y), q).toEqual([company, email]);
      expect(ids, q).toEqual(byTheRule(q));
    }
    // Only a company or an address spelt so: still found.
    const only = addPerson("Ines", "Graf", { company: "Qzxtech GmbH" });
    expect(await found("qzx")).toEqual([only]);
    expect(await found("qz")).toEqual([only]);
  });

  it("lists whole-word matches of several words first, even past the prefix query's first 100 rows", async () => {
    // 100 people whose name only begins with the last word, indexed before the one whose name is it.
    for (let i = 0; i < FTS_CANDIDATES; i++) addPerson("Hxolga", `Hxnagelmann${i}`);
    const exact = addPerson("Hxolga", "Hxnagel");
    expect((await found("hxolga hxnagel"))[0]).toBe(exact);
    expect(await found("hxolga hxnagel")).toEqual(byTheRule("hxolga hxnagel"));
  });
});
