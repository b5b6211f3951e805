import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ftsQuery, MAX_HITS, searchPeople, SEARCH_SQL } from "../../db/search";
import { openTestDb } from "../fixtures/database";
import { generatePeople } from "../fixtures/people-generator";

// The lookup's text search takes shortcuts for speed (npm run bench -- lookup); these tests hold
// it to the plain rule on generated Swiss people: whole-word matches first, each query's rows
// ranked by bm25 (name 10, company 3, emails 5, city 1), then rows where the last word is only the
// beginning of a word, 20 rows at most.
let db: ReturnType<typeof openTestDb>;
beforeAll(() => {
  db = openTestDb();
  generatePeople(db, { people: 4000, seed: 14, interactionsPerPerson: 0.3, now: Date.UTC(2026, 10, 25) });
});
afterAll(() => db.cleanup());

/** The rule, spelt out: both FTS queries always, each ranked by SQLite's own bm25. */
function byTheRule(q: string): number[] {
  const text = db.sqlite.prepare(SEARCH_SQL.text).pluck();
  const ids: number[] = [];
  const words = ftsQuery(q, false);
  const match = ftsQuery(q);
  if (words && words !== match) ids.push(...(text.all(words, MAX_HITS) as number[]));
  if (match) for (const id of text.all(match, MAX_HITS) as number[]) if (!ids.includes(id)) ids.push(id);
  return ids.slice(0, MAX_HITS);
}

const found = (q: string) => searchPeople(db, q).map((hit) => hit.personId);

describe("the lookup's text search", () => {
  const people = () =>
    db.sqlite.prepare("SELECT p.first_name AS first, p.last_name AS last, c.name AS company FROM people p LEFT JOIN companies c ON c.id = p.company_id WHERE p.id % 37 = 0").all() as {
      first: string;
      last: string;
      company: string | null;
    }[];

  it("answers as the rule says for every shape an agent types", () => {
    const texts = new Set<string>();
    for (const p of people()) {
      texts.add(p.last);
      texts.add(p.last.slice(0, 2));
      texts.add(p.last.slice(0, 3));
      texts.add(`${p.first} ${p.last}`);
      texts.add(`${p.last} ${p.first.slice(0, 3)}`);
      texts.add(p.first);
      if (p.company) texts.add(p.company.split(/\s+/)[0]!);
    }
    expect(texts.size).toBeGreaterThan(300);
    for (const q of texts) expect(found(q), q).toEqual(byTheRule(q));
  });

  it("lists 20 namesakes before anyone whose name only begins so", () => {
    const now = Date.UTC(2026, 10, 25);
    const person = db.sqlite.prepare("INSERT INTO people (first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?)");
    const index = db.sqlite.prepare("INSERT INTO people_fts (rowid, name, company, emails, city) VALUES (?, ?, '', '', '')");
    const add = (first: string, last: string) => {
      const id = Number(person.run(first, last, now, now).lastInsertRowid);
      index.run(id, `${first} ${last}`);
      return id;
    };
    // Written first, so they come first in the index: still listed after every namesake.
    const longer = [add("Anna", "Hxzuberbühler"), add("Marc", "Hxzuberli")];
    const namesakes = Array.from({ length: 19 }, (_, i) => add(`Léa${i}`, "Hxzuber"));
    const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
    const nineteen = found("hxzuber");
    expect(sorted(nineteen.slice(0, 19))).toEqual(namesakes);
    expect(longer).toContain(nineteen[19]);
    namesakes.push(add("Zoé", "Hxzuber"));
    expect(sorted(found("hxzuber"))).toEqual(namesakes);
    expect(found("hxzuber")).toEqual(byTheRule("hxzuber"));
  });
});
