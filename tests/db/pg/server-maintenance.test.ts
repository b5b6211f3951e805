import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type PgDatabase } from "../../../db/pg/open";
import { pgServerState } from "../../../db/pg/server-state";
import { vacuumTables, VacuumSkippedError } from "../../../db/pg/vacuum";
import { pgEngine } from "../../../db/pg-engine";
import { createAppLogin, createTestDatabase, type AppLogin, type TestDatabase } from "../../fixtures/postgres";

// A team server on PostgreSQL: what its diagnostics show, and the vacuum after an erasure, which
// only the tables' owner may run (the everyday role is refused, never silently skipped).

let database: TestDatabase;
let owner: PgDatabase;
let app: pg.Pool;
let appLogin: AppLogin | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = await openPostgres(database.url, { poolSize: 2 });
  appLogin = await createAppLogin(database);
  app = new pg.Pool({ connectionString: appLogin.url, max: 1 });
});

afterAll(async () => {
  await app?.end();
  await owner?.close();
  await database?.drop();
  await appLogin?.drop();
});

/** What VACUUM (ANALYZE) leaves in the catalogue at once (the statistics views lag behind). */
async function catalogue(table: string): Promise<{ tuples: number; allVisible: number }> {
  const { rows } = await owner.pool.query("SELECT reltuples::int8 AS tuples, relallvisible::int8 AS \"allVisible\" FROM pg_class WHERE relname = $1", [table]);
  return rows[0];
}

async function peopleWithDeadRows(): Promise<void> {
  await owner.pool.query("TRUNCATE people CASCADE");
  await owner.pool.query("INSERT INTO people (last_name, created_at, updated_at) SELECT 'Erased ' || i, 1796180000000, 1796180000000 FROM generate_series(1, 2000) AS i");
  await owner.pool.query("DELETE FROM people WHERE id % 2 = 0");
}

describe("a team server on PostgreSQL", () => {
  it("shows its server, size and backup facts to the everyday role", async () => {
    const state = await pgEngine(app).transaction("read", (tx) => pgServerState(tx));
    expect(state.serverVersion).toMatch(/^\d+\.\d+/);
    expect(state.database).toBe(database.name);
    expect(state.databaseBytes).toBeGreaterThan(1_000_000);
    expect(state.connections).toBeGreaterThanOrEqual(1);
    // Debian's defaults: base backups possible, no WAL archiving configured, no standby.
    expect(state.walLevel).toBe("replica");
    expect(state.archiveMode).toBe("off");
    expect(state.archiver).toMatchObject({ archivedCount: expect.any(Number), failedCount: expect.any(Number) });
    expect(state.standbys).toEqual([]);
  });

  it("vacuums the erased rows' tables on the owner's connection, at once", async () => {
    await peopleWithDeadRows();
    expect(await catalogue("people")).toMatchObject({ allVisible: 0 });
    const result = await vacuumTables(owner.pool, ["people", "people_search"]);
    expect(result.tables).toBe(2);
    const after = await catalogue("people");
    expect(after.tuples).toBe(1000);
    expect(after.allVisible).toBeGreaterThan(0);
  });

  it("refuses to report a vacuum PostgreSQL skipped: the everyday role owns no table", async () => {
    await peopleWithDeadRows();
    await expect(vacuumTables(app, ["people"])).rejects.toThrow(VacuumSkippedError);
    expect(await catalogue("people")).toMatchObject({ allVisible: 0 });
  });
});
