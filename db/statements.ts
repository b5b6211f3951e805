import type Database from "better-sqlite3";
import type { ReadableDb } from "./open";

// Prepared statements cached per connection. On the lookup path, preparing a statement (or
// building it through drizzle's query builder) costs more than running it.
const cache = new WeakMap<object, Map<string, Database.Statement<unknown[]>>>();

export function statement(db: ReadableDb, sql: string): Database.Statement<unknown[]> {
  let forDb = cache.get(db.sqlite);
  if (!forDb) cache.set(db.sqlite, (forDb = new Map()));
  let s = forDb.get(sql);
  if (!s) forDb.set(sql, (s = db.sqlite.prepare<unknown[]>(sql)));
  return s;
}
