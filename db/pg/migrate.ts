import type pg from "pg";
import { DatabaseFromFutureError, type Migration } from "../migrate";

/**
 * Migrations on PostgreSQL: the same journal format as SQLite's (db/migrate.ts `loadMigrations`),
 * recorded in `schema_migrations` instead of `user_version`. Each migration runs in its own
 * transaction (PostgreSQL's DDL is transactional: a failed one leaves nothing), all of them under a
 * session-level advisory lock, so two servers started at once against one database apply each
 * migration once: the second waits, then finds nothing left to do.
 */

/** The advisory lock key of the migration runner (pg_advisory_lock(bigint): its own key space, apart
 *  from the two-int form). Any other lock of the app must use another key. */
export const MIGRATION_LOCK_KEY = 7_317_160_016_001;

/** Created by the runner before the first migration: it must exist to record the baseline. */
const CREATE_SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** A database migrated by another line of the code: version N is another migration there. */
export class MigrationMismatchError extends Error {
  constructor(
    readonly version: number,
    readonly recorded: string,
    readonly expected: string,
  ) {
    super(`The database's migration ${version} is "${recorded}", this version of Jet Info CRM has "${expected}" there. Nothing was changed.`);
    this.name = "MigrationMismatchError";
  }
}

/** The recorded migrations, oldest first; none when the table does not exist yet. */
async function recorded(client: pg.ClientBase): Promise<{ version: number; name: string }[]> {
  const exists = await client.query<{ found: string | null }>("SELECT to_regclass('schema_migrations')::text AS found");
  if (!exists.rows[0]?.found) return [];
  const { rows } = await client.query<{ version: number; name: string }>("SELECT version, name FROM schema_migrations ORDER BY version");
  return rows;
}

/** The database's schema version; refuses a database newer than the code or migrated by other code. */
async function checkedVersion(client: pg.ClientBase, migrations: Migration[]): Promise<number> {
  const rows = await recorded(client);
  const version = rows.at(-1)?.version ?? 0;
  if (version > migrations.length) throw new DatabaseFromFutureError(version, migrations.length);
  for (const row of rows) {
    const expected = migrations[row.version - 1]?.tag;
    if (row.name !== expected) throw new MigrationMismatchError(row.version, row.name, expected ?? "(none)");
  }
  return version;
}

/** The schema version without changing anything (a server that does not migrate). */
export async function pgSchemaVersion(pool: pg.Pool, migrations: Migration[]): Promise<number> {
  const client = await pool.connect();
  try {
    return await checkedVersion(client, migrations);
  } finally {
    client.release();
  }
}

/**
 * Applies the pending migrations and returns the schema version. Without anything pending it takes
 * no lock and needs no privilege but reading `schema_migrations`: the app's role can open an
 * up-to-date database with `migrate` on; only an upgrade needs the owner.
 */
export async function applyPgMigrations(pool: pg.Pool, migrations: Migration[]): Promise<number> {
  const client = await pool.connect();
  let locked = false;
  try {
    if ((await checkedVersion(client, migrations)) === migrations.length) return migrations.length;
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    locked = true;
    await client.query(CREATE_SCHEMA_MIGRATIONS);
    // Read again under the lock: another server may have migrated meanwhile.
    const current = await checkedVersion(client, migrations);
    for (const m of migrations.slice(current)) {
      await client.query("BEGIN");
      try {
        for (const statement of m.statements) await client.query(statement);
        await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.tag]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.tag} failed; the database stays at version ${m.version - 1}: ${(error as Error).message}`, { cause: error });
      }
    }
    return migrations.length;
  } finally {
    // A lock left behind would stall the next start until this connection closes: unlock, or
    // drop the connection if even that fails.
    const unlocked = !locked || (await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).then(
      () => true,
      () => false,
    ));
    client.release(!unlocked);
  }
}
