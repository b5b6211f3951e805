import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseFromFutureError, loadMigrations, type Migration } from "../../../db/migrate";
import { applyPgMigrations, MIGRATION_LOCK_KEY, MigrationMismatchError } from "../../../db/pg/migrate";
import { openPostgres, pgMigrationsDir } from "../../../db/pg/open";
import { createEmptyTestDatabase, createTestDatabase, type TestDatabase } from "../../fixtures/postgres";

const migrations = loadMigrations(pgMigrationsDir());

const databases: TestDatabase[] = [];
const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});

async function empty(): Promise<TestDatabase> {
  const database = await createEmptyTestDatabase();
  databases.push(database);
  return database;
}

function poolOf(database: TestDatabase): pg.Pool {
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pools.push(pool);
  return pool;
}

async function recorded(pool: pg.Pool): Promise<{ version: number; name: string; applied: string }[]> {
  const { rows } = await pool.query("SELECT version, name, applied_at::text AS applied FROM schema_migrations ORDER BY version");
  return rows;
}

describe("PostgreSQL migrations (db/pg/migrations)", () => {
  it("starts with the drizzle-kit baseline, then the audit guards, the roles and the search (fold, totals)", () => {
    expect(migrations.map((m) => m.tag)).toEqual(["0000_baseline", "0001_audit_guards", "0002_app_role", "0003_search", "0004_search_names"]);
  });

  it.each(migrations.map((m) => [m.tag, m] as const))("%s applies on a database at the version before it and records its version", async (_tag, migration) => {
    const pool = poolOf(await empty());
    expect(await applyPgMigrations(pool, migrations.slice(0, migration.version - 1))).toBe(migration.version - 1);
    expect(await applyPgMigrations(pool, migrations.slice(0, migration.version))).toBe(migration.version);
    expect((await recorded(pool)).map((r) => [r.version, r.name])).toEqual(migrations.slice(0, migration.version).map((m) => [m.version, m.tag]));
  });

  it("opens an up-to-date database again without applying anything", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const before = await recorded(poolOf(database));
    expect(before).toHaveLength(migrations.length);
    const db = await openPostgres(database.url, { migrate: true });
    expect(db.schemaVersion).toBe(migrations.length);
    await db.close();
    expect(await recorded(poolOf(database))).toEqual(before);
  });

  it("lets two servers started at once apply each migration once", async () => {
    const database = await empty();
    const [a, b] = await Promise.all([openPostgres(database.url, { migrate: true }), openPostgres(database.url, { migrate: true })]);
    expect([a.schemaVersion, b.schemaVersion]).toEqual([migrations.length, migrations.length]);
    await Promise.all([a.close(), b.close()]);
    expect((await recorded(poolOf(database))).map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  });

  it("refuses a database written by a newer version, with or without migrating, and changes nothing", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const pool = poolOf(database);
    await pool.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from_the_future')", [migrations.length + 1]);
    const before = await recorded(pool);
    for (const migrate of [true, false]) {
      const error = await openPostgres(database.url, { migrate }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseFromFutureError);
      expect(error).toMatchObject({ fileVersion: migrations.length + 1, appVersion: migrations.length });
    }
    expect(await recorded(pool)).toEqual(before);
  });

  it("refuses a database whose recorded migrations are not this version's", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    await poolOf(database).query("UPDATE schema_migrations SET name = '0002_other_branch' WHERE version = 3");
    await expect(openPostgres(database.url)).rejects.toThrow(MigrationMismatchError);
  });

  it("rolls a failing migration back whole and keeps the version before it", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const broken: Migration = { version: migrations.length + 1, tag: "9999_broken", statements: ["CREATE TABLE half_done (id integer)", "SELECT 1 / 0"] };
    await expect(applyPgMigrations(poolOf(database), [...migrations, broken])).rejects.toThrow(`9999_broken failed; the database stays at version ${migrations.length}: division by zero`);
    const pool = poolOf(database);
    expect((await recorded(pool)).map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect((await pool.query("SELECT to_regclass('half_done') AS found")).rows[0].found).toBeNull();
    // The lock went with the failure: the next server to start does not wait for it.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      expect((await other.query("SELECT pg_try_advisory_lock($1) AS got", [MIGRATION_LOCK_KEY])).rows[0].got).toBe(true);
    } finally {
      await other.end();
    }
  });
});
