import pg from "pg";

import { PgDialect } from "drizzle-orm/pg-core";
import { PlainQuery, type Engine, type Query, type Writes } from "./engine";

/**
 * The engine over a PostgreSQL pool (a team server's database; db/pg/open.ts opens it). One pooled
 * client per transaction. Reads are READ ONLY and REPEATABLE READ: one snapshot for the whole
 * operation, as SQLite gives, and they run side by side. Writes take one transaction-level advisory
 * lock first: the code that reads then writes (the audit chain's head, the next reference number)
 * runs one write at a time, as on SQLite, and the lock goes with the commit or the rollback.
 */
export function pgEngine(pool: pg.Pool): Engine {
  return new PgEngine(pool);
}

/**
 * The advisory lock every write transaction takes: one constant for the whole database, so writes
 * are serialised against each other and never against reads. Advisory locks are per database, so
 * two databases on one server (the tests' clones) do not wait for each other.
 */
export const WRITE_LOCK = 16_2026;

// Every statement a transaction starts or ends with: constant text, never rendered per call.
const BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
// One round trip: the lock is taken before the transaction's first read.
const BEGIN_WRITE = `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;

const dialect = new PgDialect();

const INT8 = 20;
const INT8_ARRAY = 1016;

/**
 * int8 (`count(*)`, bigserial ids) as a JavaScript number, as SQLite gives it, set per query so
 * this engine is right whatever the pool's own type parsers are. A value past 2^53 cannot be a
 * number without changing: refused loudly rather than rounded. db/pg/open.ts gives its pools the
 * same (a query on the pool itself, outside the engine).
 */
export const INT8_AS_NUMBER = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8) return int8;
    if (oid === INT8_ARRAY) return int8Array;
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  }) as typeof pg.types.getTypeParser,
};

// pg-types's own int8[] parser gives strings (its TypeId list omits array types, hence the cast).
const int8Strings = (pg.types.getTypeParser as (oid: number, format: "text") => (value: string) => unknown)(INT8_ARRAY, "text");
const int8Array = (value: string) => mapNested(int8Strings(value), int8);

export function int8(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new RangeError(`int8 value ${value} is beyond 2^53: a JavaScript number cannot hold it exactly`);
  return number;
}

function mapNested(value: unknown, parse: (text: string) => number): unknown {
  if (Array.isArray(value)) return value.map((item) => mapNested(item, parse));
  return typeof value === "string" ? parse(value) : value;
}

class PgEngine implements Engine {
  readonly dialect = "pg";

  constructor(private readonly pool: pg.Pool) {}

  async transaction<T>(mode: "read" | "write", work: (tx: Writes) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A client whose transaction could not be ended is not given back to the pool to be reused.
    let broken: Error | undefined;
    const tx = new PgTransaction(client);
    try {
      await client.query(mode === "write" ? BEGIN_WRITE : BEGIN_READ);
      const result = await work(tx);
      tx.end();
      await client.query("COMMIT");
      return result;
    } catch (error) {
      tx.end();
      try {
        await client.query("ROLLBACK");
      } catch (rollbackFailed) {
        broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async exclusive<T>(work: () => T): Promise<Awaited<T>> {
    // Each transaction has its own client: there is no shared connection to protect.
    return await work();
  }

  /** Ends the pool (once: the database's own close may have ended it already). */
  async close(): Promise<void> {
    if (!this.pool.ending && !this.pool.ended) await this.pool.end();
  }
}

class PgTransaction implements Writes {
  readonly dialect = "pg";
  private open = true;

  constructor(private readonly client: pg.PoolClient) {}

  async one<T = Record<string, unknown>>(query: Query): Promise<T | undefined> {
    return (await this.query(query)).rows[0] as T | undefined;
  }

  async all<T = Record<string, unknown>>(query: Query): Promise<T[]> {
    return (await this.query(query)).rows as T[];
  }

  async run(query: Query): Promise<{ changes: number }> {
    return { changes: (await this.query(query)).rowCount ?? 0 };
  }

  end(): void {
    this.open = false;
  }

  private query(query: Query): Promise<pg.QueryResult> {
    if (!this.open) return Promise.reject(new Error("This transaction has ended: its queries must run before it commits."));
    const { sql: text, params: values } = renderPg(query);
    return this.client.query({ text, values, types: INT8_AS_NUMBER });
  }
}

/** A query as PostgreSQL's text (`$1`, `$2`, …) and its values. */
export function renderPg(query: Query): { sql: string; params: unknown[] } {
  return query instanceof PlainQuery ? { sql: numbered(query.text), params: [...query.params] } : dialect.sqlToQuery(query);
}

/** A PlainQuery's `?`s as PostgreSQL's `$1`, `$2`, …: once per text (the texts are the code's constants). */
function numbered(text: string): string {
  let numberedText = numberedTexts.get(text);
  if (numberedText === undefined) {
    let n = 0;
    numberedText = text.replace(/\?/g, () => `$${++n}`);
    numberedTexts.set(text, numberedText);
  }
  return numberedText;
}
const numberedTexts = new Map<string, string>();
