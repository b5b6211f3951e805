import fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fold } from "../../../common/person-name";
import { openPostgres, type PgDatabase } from "../../../db/pg/open";
import { createEmptyTestDatabase, createTestDatabase, type TestDatabase } from "../../fixtures/postgres";
import { HOSTILE_NAMES, HOSTILE_TEXTS } from "../../fixtures/hostile-strings";

/**
 * PostgreSQL's fold(text) (migration 0003) is the app's fold() (common/person-name.ts): SQL on
 * either engine folds names as the screens do, and the search documents hold the same words.
 * Compared on the hostile strings, on the letters fold() spells out, and on generated text; on a
 * database created with an ICU fr-CH collation too (lower() must not depend on it).
 */
const SAMPLES = [
  "Søren Kierkegaard",
  "STRAẞE Straße",
  "Æbeltoft Œuvre Đorđe Ðóra Łódź Þórshöfn Ħamrun İstanbul ıi Ŀl Ŧ",
  "Müller MÜLLER Mu\u0308ller",
  "ΣΑΣ Σωκράτης ΌΣΟΣ",
  "Ǆemal ǅ ǆ",
  "가나다 \u1100\u1161",
  "ﬁ Ｄｕｐｏｎｔ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "\u0301leading mark",
  "Ọ̀jọ́ Z\u0351\u0358a\u0310\u034Cl\u0336g\u0308\u0301o\u0335",
  "",
];

const texts = [...SAMPLES, ...HOSTILE_NAMES.flatMap((n) => [n.firstName, n.lastName]), ...HOSTILE_TEXTS.map((t) => t.text)]
  // PostgreSQL's text holds no NUL: the app refuses it in every field before it is stored.
  .filter((t) => !t.includes("\u0000"));

async function folded(pool: pg.Pool, values: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ f: string }>("SELECT fold(t) AS f FROM unnest($1::text[]) WITH ORDINALITY AS v(t, n) ORDER BY n", [values]);
  return rows.map((r) => r.f);
}

describe.each([{ icu: false }, { icu: true }])("fold() on PostgreSQL (ICU fr-CH database: $icu)", ({ icu }) => {
  let database: TestDatabase;
  let db: PgDatabase;
  beforeAll(async () => {
    database = icu ? await createEmptyTestDatabase({ icuLocale: "fr-CH" }) : await createTestDatabase();
    db = await openPostgres(database.url, { migrate: icu, poolSize: 2 });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it("folds the hostile strings and the letters without marks as the app does", async () => {
    expect(await folded(db.pool, texts)).toEqual(texts.map(fold));
    expect(await folded(db.pool, ["Søren", "Straße"])).toEqual(["soren", "strasse"]);
  });

  it("keeps NULL as NULL", async () => {
    expect((await db.pool.query("SELECT fold(NULL) AS f")).rows[0].f).toBeNull();
  });

  it("folds generated text as the app does", async () => {
    // Letters, marks and the letters fold() spells out, mixed with any code point (not NUL, not a
    // lone surrogate: neither is text PostgreSQL holds).
    const tricky = [..."aZ ßẞøØæÆœŒđĐðÐłŁþÞħĦıİŀĿŧŦσςΣ\u0300\u0301\u0308\u0327\u0351\u0358\u034C\u094D\u05B0\u200D가ﬁ"];
    const unit = fc.oneof(
      fc.constantFrom(...tricky),
      fc.integer({ min: 1, max: 0x2ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c)),
    );
    const batch = fc.array(fc.string({ unit, maxLength: 16 }), { minLength: 1, maxLength: 50 });
    await fc.assert(
      fc.asyncProperty(batch, async (values) => {
        expect(await folded(db.pool, values)).toEqual(values.map(fold));
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });
});
