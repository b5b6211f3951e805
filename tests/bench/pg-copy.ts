import Database from "better-sqlite3";
import pg from "pg";
import { PgDialect } from "drizzle-orm/pg-core";
import { peopleTexts, tsvectorText } from "../../db/search-index";
import { openPostgres } from "../../db/pg/open";

/*
 * The bench's PostgreSQL database: the cached SQLite bench database (1M people, 500k reports)
 * copied table by table into a migrated PostgreSQL database, so both engines are measured on the
 * same rows (`npm run bench -- team --engine pg`). Same table and column names on both
 * (db/pg/schema mirrors db/schema); SQLite's 0/1 become booleans where the pg column is one; the
 * full-text tables are not copied: each engine builds its own index.
 */

/** SQLite tables that have no PostgreSQL twin: FTS5 and its shadow tables, SQLite's own. */
const SQLITE_ONLY = /^(sqlite_|people_fts|people_names_fts|error_reports_fts|__drizzle)/;
/** Rows per INSERT: under PostgreSQL's 65,535 parameters for the widest table. */
const PARAMETERS_PER_INSERT = 60_000;

export interface CopyReport {
  tables: { table: string; rows: number; seconds: number }[];
  seconds: number;
}

/**
 * Copies every table the two schemas share, in an order the foreign keys accept (they are not
 * checked during the copy: `session_replication_role = replica`, which needs a superuser, as the
 * bench's role is). Identity sequences then continue after the highest id copied.
 */
export async function copySqliteToPostgres(sqliteFile: string, url: string, log: (message: string) => void = () => {}): Promise<CopyReport> {
  const started = performance.now();
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const report: CopyReport = { tables: [], seconds: 0 };
  try {
    const columnsOf = await pgColumns(client);
    const tables = (source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter(
      (name) => !SQLITE_ONLY.test(name) && columnsOf.has(name),
    );
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    for (const table of tables) {
      const tableStarted = performance.now();
      const pgColumnTypes = columnsOf.get(table)!;
      const sqliteColumns = (source.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => pgColumnTypes.has(c));
      const booleans = sqliteColumns.map((c) => pgColumnTypes.get(c) === "boolean");
      const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / sqliteColumns.length));
      const names = sqliteColumns.map((c) => pg.escapeIdentifier(c)).join(", ");
      // What the migrations put there (the audit chain's head) is replaced by the copy's.
      await client.query(`DELETE FROM ${pg.escapeIdentifier(table)}`);
      let batch: unknown[] = [];
      let rows = 0;
      const flush = async () => {
        const count = batch.length / sqliteColumns.length;
        if (count === 0) return;
        const tuples = Array.from({ length: count }, (_, r) => `(${sqliteColumns.map((_c, i) => `$${r * sqliteColumns.length + i + 1}`).join(", ")})`);
        await client.query(`INSERT INTO ${pg.escapeIdentifier(table)} (${names}) VALUES ${tuples.join(", ")}`, batch);
        rows += count;
        batch = [];
      };
      for (const row of source.prepare(`SELECT ${sqliteColumns.map((c) => `"${c}"`).join(", ")} FROM "${table}"`).raw().iterate() as IterableIterator<unknown[]>) {
        for (let i = 0; i < row.length; i++) batch.push(booleans[i] && row[i] !== null ? row[i] === 1 : row[i]);
        if (batch.length >= perInsert * sqliteColumns.length) await flush();
      }
      await flush();
      if (pgColumnTypes.has("id")) {
        await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce((SELECT max(id) FROM ${pg.escapeIdentifier(table)}), 0) + 1, false) WHERE pg_get_serial_sequence($1, 'id') IS NOT NULL`, [table]);
      }
      const seconds = (performance.now() - tableStarted) / 1000;
      report.tables.push({ table, rows, seconds: Math.round(seconds * 10) / 10 });
      log(`  ${table}: ${rows.toLocaleString("en")} rows in ${seconds.toFixed(1)} s`);
    }
    await indexPeople(client, log);
    await client.query("COMMIT");
    await client.query("ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
    source.close();
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

/**
 * `npm run bench -- pg-copy`: a new PostgreSQL database named after the SQLite one's size
 * (`jetinfo_bench_1000000`), on the server `BENCH_PG_URL` names (a role that may create databases),
 * migrated, then filled by the copy. An older one of that name is dropped first.
 */
export async function preparePgBenchDatabase(sqliteFile: string, people: number, adminUrl: string, log: (message: string) => void): Promise<{ url: string; copy: CopyReport }> {
  const name = `jetinfo_bench_${people}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const migrated = await openPostgres(url.toString(), { migrate: true, poolSize: 1 });
  await migrated.close();
  log(`copying ${sqliteFile} into ${name}…`);
  return { url: url.toString(), copy: await copySqliteToPostgres(sqliteFile, url.toString(), log) };
}

/** Each public table's columns and their types, as PostgreSQL has them. */
async function pgColumns(client: pg.Client): Promise<Map<string, Map<string, string>>> {
  const { rows } = await client.query<{ table: string; column: string; type: string }>(
    "SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns WHERE table_schema = 'public'",
  );
  const tables = new Map<string, Map<string, string>>();
  for (const { table, column, type } of rows) {
    if (!tables.has(table)) tables.set(table, new Map());
    tables.get(table)!.set(column, type);
  }
  return tables;
}

/** People indexed per statement in the bulk build. */
const INDEX_BATCH = 5_000;

/**
 * The lookup's index on PostgreSQL (people_search), which no table of SQLite's file holds: each
 * person's document as the app writes it (db/search-index.ts: the same folded texts, the same
 * tsvectorText), in batches, then the totals the ranking reads. In the caller's transaction.
 */
export async function indexPeople(client: pg.Client, log: (message: string) => void): Promise<void> {
  const started = performance.now();
  const dialect = new PgDialect();
  await client.query("DELETE FROM people_search");
  const maxId = Number((await client.query<{ max: string | null }>("SELECT max(id) FROM people")).rows[0]?.max ?? 0);
  for (let from = 1; from <= maxId; from += INDEX_BATCH) {
    const query = dialect.sqlToQuery(peopleTexts(from, from + INDEX_BATCH - 1));
    const { rows } = await client.query<{ id: string; name: string; company: string; emails: string; city: string }>(query.sql, query.params);
    await client.query("INSERT INTO people_search (person_id, document) SELECT * FROM unnest($1::int8[], $2::tsvector[])", [
      rows.map((row) => row.id),
      rows.map((row) => tsvectorText([row.name, row.company, row.emails, row.city])),
    ]);
  }
  // What the row trigger keeps (migration 0003), counted once: the copy runs with triggers off.
  await client.query(`UPDATE people_search_totals SET (rows, tokens) =
    (SELECT count(*), coalesce(sum((SELECT sum(cardinality(u.positions)) FROM unnest(s.document) u)), 0) FROM people_search s) WHERE id = 1`);
  log(`  people_search: ${maxId.toLocaleString("en")} people indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

