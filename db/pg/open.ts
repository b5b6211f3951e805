import { availableParallelism } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { loadMigrations } from "../migrate";
import { INT8_AS_NUMBER } from "../pg-engine";
import { applyPgMigrations, pgSchemaVersion } from "./migrate";

/** One PostgreSQL database, opened: the pool every query goes through and the schema version. */
export interface PgDatabase {
  pool: pg.Pool;
  schemaVersion: number;
  close(): Promise<void>;
}

export interface PgOpenOptions {
  /** Connections in the pool; default the machine's cores, at least 2. */
  poolSize?: number;
  /** Apply pending migrations (needs the schema's owner). Without it the database is opened as it is
   *  (`schemaVersion` says how far it is; a test database may have no schema at all). A database
   *  newer than the code is refused either way. */
  migrate?: boolean;
  /** Default: db/pg/migrations beside this file (pg-migrations beside a CommonJS bundle). */
  migrationsDir?: string;
}

/**
 * Measured on a 2-core server (issue 16): a pool of 10 gave p99 22–95 ms, a pool of 4 16–25 ms.
 * More connections than cores only queue inside the server. Two at least, so a read can go on while
 * a write transaction holds one.
 */
export function defaultPoolSize(): number {
  return Math.max(2, availableParallelism());
}

/** Where the PostgreSQL migrations are: beside this file in the sources (tests, tools), or in
 *  pg-migrations beside a CommonJS bundle, whose import.meta is empty. (Not `typeof __dirname`
 *  first: vitest gives ES modules a __dirname too.) */
export function pgMigrationsDir(): string {
  const here = import.meta.dirname as string | undefined;
  return here ? join(here, "migrations") : join(__dirname, "pg-migrations");
}

export async function openPostgres(url: string, options: PgOpenOptions = {}): Promise<PgDatabase> {
  const poolSize = options.poolSize ?? defaultPoolSize();
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError(`poolSize must be a positive integer, not ${poolSize}`);
  const migrations = loadMigrations(options.migrationsDir ?? pgMigrationsDir());
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: INT8_AS_NUMBER, application_name: "jetinfo-crm" });
  // An idle connection the server closes (restart, failover, pg_terminate_backend) is an 'error'
  // event on the pool, which would end the process unheard. The pool has already dropped that
  // connection; the next query opens a new one or fails with its own error.
  pool.on("error", () => {});
  try {
    const schemaVersion = options.migrate ? await applyPgMigrations(pool, migrations) : await pgSchemaVersion(pool, migrations);
    return { pool, schemaVersion, close: () => pool.end() };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
