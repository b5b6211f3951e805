import type Database from "better-sqlite3";
import type { Query, Reads, Writes } from "./engine";
import type { Db, ReadableDb } from "./open";
import { renderSqlite } from "./sqlite-engine";
import { statement } from "./statements";

/**
 * The way across while the domain modules move to the engine (db/engine.ts), one module at a time:
 * a function already on the engine is async and takes `tx`; a caller not yet moved is synchronous
 * and holds only the SQLite connection. For such a caller, a moved function keeps a synchronous
 * twin named `…Sync` that runs the very same `sql` query through these three, so no SQL is written
 * twice. The other way round, a moved function that calls one not yet moved passes it
 * `legacyDb(tx)`: the database the transaction runs on (SQLite only). A twin goes with its last
 * caller, a `legacyDb` with the move of its callee; this file goes with the last of them.
 */
export function syncOne<T = Record<string, unknown>>(db: ReadableDb, query: Query): T | undefined {
  const { sql, params } = renderSqlite(query);
  return prepared(db, sql).get(...params) as T | undefined;
}

export function syncAll<T = Record<string, unknown>>(db: ReadableDb, query: Query): T[] {
  const { sql, params } = renderSqlite(query);
  return prepared(db, sql).all(...params) as T[];
}

export function syncRun(db: Db, query: Query): { changes: number } {
  const { sql, params } = renderSqlite(query);
  return { changes: prepared(db, sql).run(...params).changes };
}

// The shared statement cache's statements may have been switched to plucking by another caller.
function prepared(db: ReadableDb, sql: string) {
  const cached = statement(db, sql);
  return cached.reader ? cached.pluck(false) : cached;
}

const databases = new WeakMap<Database.Database, ReadableDb>();

/** Called by db/open.ts for each connection of an open database (the writer and its reader). */
export function knowConnection(sqlite: Database.Database, db: ReadableDb): void {
  databases.set(sqlite, db);
}

/**
 * The database a transaction runs on, for a function not yet moved to the engine. Its `sqlite`
 * is the transaction's own connection at that moment (db/open.ts), so the call runs inside it.
 * PostgreSQL has no such database: a function that still needs one does not run there yet.
 */
export function legacyDb(tx: Writes): Db;
export function legacyDb(tx: Reads): ReadableDb;
export function legacyDb(tx: Reads): ReadableDb {
  const connection = (tx as { sqlite?: Database.Database }).sqlite;
  const db = connection && databases.get(connection);
  if (!db) throw new Error(`Not yet available on ${tx.dialect === "pg" ? "PostgreSQL" : "this connection"}: this step still needs the SQLite database (db/transition.ts).`);
  return db;
}
