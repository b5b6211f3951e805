import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations } from "../../../db/migrate";
import { pgMigrationsDir } from "../../../db/pg/open";
import { createAppLogin, createTestDatabase, type AppLogin, type TestDatabase } from "../../fixtures/postgres";

/**
 * The audit log on PostgreSQL (issue 16, point 5): triggers refuse UPDATE, DELETE and TRUNCATE for
 * every role, its owner included; the app's role does not own it and holds only INSERT and SELECT.
 */

const APP_ROLE = "jetinfo_crm_app";

let database: TestDatabase;
/** The role that ran the migrations: the tables' owner. */
let owner: pg.Client;
/** A login of the server's kind: a member of the app's group role, nothing more. */
let app: pg.Client;
let appLogin: AppLogin | undefined;

const entry = (id: number) => ({
  text: "INSERT INTO audit_log (id, at, user_id, operation, fields, prev_hash, hash) VALUES ($1, 1796180000000, NULL, 'people.update', '[]', $2, $3)",
  values: [id, "0".repeat(64), "a".repeat(64)],
});

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
  await owner.query(entry(1));
  appLogin = await createAppLogin(database);
  app = new pg.Client({ connectionString: appLogin.url });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
  await owner?.end();
  await database?.drop();
  // A role belongs to the cluster, not to the database: dropped once nothing of it remains.
  await appLogin?.drop();
});

const count = async (client: pg.Client) => (await client.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n as number;

describe("audit_log refuses every change, even to its owner", () => {
  it("is owned by the migrating role, which is not the app's", async () => {
    const { rows } = await owner.query("SELECT tableowner AS owner, current_user AS me FROM pg_tables WHERE tablename = 'audit_log'");
    expect(rows[0].owner).toBe(rows[0].me);
    expect(rows[0].owner).not.toBe(APP_ROLE);
  });

  it.each([
    ["UPDATE", "UPDATE audit_log SET operation = 'people.get'"],
    ["DELETE", "DELETE FROM audit_log"],
    ["TRUNCATE", "TRUNCATE audit_log"],
    ["TRUNCATE of users, cascading", "TRUNCATE users CASCADE"],
    ["INSERT … ON CONFLICT DO UPDATE", "INSERT INTO audit_log (id, at, operation, prev_hash, hash) VALUES (1, 0, 'x', '', '') ON CONFLICT (id) DO UPDATE SET operation = 'x'"],
  ])("%s", async (_what, statement) => {
    await expect(owner.query(statement)).rejects.toThrow("audit_log is append-only");
    expect(await count(owner)).toBe(1);
  });

  it("keeps audit_chain's boundary fixed the same way", async () => {
    for (const statement of ["UPDATE audit_chain SET unkeyed_until = 1000", "DELETE FROM audit_chain", "TRUNCATE audit_chain"]) {
      await expect(owner.query(statement)).rejects.toThrow("audit_chain is fixed");
    }
    expect((await owner.query("SELECT id, unkeyed_until FROM audit_chain")).rows).toEqual([{ id: 1, unkeyed_until: "0" }]);
  });

  it("has the guards SQLite has, plus TRUNCATE's (which SQLite lacks), minus INSERT OR REPLACE's (which PostgreSQL lacks)", async () => {
    // The audit tables' own triggers (the search index's row count has one too: pg migration 0003).
    const { rows } = await owner.query("SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'audit%' ORDER BY tgname");
    expect(rows.map((r) => r.name)).toEqual(["audit_chain_no_delete", "audit_chain_no_truncate", "audit_chain_no_update", "audit_log_no_delete", "audit_log_no_truncate", "audit_log_no_update"]);
  });
});

describe("the app's role", () => {
  it("appends to audit_log and reads it", async () => {
    await app.query(entry(2));
    expect(await count(app)).toBe(2);
  });

  it.each([
    ["UPDATE", "UPDATE audit_log SET operation = 'people.get'"],
    ["DELETE", "DELETE FROM audit_log"],
    ["TRUNCATE", "TRUNCATE audit_log"],
  ])("may not %s audit_log: no privilege, before any trigger", async (_what, statement) => {
    await expect(app.query(statement)).rejects.toMatchObject({ code: "42501", message: "permission denied for table audit_log" });
  });

  it.each([
    ["switch its triggers off", "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update"],
    ["drop a trigger", "DROP TRIGGER audit_log_no_delete ON audit_log"],
    ["alter it", "ALTER TABLE audit_log ADD COLUMN note text"],
    ["drop it", "DROP TABLE audit_log"],
    ["take it over", `ALTER TABLE audit_log OWNER TO ${APP_ROLE}`],
  ])("may not %s: only the owner may", async (_what, statement) => {
    await expect(app.query(statement)).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/^must be owner of (table|relation) audit_log$/) });
  });

  it("may not change the record of migrations or the chain's boundary", async () => {
    await expect(app.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'mine')")).rejects.toMatchObject({ code: "42501" });
    await expect(app.query("INSERT INTO audit_chain (id, unkeyed_until) VALUES (2, 5)")).rejects.toMatchObject({ code: "42501" });
    expect((await app.query("SELECT max(version) AS v FROM schema_migrations")).rows[0].v).toBe(loadMigrations(pgMigrationsDir()).length);
  });

  it("reads and writes every other table, ids from their identity columns included", async () => {
    const { rows } = await owner.query<{ table: string; granted: boolean }>(
      // Each privilege alone: has_table_privilege('SELECT, INSERT') would mean "any of them".
      `SELECT tablename AS table, has_table_privilege($1, quote_ident(tablename), 'SELECT') AND has_table_privilege($1, quote_ident(tablename), 'INSERT')
              AND has_table_privilege($1, quote_ident(tablename), 'UPDATE') AND has_table_privilege($1, quote_ident(tablename), 'DELETE') AS granted
       FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('audit_log', 'audit_chain', 'schema_migrations') ORDER BY tablename`,
      [APP_ROLE],
    );
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => !r.granted).map((r) => r.table)).toEqual([]);
    // And in practice, identity sequences needing no grant of their own:
    const person = await app.query("INSERT INTO people (last_name, created_at, updated_at) VALUES ('Müller', 1, 1) RETURNING id");
    await app.query("INSERT INTO people_search (person_id, document) VALUES ($1, to_tsvector('simple', 'muller'))", [person.rows[0].id]);
    await app.query("UPDATE people SET first_name = 'Anna' WHERE id = $1", [person.rows[0].id]);
    await app.query("DELETE FROM people WHERE id = $1", [person.rows[0].id]);
    expect((await app.query("SELECT count(*)::int AS n FROM people_search")).rows[0].n).toBe(0);
  });
});
