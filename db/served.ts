import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import type { PgDb } from "./pg/served";

export type { PgDb };

/**
 * The database an API host serves: a SQLite file (a desk's, or a team server's: db/open.ts), or a
 * team server's PostgreSQL database (db/pg/served.ts). Every domain rule reaches either through
 * `engine`; what only a file has (backups by copy, the WAL, the integrity check) is SQLite's.
 */
export type ServedDb = Db | PgDb;
export type ReadableServedDb = ReadableDb | PgDb;

/**
 * The SQLite database, for an operation on the file itself; on a PostgreSQL server such an
 * operation is IT's (pg_dump, base backups, the server's own checks), said to the user as a
 * refusal rather than failing on a missing file.
 */
export function sqliteOnly<D extends ReadableDb>(db: D | PgDb): D {
  if (db.dialect === "pg") throw new AppError("CONFLICT", "not_on_postgres");
  return db;
}
