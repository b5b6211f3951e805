import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reindexPersonSync, searchPeople, ftsQuery } from "../../db/search";
import { INDEX_TOKENIZER, indexWords } from "../../db/search-words";
import { openTestDb } from "../fixtures/database";

// The lookup's query must ask for exactly the words the index holds: these tests store text in the
// real people_fts index (real migrations, real file) and look it up as an agent would type it.
let db: ReturnType<typeof openTestDb>;
beforeAll(() => {
  db = openTestDb();
});
afterAll(() => db.cleanup());

let serial = 0;
/** A person whose city is `city` (stored in NFC, as the schema stores every text), indexed. */
function personInCity(city: string, lastName = "Hxtest"): number {
  const now = Date.UTC(2026, 10, 25);
  const id = Number(db.sqlite.prepare("INSERT INTO people (first_name, last_name, created_at, updated_at) VALUES ('Jean', ?, ?, ?)").run(`${lastName}${++serial}`, now, now).lastInsertRowid);
  db.sqlite.prepare("INSERT INTO addresses (person_id, city) VALUES (?, ?)").run(id, city.normalize("NFC"));
  reindexPersonSync(db, id);
  return id;
}
const found = async (q: string) => (await db.engine.transaction("read", (tx) => searchPeople(tx, q))).map((h) => h.personId);

describe("the query's words are the index's words", () => {
  it("the search indexes use the tokenizer the query is cut with", async () => {
    for (const table of ["people_fts", "people_names_fts", "error_reports_fts"]) {
      const sql = db.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(table) as string;
      expect(sql, table).toContain(`tokenize='${INDEX_TOKENIZER}'`);
    }
  });

  it.each([
    // Swiss names as agents type them: accents, apostrophes, hyphens, typed with or without accents.
    ["Müller", '"muller"*'],
    ["Zoë-Hélène Lefèvre", '"zoe" "helene" "lefevre"*'],
    ["D'Amico", '"d" "amico"*'],
    ["O’Brien", '"o" "brien"*'],
    ["Jean-Marc Dupont", '"jean" "marc" "dupont"*'],
    ["jean-marc", '"jean" "marc"*'],
    ["Mu\u0308ller", '"muller"*'], // typed decomposed
    // Marks NFC cannot compose stay inside the word, as unicode61 keeps them ("Ọ̀jọ́" → "ojo").
    ["Ọ̀jọ́", '"ojo"*'],
    ["Z\u0351\u0358a\u0310\u034Cl\u0336g\u0308\u0301o\u0335", '"z" "a" "l" "go"*'],
    // Bidi isolates (Unicode 6.3) are word characters for unicode61's 6.1 tables.
    ["\u2066abc\u2069", '"\u2066abc\u2069"*'],
    // FTS5 syntax is text.
    ['x" OR NEAR(a) *', '"x" "or" "near" "a"'],
    // Compatibility characters: as typed, and in their plain spelling.
    ["𝔘𝔫𝔦𝔠𝔬𝔡𝔢", '("𝔘𝔫𝔦𝔠𝔬𝔡𝔢"*) OR ("unicode"*)'],
    ["Ｄｕｐｏｎｔ", '("ｄｕｐｏｎｔ"*) OR ("dupont"*)'],
  ])("%s → %s", async (typed, query) => {
    expect(ftsQuery(typed)).toBe(query);
  });

  it.each([
    ["D'Amico", ["D'Amico", "d'amico", "D’Amico", "Amico", "d ami"]],
    ["Jean-Marc Rüegg", ["Jean-Marc", "jean marc", "Marc Jean", "Ruegg", "rüeg", "Jean-Marc Rüegg"]],
    ["Lefèvre-Düringer", ["Lefevre", "Düringer", "lefèvre-düri", "LEFÈVRE"]],
    ["Hxaaq Ọ̀jọ́", ["Ọ̀jọ́", "ojo", "Ọjọ", "Hxaaq Ọ̀j"]],
    ["Hxbap \u202Eשלום עולם\u202C \u2066abc\u2069", ["Hxbap \u202Eשלום עולם\u202C \u2066abc\u2069", "שלום", "\u2066abc\u2069"]],
    ["Hxbaw 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐐷 𠜎", ["Hxbaw 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐐷 𠜎", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𠜎"]],
    ["Dupont", ["Ｄｕｐｏｎｔ"]],
    // Letters with no separable mark, typed as a keyboard without them spells them (fold()).
    ["Søndergård Straße", ["sondergard strasse", "Søndergård", "STRASSE", "straße", "sonder"]],
    ["Łódź Æbeltoft Þórshöfn", ["lodz", "Łódź", "aebeltoft", "thorshofn", "Þórs"]],
  ])("finds the person whose city is %s when the agent types any of %j", async (city, queries) => {
    const id = personInCity(city);
    for (const q of queries) expect(await found(q), q).toContain(id);
  });

  it("finds every stored text by the text itself, whatever characters it holds (generated)", async () => {
    // Characters where a word-splitting rule and unicode61 are known to disagree, mixed with
    // letters, spaces and punctuation, plus any code point at all.
    const tricky = [..."aeZ ’'-.,\u0300\u0301\u0308\u0327\u0351\u0358\u034C\u094D\u093E\u05B0\u200B\u200C\u200D\u2060\uFEFF\u00AD\u202B\u202C\u202E\u2066\u2067\u2068\u2069\u20BA\u2E3C\u0378𝔘ｆﬁ½ẞßİıσς"];
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 24 });
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const marker = `Hxgen${(++serial).toString(36).replace(/\d/g, (d) => "qrstuvwxyz"[Number(d)]!)}`;
        const city = `${marker} ${t}`.normalize("NFC").trim();
        const id = personInCity(city, "Hxgen");
        expect(await found(city), JSON.stringify(city)).toContain(id);
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it("cuts ASCII without the tokenizer into exactly the terms SQLite indexes for it (generated)", async () => {
    db.sqlite.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.people_terms USING fts5vocab(main, people_fts, instance)");
    const indexed = db.sqlite.prepare("SELECT term FROM temp.people_terms WHERE doc = ? AND col = 'city' ORDER BY offset").pluck();
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    fc.assert(
      fc.property(ascii, (text) => {
        const city = `Hxasc ${text}`; // a city is never empty
        const id = personInCity(city);
        expect(indexWords(city), JSON.stringify(city)).toEqual(indexed.all(id));
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });

  it("cuts a text into the terms SQLite indexes for it, in order", async () => {
    const id = personInCity("Hxvoc Ọ̀jọ́ \u2066abc\u2069 D'Amico");
    db.sqlite.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.people_terms USING fts5vocab(main, people_fts, instance)");
    const indexed = db.sqlite.prepare("SELECT term FROM temp.people_terms WHERE doc = ? AND col = 'city' ORDER BY offset").pluck().all(id);
    expect(indexWords("Hxvoc Ọ̀jọ́ \u2066abc\u2069 D'Amico")).toEqual(indexed);
  });
});
