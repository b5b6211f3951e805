import { mkdirSync, renameSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";
import { applyMigrations, DatabaseFromFutureError, loadMigrations, schemaVersion } from "./migrate";
import { ephemeralAuditKey, loadOrCreateAuditKey, type AuditKey } from "./audit-key";
import { unkeyedUntil } from "./audit";
import { fold } from "../common/person-name";
import type { Engine } from "./engine";
import { sqliteEngine } from "./sqlite-engine";
import { knowConnection } from "./transition";

export type Orm = BetterSQLite3Database<typeof schema>;

/**
 * One open database: the raw connection for prepared statements and the drizzle view of it.
 * `ReadableDb` is what a read may use; a function that writes asks for `Db`, which only the
 * dispatcher hands to operations declared `mutates: true` (and to start-up and maintenance code).
 * The brand is a type only: a read-only operation that calls a writing function does not compile.
 */
export interface ReadableDb {
  /** The connection to use now: during a read transaction of a file database, a read-only one. */
  readonly sqlite: Database.Database;
  readonly orm: Orm;
  /**
   * The connection that writes, whatever transaction runs: a WAL checkpoint needs it even during a
   * read. The same as `sqlite` outside reads, and always for in-memory databases.
   */
  readonly writer: Database.Database;
  /**
   * The same connection behind the async interface (db/engine.ts) the domain modules move to. Its
   * mutex is the connection's: the dispatcher runs every operation in one of its transactions, and
   * `sqlite`/`orm` used inside one run in that transaction.
   */
  engine: Engine;
  file: string;
  /** Keys the audit chain (db/audit.ts); kept outside the file, see db/audit-key.ts. */
  auditKey: AuditKey;
  close(): void;
}
declare const writable: unique symbol;
export interface Db extends ReadableDb {
  readonly [writable]: true;
}

/** Case- and accent-insensitive form of a text, registered as SQL `fold()` (one rule, in common/). */
export { fold };

export interface OpenOptions {
  migrationsDir: string;
  /** Where the copy taken before a schema upgrade goes; default `<folder of file>/backups`. */
  backupDir?: string;
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  now?: () => Date;
  /** The audit chain's key; default: `audit.key` beside the file, created at the first open. */
  auditKey?: AuditKey;
}

export function openDatabase(file: string, options: OpenOptions): Db {
  const migrations = loadMigrations(options.migrationsDir);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("secure_delete = ON");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("busy_timeout = 5000");
    registerFold(sqlite);

    const current = schemaVersion(sqlite);
    if (current > migrations.length) throw new DatabaseFromFutureError(current, migrations.length);
    if (current > 0 && current < migrations.length && file !== ":memory:") {
      backupBeforeUpgrade(sqlite, file, current, options.backupDir ?? join(dirname(file), "backups"), options.now?.() ?? new Date());
    }
    applyMigrations(sqlite, migrations);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  let auditKey: AuditKey;
  try {
    // No boundary table: migrations older than 0011 (tests of upgrades); no key file is made for them.
    const boundary = unkeyedUntil(sqlite);
    auditKey =
      options.auditKey ?? (file === ":memory:" || boundary === undefined ? ephemeralAuditKey(boundary ?? 0) : loadOrCreateAuditKey(dirname(file), () => boundary));
  } catch (error) {
    sqlite.close();
    throw error;
  }
  let reader: Database.Database | undefined;
  try {
    reader = file === ":memory:" ? undefined : openReader(file, options.nativeBinding);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const engine = sqliteEngine(sqlite, reader);
  const writerOrm = drizzle(sqlite, { schema });
  const readerOrm = reader && drizzle(reader, { schema });
  const opened: ReadableDb = {
    // During a read transaction, the reader connection (see SqliteEngine.connection); one object
    // either way, so what is kept per database (export jobs, pending WAL work) stays one.
    get sqlite() {
      return engine.connection;
    },
    get orm() {
      return engine.connection === reader ? readerOrm! : writerOrm;
    },
    writer: sqlite,
    engine,
    file,
    auditKey,
    close: () => {
      reader?.close();
      sqlite.close();
    },
  };
  knowConnection(sqlite, opened);
  if (reader) knowConnection(reader, opened);
  // The one place a connection becomes writable: everything else receives it typed.
  return opened as Db;
}

export interface ReadOnlyOptions {
  /** The key of the database's audit chain (the main connection's, db/audit-key.ts): never read from disk here. */
  auditKey: AuditKey;
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

/**
 * A second connection to a database that is already open and migrated, which can only read: a
 * worker thread's (electron/workers/). WAL lets it read a consistent snapshot while the main
 * connection writes; SQLite refuses any write on it, whatever the SQL.
 */
export function openReadOnly(file: string, options: ReadOnlyOptions): ReadableDb {
  const sqlite = openReader(file, options.nativeBinding);
  // `writer` is this same connection: a worker has no other, and never checkpoints.
  const db: ReadableDb = { sqlite, orm: drizzle(sqlite, { schema }), writer: sqlite, engine: sqliteEngine(sqlite), file, auditKey: options.auditKey, close: () => sqlite.close() };
  knowConnection(sqlite, db);
  return db;
}

/** A read-only connection to a migrated file that another connection has open (WAL: its snapshot). */
function openReader(file: string, nativeBinding: string | undefined): Database.Database {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    sqlite.pragma("busy_timeout = 5000");
    registerFold(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

/** `fold()` in SQL, as every connection to the database needs it (the indexes and filters use it). */
function registerFold(sqlite: Database.Database): void {
  sqlite.function("fold", { deterministic: true }, (text: unknown) => (typeof text === "string" ? fold(text) : text));
}

/** A consistent copy (WAL included) taken before the schema changes, so an upgrade can be undone. */
function backupBeforeUpgrade(sqlite: Database.Database, file: string, fromVersion: number, backupDir: string, now: Date): string {
  mkdirSync(backupDir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  const target = join(backupDir, `${basename(file, ".sqlite")}-schema${fromVersion}-${stamp}.sqlite`);
  // Written under another name first, as the other backups are: a crash mid-copy leaves a
  // `.partial` that start-up removes, never a half file that looks like a usable copy.
  const partial = `${target}.partial`;
  sqlite.prepare("VACUUM INTO ?").run(partial);
  renameSync(partial, target);
  return target;
}
