import { setImmediate } from "node:timers";
import type Database from "better-sqlite3";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { PlainQuery, type Engine, type Query, type Writes } from "./engine";

/**
 * The engine over one open better-sqlite3 connection (the desk's database, or a team server's
 * SQLite file). better-sqlite3 is synchronous and one connection has one transaction at a time, so
 * a promise queue (the mutex) lets one transaction in at a time, and code that still uses the
 * connection directly (`db.sqlite`, `db.orm`: the domain modules not yet on this interface) runs
 * inside the transaction it was called from, exactly as before.
 *
 * A transaction may await the engine and nothing else: no timer, no file, no network. Between its
 * BEGIN and its COMMIT the connection belongs to it, and any other code that touches the connection
 * directly during a wait (a timer's callback, an export worker's audit entry) would land inside it.
 * A transaction still open when the event loop turns is therefore rolled back and refused.
 */
export function sqliteEngine(sqlite: Database.Database, reader?: Database.Database, options: { snapshotReads?: boolean } = {}): SqliteEngine {
  return new SqliteEngine(sqlite, reader, options.snapshotReads ?? false);
}

/** A transaction that waited for something other than the engine (see `sqliteEngine`). */
export class TransactionSpannedError extends Error {
  constructor(options?: ErrorOptions) {
    super("A SQLite transaction stayed open across a turn of the event loop (it awaited a timer or I/O): rolled back. Await only the engine inside a transaction.", options);
    this.name = "TransactionSpannedError";
  }
}

const dialect = new SQLiteSyncDialect();

// Queries whose text varies (a list's placeholders) must not grow the cache without end: past this
// many, the oldest statement is dropped (prepared again if it comes back).
const MAX_STATEMENTS = 2_000;

interface Controls {
  beginImmediate: Database.Statement;
  commit: Database.Statement;
  rollback: Database.Statement;
}

export class SqliteEngine implements Engine {
  readonly dialect = "sqlite";
  private busy = false;
  /** True while a read transaction runs on the reader connection. */
  private readingNow = false;
  private readonly waiting: (() => void)[] = [];
  private controls: Controls | undefined;
  /**
   * Prepared statements by their text, this engine's own: the cache of db/statements.ts hands out
   * statements that callers switch to `.pluck()`, which would change what `one` and `all` return.
   */
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();
  private readonly readerStatements = new Map<string, Database.Statement<unknown[]>>();

  /**
   * `reader`: a second connection to the same file, opened read-only (a file database; an
   * in-memory one has none). Reads run on it: SQLite refuses any write there, whatever the SQL,
   * with nothing to switch. Without it a read switches `query_only` on the one connection, and
   * each switch expires every prepared statement (a flag pragma's program ends with OP_Expire):
   * about 0.1 ms of a 0.4 ms lookup spent preparing its statements again.
   */
  constructor(
    private readonly sqlite: Database.Database,
    private readonly reader?: Database.Database,
    /**
     * A read opens a (deferred) transaction on the reader: for a connection of another thread
     * (a worker's), whose reads the mutex does not keep apart from the main thread's writes. The
     * main connection's own reader runs without one (see inTransaction).
     */
    private readonly snapshotReads = false,
  ) {}

  /**
   * The connection code using SQLite directly (`db.sqlite`) should use at this moment: the reader
   * during a read transaction, the writer otherwise (writes, start-up, maintenance, checkpoints).
   */
  get connection(): Database.Database {
    return this.readingNow ? this.reader! : this.sqlite;
  }

  async transaction<T>(mode: "read" | "write", work: (tx: Writes) => Promise<T>): Promise<T> {
    const turn = this.acquire();
    if (turn) await turn;
    try {
      return await this.inTransaction(mode, work);
    } finally {
      this.release();
    }
  }

  exclusive<T>(work: () => T): Promise<Awaited<T>> {
    const turn = this.acquire();
    return turn ? turn.then(() => this.runExclusive(work)) : this.runExclusive(work);
  }

  async close(): Promise<void> {
    const turn = this.acquire();
    if (turn) await turn;
    try {
      this.reader?.close();
      this.sqlite.close();
    } finally {
      this.release();
    }
  }

  /** Undefined when the connection was free (taken at once: no wait on the lookup's path). */
  private acquire(): Promise<void> | undefined {
    if (!this.busy) {
      this.busy = true;
      return undefined;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Handed straight to the next in line: nobody can slip in between. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }

  private runExclusive<T>(work: () => T): Promise<Awaited<T>> {
    try {
      return Promise.resolve(work()) as Promise<Awaited<T>>;
    } catch (error) {
      return Promise.reject(error);
    } finally {
      this.release();
    }
  }

  private async inTransaction<T>(mode: "read" | "write", work: (tx: Writes) => Promise<T>): Promise<T> {
    const controls = (this.controls ??= this.prepareControls());
    const turn = currentTurn();
    if (mode === "read") {
      // No BEGIN: the mutex keeps this process's writes out until the read is done (a worker's
      // connection only reads), so the read sees one state; and the read holds no snapshot that
      // would keep a checkpoint from emptying the WAL (privacy.erasureStatus checkpoints during a
      // read, on the writer). What refuses writes, whatever the SQL (the `Reads` type cannot see
      // raw SQL), is SQLite itself, as PostgreSQL's READ ONLY does: the reader connection is
      // read-only; without one, `query_only` is switched on for the read.
      const reader = this.reader;
      const tx = reader ? new SqliteTransaction(reader, this.readerStatements) : new SqliteTransaction(this.sqlite, this.statements);
      if (reader) this.readingNow = true;
      else this.sqlite.pragma("query_only = ON");
      if (reader && this.snapshotReads) reader.prepare("BEGIN").run();
      try {
        const result = await work(tx);
        if (turns !== turn) throw new TransactionSpannedError();
        return result;
      } catch (error) {
        throw turns !== turn && !(error instanceof TransactionSpannedError) ? new TransactionSpannedError({ cause: error }) : error;
      } finally {
        tx.end();
        if (reader) this.readingNow = false;
        else this.sqlite.pragma("query_only = OFF");
        if (reader?.inTransaction) reader.prepare("COMMIT").run();
      }
    }
    const tx = new SqliteTransaction(this.sqlite, this.statements);
    // IMMEDIATE: the write lock up front, so a read-then-write never fails half-way on SQLITE_BUSY.
    controls.beginImmediate.run();
    try {
      const result = await work(tx);
      if (turns !== turn) throw new TransactionSpannedError();
      controls.commit.run();
      return result;
    } catch (error) {
      // A failed statement may have ended the transaction itself (SQLITE_FULL, an I/O error).
      if (this.sqlite.inTransaction) controls.rollback.run();
      throw turns !== turn && !(error instanceof TransactionSpannedError) ? new TransactionSpannedError({ cause: error }) : error;
    } finally {
      tx.end();
    }
  }

  private prepareControls(): Controls {
    return {
      beginImmediate: this.sqlite.prepare("BEGIN IMMEDIATE"),
      commit: this.sqlite.prepare("COMMIT"),
      rollback: this.sqlite.prepare("ROLLBACK"),
      // Not the query_only switches: SQLite sets a flag pragma while preparing it, and a prepared
      // one applies again only when SQLite prepares it anew (see the constructor for their cost).
    };
  }
}

class SqliteTransaction implements Writes {
  readonly dialect = "sqlite";
  private open = true;

  constructor(
    /** The connection it runs on (db/transition.ts finds the database of a module not yet moved by it). */
    readonly sqlite: Database.Database,
    private readonly statements: Map<string, Database.Statement<unknown[]>>,
  ) {}

  async one<T = Record<string, unknown>>(query: Query): Promise<T | undefined> {
    const { statement, params } = this.prepare(query);
    return statement.get(...params) as T | undefined;
  }

  async all<T = Record<string, unknown>>(query: Query): Promise<T[]> {
    const { statement, params } = this.prepare(query);
    return statement.all(...params) as T[];
  }

  async run(query: Query): Promise<{ changes: number }> {
    const { statement, params } = this.prepare(query);
    return { changes: statement.run(...params).changes };
  }

  /** After the commit or rollback: a query kept for later would otherwise run outside any transaction. */
  end(): void {
    this.open = false;
  }

  private prepare(query: Query): { statement: Database.Statement<unknown[]>; params: unknown[] } {
    if (!this.open) throw new Error("This transaction has ended: its queries must run before it commits.");
    const rendered = renderSqlite(query);
    let statement = this.statements.get(rendered.sql);
    if (!statement) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(rendered.sql, (statement = this.sqlite.prepare<unknown[]>(rendered.sql)));
    }
    return { statement, params: rendered.params };
  }
}

/** A query as SQLite's text and the values better-sqlite3 binds for it. */
export function renderSqlite(query: Query): { sql: string; params: unknown[] } {
  if (query instanceof PlainQuery) return { sql: query.text, params: query.params.map(bindable) };
  const rendered = dialect.sqlToQuery(query);
  return { sql: rendered.sql, params: rendered.params.map(bindable) };
}

/**
 * What better-sqlite3 can bind: it refuses booleans (SQLite stores them as 1 and 0, which the shared
 * SQL compares with a bound `${true}`) and `undefined` (null, as node-postgres binds it).
 */
function bindable(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

// The event loop's turns, as seen by transactions: one setImmediate per turn at most, armed by the
// first transaction of the turn, however many run in it (a few microseconds at worst). Imported
// from node:timers so that a test's fake timers cannot stop it.
let turns = 0;
let armed = false;
function currentTurn(): number {
  if (!armed) {
    armed = true;
    setImmediate(nextTurn);
  }
  return turns;
}
function nextTurn(): void {
  armed = false;
  turns++;
}
