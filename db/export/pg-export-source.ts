import pg from "pg";
import Cursor from "pg-cursor";
import { int8 } from "../pg-engine";
import type { ExportSnapshot, ExportSource } from "./export-source";
import { labelPreviewRows, previewLimit, type ExportQuery } from "./record-sets";
import type { RowWriter } from "./row-writer";
import type { PgConnectionSettings } from "./pg-connection-settings";
import { SUPPRESSION_SALT_KEY, suppressionCheck, type SuppressedContact } from "./suppression-check";

export interface PgSourceOptions {
  /** Rows per read from the server's cursor. */
  batchRows?: number;
  /** Told the size of each batch read (the tests check the rows come in batches, never all at once). */
  onBatch?: (rows: number) => void;
}

/** Rows per cursor read: a batch a few hundred kilobytes at most, and a round trip per thousand rows. */
export const PG_BATCH_ROWS = 1000;

// As db/pg-engine.ts reads them, set per query: count(*) and the bigint ids and times as numbers.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === INT8 ? int8 : format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text"))) as typeof pg.types.getTypeParser,
};

/**
 * A PostgreSQL pool: one client for the export, in a READ ONLY, REPEATABLE READ transaction (one
 * snapshot for the count and the rows, as on SQLite), the rows read a batch at a time through a
 * server-side cursor so memory holds one batch whatever the count. The mailing list's suppressed
 * contacts are left out here, on each row before it is written (record-sets.ts, SUPPRESSION).
 */
export function pgSource(pool: pg.Pool, options: PgSourceOptions = {}): ExportSource {
  const batchRows = options.batchRows ?? PG_BATCH_ROWS;
  return {
    async read(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const result = await work(new PgSnapshot(client, batchRows, options.onBatch));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A client whose transaction could not be ended is not given back to the pool to be reused.
        await client.query("ROLLBACK").catch((failed: unknown) => (broken = failed instanceof Error ? failed : new Error(String(failed))));
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

class PgSnapshot implements ExportSnapshot {
  private suppression: Promise<SuppressedContact | null> | undefined;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly batchRows: number,
    private readonly onBatch?: (rows: number) => void,
  ) {}

  async count(query: ExportQuery): Promise<number> {
    const statements = query.statements.pg;
    const suppressed = statements.contacts ? await this.suppressed() : null;
    if (!suppressed) {
      const { rows } = await this.client.query<[number]>({ text: statements.count, values: query.params, rowMode: "array", types });
      return rows[0]![0];
    }
    let total = 0;
    await this.stream(statements.contacts!, query.params, (batch) => {
      for (const [email, phone] of batch) if (!suppressed(email, phone)) total++;
    });
    return total;
  }

  async preview(query: ExportQuery, limit: number): Promise<unknown[][]> {
    const wanted = previewLimit(limit);
    const kept: unknown[][] = [];
    // Through the cursor too: the suppressed rows left out, it reads on until the preview is full.
    await this.rowsOf(query, Math.min(wanted, this.batchRows), (batch) => {
      for (const row of batch) if (kept.length < wanted) kept.push(row);
      return kept.length >= wanted;
    });
    return labelPreviewRows(query, kept);
  }

  async rows(query: ExportQuery, writer: Pick<RowWriter, "write">): Promise<void> {
    await this.rowsOf(query, this.batchRows, (batch) => writer.write(batch));
  }

  /** The rows in batches, suppressed contacts left out; `take` returning true stops the reading. */
  private async rowsOf(query: ExportQuery, batchRows: number, take: (batch: unknown[][]) => boolean | void | Promise<void>): Promise<void> {
    const suppressed = query.suppressed ? await this.suppressed() : null;
    const n = query.columns.length;
    await this.stream(
      query.statements.pg.rows,
      query.params,
      // The two contacts after the columns are not written: the writers read the first n cells only.
      suppressed ? (batch) => take(batch.filter((row) => !suppressed(row[n], row[n + 1]))) : take,
      batchRows,
    );
  }

  private async stream(text: string, values: unknown[], take: (batch: unknown[][]) => boolean | void | Promise<void>, batchRows = this.batchRows): Promise<void> {
    const cursor = this.client.query(new Cursor<unknown[]>(text, values, { rowMode: "array", types }));
    try {
      for (;;) {
        const batch = await cursor.read(batchRows);
        this.onBatch?.(batch.length);
        if (batch.length === 0) break;
        const wait = take(batch);
        if (wait === true) break;
        if (wait) await wait;
      }
    } finally {
      await cursor.close();
    }
  }

  /** The key and the list, read once per snapshot; null when nothing is suppressed. */
  private suppressed(): Promise<SuppressedContact | null> {
    this.suppression ??= (async () => {
      const salt = await this.client.query<{ value: string }>({ text: "SELECT value FROM settings WHERE key = $1", values: [SUPPRESSION_SALT_KEY] });
      const hashes = await this.client.query<[string]>({ text: "SELECT hash FROM suppression_list", rowMode: "array" });
      return suppressionCheck(salt.rows[0] ? (JSON.parse(salt.rows[0].value) as string) : null, new Set(hashes.rows.map(([hash]) => hash)));
    })();
    return this.suppression;
  }
}

/**
 * The export's own connection (a pool of one, for pgSource), named so that IT sees it for what it
 * is in pg_stat_activity. The desks' pool is sized to the server's cores for their lookups; an
 * export of a million rows holds its connection for tens of seconds, and taking it from that pool
 * would leave the desks one connection fewer (none at all on a 2-core server with two exports).
 */
export function exportPool(settings: PgConnectionSettings): pg.Pool {
  const pool = new pg.Pool({ ...settings, max: 1, application_name: "jetinfo-crm export" });
  // A connection the server ends while idle (a restart) is heard, not thrown.
  pool.on("error", () => {});
  return pool;
}
