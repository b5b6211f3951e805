import type { SQL } from "drizzle-orm";

/**
 * The one way the domain layer talks to a database, whichever engine holds it: the desk's
 * embedded SQLite (db/sqlite-engine.ts) or a team server's PostgreSQL (db/pg-engine.ts). Domain
 * modules write one drizzle `sql` template per query; each engine renders its own placeholders.
 * Dialect differences live in small named places (schema and migrations, search SQL, erasure's
 * clean-up, db/engine-errors.ts), never in `if (dialect)` branches through the modules.
 */
export type Dialect = "sqlite" | "pg";

/**
 * A query already in text form, its values bound in order to its `?`s (the text holds no `?` in
 * any other sense): for the lookup's hot path, where rendering a drizzle `sql` template (3–13 µs,
 * and its garbage) was a fifth of a phone lookup. SQLite runs the text as it is; PostgreSQL
 * numbers the placeholders once per text.
 */
export class PlainQuery {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[],
  ) {}
}

/** What `one`, `all` and `run` take. */
export type Query = SQL | PlainQuery;

/**
 * What a read may use. Rows come back under the column names the SQL gives (`first_name AS
 * "firstName"` where camelCase is wanted); int8 as a JavaScript number on both engines.
 */
export interface Reads {
  readonly dialect: Dialect;
  one<T = Record<string, unknown>>(query: Query): Promise<T | undefined>;
  all<T = Record<string, unknown>>(query: Query): Promise<T[]>;
}

/** What a write may use (inside a write transaction only). */
export interface Writes extends Reads {
  run(query: Query): Promise<{ changes: number }>;
}

export interface Engine {
  readonly dialect: Dialect;
  /**
   * One transaction: committed when `work` resolves, rolled back when it rejects. "write": serialised
   * (SQLite: the connection's mutex + BEGIN IMMEDIATE; pg: pg_advisory_xact_lock), so code that reads
   * then writes (the audit chain's head, reference numbers) never races. "read": SQLite under the
   * same mutex, refusing writes; pg: READ ONLY, in parallel. Never nest (nor call `exclusive` inside
   * one): on SQLite a transaction that asks its own engine for another waits for itself.
   */
  transaction<T>(mode: "read" | "write", work: (tx: Writes) => Promise<T>): Promise<T>;
  /**
   * Synchronous work between transactions, for code that still uses a SQLite connection directly
   * (a checkpoint after a commit, a detached operation's synchronous start): on SQLite it runs under
   * the connection's mutex, so it can never land inside another request's open transaction. Only the
   * synchronous part is covered: what a returned promise does later is not. On pg it just runs.
   */
  exclusive<T>(work: () => T): Promise<Awaited<T>>;
  close(): Promise<void>;
}
