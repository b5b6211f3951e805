import pg from "pg";
import type { Engine } from "../engine";
import { pgEngine } from "../pg-engine";
import { loadOrCreateAuditKey, type AuditKey } from "../audit-key";
import { loadMigrations } from "../migrate";
import type { PgConnectionSettings } from "../export/pg-connection-settings";
import { openPostgres, pgMigrationsDir, type PgDatabase } from "./open";

/**
 * A team server's PostgreSQL database, as the API host serves it: the everyday role's pool behind
 * the engine, and the owner's (`--database-owner`) when given, which migrates and vacuums after an
 * erasure (db/pg/vacuum.ts). What the SQLite `Db` has that a server database has not (a file, a
 * WAL, backups by copy) is not here: operations that need it narrow with `sqliteOnly`
 * (db/served.ts), or have a PostgreSQL form of their own (diagnostics, backups).
 */
export interface PgDb {
  readonly dialect: "pg";
  readonly engine: Engine;
  /** The everyday role's pool (the engine's). */
  readonly pool: pg.Pool;
  /** The schema's owner (one connection): migrations at start, VACUUM after an erasure. */
  readonly owner: pg.Pool | undefined;
  readonly schemaVersion: number;
  /** host:port/database, with no user or password: for logs and the diagnostics screen. */
  readonly where: string;
  /** The server's data folder: the audit chain's key and its anchor are kept there, never in the database. */
  readonly folder: string;
  /** The audit chain's key (`audit.key` in `folder`). */
  readonly auditKey: AuditKey;
  close(): Promise<void>;
}

export interface PgDbOptions {
  /** The everyday role (db/pg/migrations/0002_app_role.sql): no table of its own, INSERT and SELECT only on the audit log. */
  url: string;
  /** The schema's owner: applies pending migrations, and vacuums after an erasure. */
  ownerUrl?: string;
  /** Where `audit.key` is kept (the server's data folder). */
  keyFolder: string;
  poolSize?: number;
  migrationsDir?: string;
}

/** The database is older than this build and no owner was given to migrate it. */
export class PgSchemaBehindError extends Error {
  constructor(
    readonly current: number,
    readonly expected: number,
  ) {
    super(`The PostgreSQL database is at schema ${current}; this version needs ${expected}. Start once with --database-owner <url> (the schema's owner) to migrate it.`);
    this.name = "PgSchemaBehindError";
  }
}

export async function openPgDb(options: PgDbOptions): Promise<PgDb> {
  const migrationsDir = options.migrationsDir ?? pgMigrationsDir();
  const expected = loadMigrations(migrationsDir).length;
  let owner: PgDatabase | undefined;
  let app: PgDatabase | undefined;
  try {
    // The owner first: the everyday role's grants come with the migrations (0002).
    if (options.ownerUrl) owner = await openPostgres(options.ownerUrl, { poolSize: 1, migrate: true, migrationsDir });
    app = await openPostgres(options.url, { poolSize: options.poolSize, migrationsDir });
    if (app.schemaVersion < expected) throw new PgSchemaBehindError(app.schemaVersion, expected);
    const boundary = await app.pool.query<{ unkeyed_until: number }>("SELECT unkeyed_until FROM audit_chain WHERE id = 1");
    const auditKey = loadOrCreateAuditKey(options.keyFolder, () => Number(boundary.rows[0]?.unkeyed_until ?? 0));
    const engine = pgEngine(app.pool);
    const opened = app;
    const ownerDb = owner;
    return {
      dialect: "pg",
      engine,
      pool: app.pool,
      owner: owner?.pool,
      schemaVersion: app.schemaVersion,
      where: describeUrl(options.url),
      folder: options.keyFolder,
      auditKey,
      close: async () => {
        await opened.close();
        await ownerDb?.close();
      },
    };
  } catch (error) {
    await app?.close();
    await owner?.close();
    throw error;
  }
}

/** `postgres://user:secret@db.example:5432/crm` → `db.example:5432/crm`: a password never reaches a log. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
}

/**
 * A worker thread's view of the server's database (electron/workers/): one connection of the app's
 * role, opened as the host's pool is (the same settings), for the heavy reads — drawing an access
 * report's PDF or writing a mailing list must not hold the thread that answers every desk. It
 * never migrates nor vacuums (no owner); the host's checks on the schema already ran.
 */
export function openPgWorkerDb(settings: PgConnectionSettings, folder: string, auditKey: AuditKey): PgDb {
  const pool = new pg.Pool({ ...settings, max: 1, application_name: "jetinfo-crm heavy read" });
  // A connection the server ends between jobs is an 'error' on the pool: the next job opens another.
  pool.on("error", () => {});
  return { dialect: "pg", engine: pgEngine(pool), pool, owner: undefined, schemaVersion: -1 /* not read in a worker */, where: describeSettings(settings), folder, auditKey, close: () => pool.end() };
}

function describeSettings(settings: PgConnectionSettings): string {
  return settings.connectionString ? describeUrl(settings.connectionString) : `${settings.host ?? ""}:${settings.port ?? ""}/${settings.database ?? ""}`;
}

