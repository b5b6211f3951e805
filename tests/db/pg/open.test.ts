import { availableParallelism } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations } from "../../../db/migrate";
import { openPostgres, pgMigrationsDir, type PgDatabase } from "../../../db/pg/open";
import { createTestDatabase, type TestDatabase } from "../../fixtures/postgres";

let database: TestDatabase;
let db: PgDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openPostgres(database.url);
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe("openPostgres", () => {
  it("opens a migrated database at its schema version, with a pool of the machine's cores (two at least)", () => {
    expect(db.schemaVersion).toBe(loadMigrations(pgMigrationsDir()).length);
    expect(db.pool.options.max).toBe(Math.max(2, availableParallelism()));
  });

  it("takes the pool size it is given", async () => {
    const small = await openPostgres(database.url, { poolSize: 3 });
    expect(small.pool.options.max).toBe(3);
    await small.close();
    await expect(openPostgres(database.url, { poolSize: 0 })).rejects.toThrow(RangeError);
  });

  it("reads int8 (ids, epoch milliseconds, counts) as numbers, as SQLite gives them", async () => {
    const inserted = await db.pool.query("INSERT INTO people (last_name, created_at, updated_at) VALUES ('Rossi', 1796180000000, 1796180000000) RETURNING id, created_at");
    expect(inserted.rows[0]).toEqual({ id: expect.any(Number), created_at: 1796180000000 });
    const { rows } = await db.pool.query("SELECT count(*) AS n, 9007199254740991::int8 AS largest, -9007199254740991::int8 AS smallest, ARRAY[1, 2, NULL]::int8[] AS ids");
    expect(rows[0]).toEqual({ n: 1, largest: Number.MAX_SAFE_INTEGER, smallest: Number.MIN_SAFE_INTEGER, ids: [1, 2, null] });
  });

  it("refuses an int8 a number cannot hold exactly, instead of rounding it, and goes on serving", async () => {
    await expect(db.pool.query("SELECT 9007199254740993::int8 AS id")).rejects.toThrow("int8 value 9007199254740993 is beyond 2^53");
    await expect(db.pool.query("SELECT ARRAY[9007199254740993]::int8[] AS ids")).rejects.toThrow(RangeError);
    expect((await db.pool.query("SELECT 1::int8 AS one")).rows[0].one).toBe(1);
  });

  it("leaves the other types as node-postgres reads them: booleans, integers, text", async () => {
    const { rows } = await db.pool.query("SELECT true AS flag, 7::int4 AS small, 'x'::text AS word");
    expect(rows[0]).toEqual({ flag: true, small: 7, word: "x" });
  });
});
