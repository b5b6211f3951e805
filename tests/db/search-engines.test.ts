import { sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dialect, Engine, Query, Writes } from "../../db/engine";
import { pgEngine, renderPg } from "../../db/pg-engine";
import { openPostgres } from "../../db/pg/open";
import { bound, MAX_HITS, searchPeople, SEARCH_SQL, textQuery } from "../../db/search";
import { reindexPerson, removeFromIndex } from "../../db/search-index";
import { TSVECTOR_SQL, tsquery } from "../../db/search-tsvector";
import { reversedDigits } from "../../common/phone";
import { ENGINES, openMigratedTestEngine, type TestEngine } from "../fixtures/engines";
import { createEmptyTestDatabase, createTestDatabase } from "../fixtures/postgres";

/**
 * The lookup on both engines (issue 16, point 4): the same people for every shape an agent types,
 * in the same order, from FTS5 on SQLite and a tsvector with a GIN index on PostgreSQL. On
 * PostgreSQL the database is also made as a Swiss IT department may make it, with an ICU fr-CH
 * default collation, under which a range of phone numbers or emails finds nothing unless compared
 * byte by byte (the columns are COLLATE "C").
 */

interface Person {
  first: string;
  last: string;
  company?: string;
  phones?: string[];
  emails?: string[];
  city?: string;
}

const PEOPLE: Record<string, Person> = {
  soren: { first: "Søren", last: "Kierkegaard", city: "København", emails: ["soren.k@example.dk"] },
  strasse: { first: "Ulrike", last: "Straßer", city: "Zürich", company: "Großmann AG" },
  dupont: { first: "Jean", last: "Dupont", company: "Jet Info Sàrl", phones: ["+41227353392"], emails: ["jean.dupont@jetinfo.ch"], city: "Genève" },
  dupontel: { first: "Marie", last: "Dupontel", phones: ["+41791234567"], city: "Lausanne" },
  depury: { first: "Anne", last: "de Pury-Müller", emails: ["anne@depury.ch"], city: "Neuchâtel" },
  pury: { first: "Paul", last: "Pury", city: "Neuchâtel" },
  muller: { first: "Hans", last: "Müller", phones: ["+41443334455"], company: "Müller & Söhne", city: "Zürich" },
  ng: { first: "Mai", last: "Ng", city: "Genève" },
  nguyen: { first: "Anh", last: "Nguyen", emails: ["ng@example.ch"], city: "Bern" },
  lukasz: { first: "Łukasz", last: "Żółć", city: "Fribourg" },
  oneill: { first: "Siobhán", last: "O’Neill", city: "Genève" },
  kern: { first: "Eva", last: "Kern", company: "Dupont Consulting", city: "Sion" },
};

/** Every shape an agent types: names, beginnings, compound surnames, letters without marks, numbers in every Swiss spelling, e-mails, companies. */
const QUERIES = [
  "Søren",
  "soren",
  "SOREN KIERK",
  "kierkegaard",
  "strasser",
  "Straßer",
  "grossmann",
  "Dupont",
  "dupont",
  "dup",
  "du",
  "jean dupont",
  "Dupont Jean",
  "jean dup",
  "de Pury",
  "de pury-müller",
  "pury muller",
  "pury",
  "Muller",
  "müller & söhne",
  "ng",
  "ngu",
  "lukasz",
  "Łukasz Żółć",
  "zolc",
  "o'neill",
  "oneill",
  "siobhan",
  "Genève",
  "geneve",
  "zürich",
  "jet info",
  "consulting",
  "022 735 33 92",
  "0227353392",
  "+41 22 735 33 92",
  "0041 22 735 33 92",
  "+41227353392",
  "(022) 735 33 92",
  "022/735.33.92",
  "022 735",
  "079 123 45 67",
  "33 92",
  "3392",
  "4455",
  "jean.dupont@jetinfo.ch",
  "jean.dupont@",
  "JEAN.DUPONT@JETINFO.CH",
  "ng@",
  "anne@depury.ch",
  "",
  "x",
  "nobody",
  '" OR 1=1 --',
  "'; DROP TABLE people; --",
  "a:* & b",
  "\\",
];

const NOW = Date.UTC(2026, 11, 2);

async function addPerson(tx: Writes, p: Person, lastContactAt: number | null): Promise<number> {
  const companyId = p.company
    ? (await tx.one<{ id: number }>(sql`INSERT INTO companies (name, created_at, updated_at) VALUES (${p.company}, ${NOW}, ${NOW}) RETURNING id`))!.id
    : null;
  const { id } = (await tx.one<{ id: number }>(
    sql`INSERT INTO people (first_name, last_name, company_id, last_contact_at, created_at, updated_at) VALUES (${p.first}, ${p.last}, ${companyId}, ${lastContactAt}, ${NOW}, ${NOW}) RETURNING id`,
  ))!;
  for (const [i, e164] of (p.phones ?? []).entries()) {
    await tx.run(sql`INSERT INTO phones (person_id, e164, digits_reversed, kind, is_primary) VALUES (${id}, ${e164}, ${reversedDigits(e164)}, 'work', ${i === 0})`);
  }
  for (const [i, email] of (p.emails ?? []).entries()) await tx.run(sql`INSERT INTO emails (person_id, email, is_primary) VALUES (${id}, ${email}, ${i === 0})`);
  if (p.city) await tx.run(sql`INSERT INTO addresses (person_id, city) VALUES (${id}, ${p.city})`);
  await reindexPerson(tx, id);
  return id;
}

/** The people, by key, written into a migrated database of that engine. */
async function seed(engine: Engine): Promise<Map<number, string>> {
  const keys = new Map<number, string>();
  await engine.transaction("write", async (tx) => {
    let contact = 0;
    for (const [key, person] of Object.entries(PEOPLE)) keys.set(await addPerson(tx, person, NOW - ++contact * 60_000), key);
  });
  return keys;
}

/** What each query finds, as the people's keys in the lookup's order, and how each was found. */
async function answers(engine: Engine, keys: Map<number, string>): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const q of QUERIES) {
    const hits = await engine.transaction("read", (tx) => searchPeople(tx, q));
    result[q] = hits.map((h) => `${keys.get(h.personId)}:${h.matchedBy}`);
  }
  return result;
}

interface Opened {
  engine: Engine;
  keys: Map<number, string>;
  remove(): Promise<void>;
}

/** A migrated database of each engine; on PostgreSQL, one created with an ICU fr-CH default collation as well. */
const KINDS: { kind: Dialect; icu?: true }[] = [...ENGINES.map((kind) => ({ kind })), ...(ENGINES.includes("pg") ? [{ kind: "pg" as const, icu: true as const }] : [])];

async function open(kind: Dialect, icu: boolean): Promise<Opened> {
  if (!icu) {
    const test: TestEngine = await openMigratedTestEngine(kind);
    return { engine: test.engine, keys: await seed(test.engine), remove: () => test.remove() };
  }
  const database = await createEmptyTestDatabase({ icuLocale: "fr-CH" });
  const opened = await openPostgres(database.url, { migrate: true, poolSize: 2 });
  opened.pool.on("error", () => {});
  const engine = pgEngine(opened.pool);
  return {
    engine,
    keys: await seed(engine),
    remove: async () => {
      await opened.close();
      await database.drop();
    },
  };
}

let reference: Record<string, string[]> | undefined;

describe.each(KINDS)("the lookup on $kind (ICU fr-CH: $icu)", ({ kind, icu }) => {
  let db: Opened;
  beforeAll(async () => {
    db = await open(kind, icu === true);
  }, 60_000);
  afterAll(async () => db?.remove());

  const find = async (q: string) => (await db.engine.transaction("read", (tx) => searchPeople(tx, q))).map((h) => db.keys.get(h.personId));

  it("finds the same people, in the same order, for every shape an agent types", async () => {
    const found = await answers(db.engine, db.keys);
    // SQLite's answers are the reference (its suite runs first); each engine's own checks follow.
    if (kind === "sqlite") reference = found;
    else if (reference) expect(found).toEqual(reference);
    expect(found["soren"]).toEqual(["soren:text"]);
    expect(found["Søren"]).toEqual(["soren:text"]);
    expect(found["strasser"]).toEqual(["strasse:text"]);
    expect(found["grossmann"]).toEqual(["strasse:text"]);
    expect(found["zolc"]).toEqual(["lukasz:text"]);
    expect(found["dupont"]?.slice(0, 2)).toEqual(["dupont:text", "kern:text"]);
    expect(found["dupont"]).toContain("dupontel:text");
    expect(found["de Pury"]?.[0]).toBe("depury:text");
    expect(found["ng"]?.[0]).toBe("ng:text");
    for (const q of ["022 735 33 92", "0227353392", "+41 22 735 33 92", "0041 22 735 33 92", "+41227353392", "(022) 735 33 92", "022/735.33.92", "022 735", "33 92", "3392"]) {
      expect(found[q], q).toEqual(["dupont:phone"]);
    }
    expect(found["079 123 45 67"]).toEqual(["dupontel:phone"]);
    for (const q of ["jean.dupont@jetinfo.ch", "jean.dupont@", "JEAN.DUPONT@JETINFO.CH"]) expect(found[q]?.[0], q).toBe("dupont:email");
    expect(found["ng@"]?.[0]).toBe("nguyen:email");
    expect(found[""]).toHaveLength(Object.keys(PEOPLE).length);
    expect(found[""]?.[0]).toBe("soren:recent");
    for (const q of ["nobody", "x", '" OR 1=1 --', "'; DROP TABLE people; --", "a:* & b", "\\"]) expect(found[q], q).toEqual([]);
  });

  it("leaves a person out once their index entry is removed, and finds them again once written", async () => {
    const id = [...db.keys].find(([, key]) => key === "soren")![0];
    await db.engine.transaction("write", (tx) => removeFromIndex(tx, id));
    expect(await find("soren")).toEqual([]);
    await db.engine.transaction("write", (tx) => reindexPerson(tx, id));
    await db.engine.transaction("write", (tx) => reindexPerson(tx, id));
    expect(await find("soren")).toEqual(["soren"]);
  });

  it("lists at most the page's worth", async () => {
    expect((await find("")).length).toBeLessThanOrEqual(MAX_HITS);
  });
});

const PG_ONLY = ENGINES.filter((kind) => kind === "pg");

describe.each(PG_ONLY)("the lookup's query plans on %s", () => {
  let pool: pg.Pool;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const opened = await openPostgres(database.url, { poolSize: 2 });
    opened.pool.on("error", () => {});
    pool = opened.pool;
    remove = async () => {
      await opened.close();
      await database.drop();
    };
    // Enough rows that the planner takes an index where one serves (on a handful it reads the table).
    await pool.query(`INSERT INTO people (first_name, last_name, created_at, updated_at, last_contact_at)
                      SELECT 'Anne', 'Person' || g, 1, 1, g FROM generate_series(1, 20000) g`);
    await pool.query(`INSERT INTO phones (person_id, e164, digits_reversed)
                      SELECT id, '+4122' || lpad(id::text, 7, '0'), reverse('4122' || lpad(id::text, 7, '0')) FROM people`);
    await pool.query("INSERT INTO emails (person_id, email) SELECT id, 'p' || id || '@example.ch' FROM people");
    await pool.query(`INSERT INTO people_search (person_id, document) SELECT id, ('''anne'':1A ''person' || id || ''':2A')::tsvector FROM people`);
    await pool.query("ANALYZE");
  }, 120_000);
  afterAll(async () => remove?.());

  it("answers every query shape from an index (EXPLAIN)", async () => {
    const words = textQuery("anne person1234", false)!;
    const prefix = textQuery("anne person12")!;
    // [query, whether the planner is told to prefer an index]: a tsquery's row estimate is often
    // the default guess (0.5% of the rows), so with a LIMIT the planner may as well read the table
    // from its start on a small test table; the full-text shapes are shown to be served by the GIN
    // index (its operator class answers prefixes and weights), the others are chosen freely.
    const shapes: Record<string, [Query, boolean]> = {
      phonePrefix: [bound(SEARCH_SQL.phonePrefix, ["+41220001234", "+41220001234:"]), false],
      trailingDigits: [bound(SEARCH_SQL.trailingDigits, ["2933", "2933:"]), false],
      emailPrefix: [bound(SEARCH_SQL.emailPrefix, ["p12@", "p12@\uffff"]), false],
      recent: [bound(SEARCH_SQL.recent, [20]), false],
      wholeWords: [TSVECTOR_SQL.candidates(tsquery(words), 100), true],
      wholeName: [TSVECTOR_SQL.nameCandidates(tsquery(textQuery("person1234", false)!), 40), true],
      rowCount: [TSVECTOR_SQL.rowCount(tsquery(words), 20), true],
      rows: [TSVECTOR_SQL.rows([1, 2]), false],
      prefix: [TSVECTOR_SQL.candidates(tsquery(prefix), 100), true],
      namePrefix: [TSVECTOR_SQL.nameCandidates(tsquery(textQuery("person12")!), 40), true],
    };
    const client = await pool.connect();
    try {
      for (const [shape, [query, forced]] of Object.entries(shapes)) {
        const { sql: text, params } = renderPg(query);
        await client.query("BEGIN");
        if (forced) await client.query("SET LOCAL enable_seqscan = off");
        const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${text}`, params);
        await client.query("COMMIT");
        const plan = JSON.stringify(rows[0]["QUERY PLAN"]);
        // The tables of 20,000 rows: none read whole (the empty ones may be, as the planner likes).
        const scanned = [...plan.matchAll(/"Node Type":"Seq Scan"[^}]*?"Relation Name":"(\w+)"/g)].map((m) => m[1]).filter((t) => ["people", "phones", "emails", "people_search"].includes(t!));
        expect(scanned, `${shape}: ${plan}`).toEqual([]);
        expect(plan, shape).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
        // The name's shapes from the names' own index (migration 0004), the others from the document's.
        if (/people_search/.test(text)) expect(plan, shape).toContain(`"Index Name":"${shape.startsWith("wholeName") || shape.startsWith("namePrefix") ? "people_search_names" : "people_search_document"}"`);
      }
    } finally {
      client.release();
    }
  });
});
