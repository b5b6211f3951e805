import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type PgDatabase } from "../../../db/pg/open";
import { createEmptyTestDatabase, type TestDatabase } from "../../fixtures/postgres";

/**
 * Issue 16, point 3: a Swiss IT department may well create the database with an ICU fr-CH
 * collation. The lookups read a phone number's beginning (or its reversed end) and an email's
 * beginning as a range, `e164 >= '+41227353392' AND e164 < '+41227:'` (":" follows "9"): under
 * fr-CH that range is empty, under "C" it holds the number. The schema declares those columns
 * COLLATE "C", whatever the database's default.
 */
let database: TestDatabase;
let db: PgDatabase;

beforeAll(async () => {
  database = await createEmptyTestDatabase({ icuLocale: "fr-CH" });
  db = await openPostgres(database.url, { migrate: true, poolSize: 2 });
  const person = await db.pool.query("INSERT INTO people (first_name, last_name, created_at, updated_at) VALUES ('Anna', 'Müller', 1, 1) RETURNING id");
  const personId = person.rows[0].id as number;
  await db.pool.query("INSERT INTO phones (person_id, e164, digits_reversed) VALUES ($1, '+41227353392', '29335372214')", [personId]);
  await db.pool.query("INSERT INTO emails (person_id, email) VALUES ($1, 'anna.muller@jetinfo.ch')", [personId]);
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe("range lookups under a database created with ICU fr-CH", () => {
  it("runs on such a database", async () => {
    const { rows } = await db.pool.query("SELECT datlocprovider AS provider, daticulocale AS locale FROM pg_database WHERE datname = current_database()");
    expect(rows[0]).toEqual({ provider: "i", locale: "fr-CH" });
  });

  it("fails with the database's own collation: the trap", async () => {
    const { rows } = await db.pool.query("SELECT $1::text < $2::text AS ordered, $1::text COLLATE \"C\" < $2::text AS ordered_c", ["+41227353392", "+41227:"]);
    expect(rows[0]).toEqual({ ordered: false, ordered_c: true });
    const found = await db.pool.query("SELECT count(*) AS n FROM phones WHERE e164 COLLATE \"fr-CH-x-icu\" >= $1 AND e164 COLLATE \"fr-CH-x-icu\" < $2", ["+41227353392", "+41227:"]);
    expect(found.rows[0].n).toBe(0);
  });

  it.each([
    ["a number's beginning", "SELECT person_id FROM phones WHERE e164 >= $1 AND e164 < $2", "+41227353392", "+41227:"],
    ["a number's beginning, shorter", "SELECT person_id FROM phones WHERE e164 >= $1 AND e164 < $2", "+4122735", "+4122735:"],
    ["a number's last digits", "SELECT person_id FROM phones WHERE digits_reversed >= $1 AND digits_reversed < $2", "2933537", "2933537:"],
    ["an email's beginning", "SELECT person_id FROM emails WHERE email >= $1 AND email < $2", "anna.m", "anna.m\uffff"],
  ])("finds %s with the columns' byte order", async (_what, query, from, to) => {
    expect((await db.pool.query(query, [from, to])).rowCount).toBe(1);
  });

  it.each([
    ["phones_e164", "SELECT person_id FROM phones WHERE e164 >= '+4122735' AND e164 < '+4122735:'"],
    ["phones_digits_reversed", "SELECT person_id FROM phones WHERE digits_reversed >= '2933537' AND digits_reversed < '2933537:'"],
    ["emails_email", "SELECT person_id FROM emails WHERE email >= 'anna.m' AND email < 'anna.n'"],
  ])("answers through the index %s (built in the same byte order)", async (index, query) => {
    const client = await db.pool.connect();
    try {
      // One row in the table: without this the planner rightly reads the table.
      await client.query("SET enable_seqscan = off");
      const plan = (await client.query(`EXPLAIN ${query}`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain(index);
      expect(plan).toMatch(/Index Cond: .*>=.*<|Index Cond: .*<.*>=/);
    } finally {
      await client.query("RESET enable_seqscan");
      client.release();
    }
  });
});
