import { getTableName, is, SQL, type Column, type Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as pgSchema from "../../../db/pg/schema";
import * as sqliteSchema from "../../../db/schema";
import { openTestDb } from "../../fixtures/database";
import { createTestDatabase, type TestDatabase } from "../../fixtures/postgres";

/**
 * The PostgreSQL schema mirrors SQLite's: one domain layer reads and writes both, so a table, a
 * column, a constraint or an index added to one schema and not the other fails here.
 */

/** What PostgreSQL has instead of SQLite's FTS5 virtual tables. */
const PG_SEARCH_TABLES = ["error_reports_search", "people_search", "people_search_totals"];

function tablesOf(module: Record<string, unknown>, kind: typeof PgTable | typeof SQLiteTable): Map<string, Table> {
  const tables = Object.values(module).filter((value): value is Table => is(value, kind));
  return new Map(tables.map((table) => [getTableName(table), table]));
}

/** The types both engines share, by what the app reads: integers come back as numbers on both. */
function kind(column: Column): string {
  const type = column.getSQLType();
  if (column.columnType === "SQLiteBoolean" || type === "boolean") return "boolean";
  if (type === "integer" || type === "bigint") return "integer";
  if (type.startsWith("text")) return "text";
  return type;
}

const named = (part: unknown) => (is(part, SQL) ? "(expression)" : (part as { name: string }).name);

/** What getTableConfig gives in both dialects. */
interface TableConfig {
  columns: Column[];
  primaryKeys: { columns: Column[] }[];
  indexes: { config: { name?: string; unique: boolean; columns: unknown[] } }[];
  foreignKeys: { reference(): { columns: Column[]; foreignColumns: Column[]; foreignTable: Table }; onDelete?: string }[];
  checks: { name: string }[];
}

/** One table's shape, in terms both dialects share (CHECK bodies differ: GLOB has no PostgreSQL twin). */
function shape(config: TableConfig) {
  return {
    columns: Object.fromEntries(
      config.columns.map((c) => [
        c.name,
        {
          kind: kind(c),
          notNull: c.notNull,
          primary: c.primary,
          unique: c.isUnique,
          generated: c.generated !== undefined,
          default: c.primary ? "(id)" : c.default,
        },
      ]),
    ),
    primaryKey: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes: Object.fromEntries(config.indexes.map((i) => [i.config.name, { unique: i.config.unique, on: i.config.columns.map(named) }])),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return `${ref.columns.map((c) => c.name).join(",")} → ${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(",")}) on delete ${fk.onDelete ?? "no action"}`;
      })
      .sort(),
    checks: config.checks.map((c) => c.name).sort(),
  };
}

describe("the PostgreSQL schema (db/pg/schema) mirrors SQLite's (db/schema)", () => {
  const pgTables = tablesOf(pgSchema, PgTable);
  const sqliteTables = tablesOf(sqliteSchema, SQLiteTable);

  it("has the same tables, and a search table for each full-text index", () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys(), ...PG_SEARCH_TABLES].sort());
  });

  it.each([...sqliteTables.keys()].sort())("%s: same columns, keys, references, checks and indexes", (name) => {
    const mine = shape(pgTableConfig(pgTables.get(name) as PgTable) as unknown as TableConfig);
    const theirs = shape(sqliteTableConfig(sqliteTables.get(name) as SQLiteTable) as unknown as TableConfig);
    expect(mine).toEqual(theirs);
  });

  it("declares byte order (COLLATE \"C\") exactly on the range-searched columns", () => {
    const collated = [...pgTables.values()].flatMap((table) =>
      pgTableConfig(table as PgTable)
        .columns.filter((c) => c.getSQLType().includes('COLLATE "C"'))
        .map((c) => `${getTableName(table)}.${c.name}`),
    );
    expect(collated.sort()).toEqual(["emails.email", "phones.digits_reversed", "phones.e164"]);
  });
});

describe("a migrated PostgreSQL database and a migrated SQLite file", () => {
  let database: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  /** SQLite's FTS5 tables and their shadow tables; PostgreSQL's search tables and migration record. */
  const sqliteOnly = (table: string) => /_fts($|_)/.test(table);
  const pgOnly = (table: string) => PG_SEARCH_TABLES.includes(table) || table === "schema_migrations";

  async function pgColumns(): Promise<Record<string, string[]>> {
    const { rows } = await client.query<{ table: string; column: string; nullable: string }>(
      "SELECT table_name AS table, column_name AS column, is_nullable AS nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name",
    );
    const tables: Record<string, string[]> = {};
    for (const row of rows) if (!pgOnly(row.table)) (tables[row.table] ??= []).push(`${row.column}${row.nullable === "NO" ? " not null" : ""}`);
    return tables;
  }

  function sqliteColumns(): Record<string, string[]> {
    const db = openTestDb();
    try {
      const names = db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
      const tables: Record<string, string[]> = {};
      for (const table of names.filter((t) => !sqliteOnly(t))) {
        const columns = db.sqlite.prepare("SELECT name, \"notnull\" FROM pragma_table_xinfo(?) ORDER BY name").all(table) as { name: string; notnull: number }[];
        tables[table] = columns.map((c) => `${c.name}${c.notnull ? " not null" : ""}`);
      }
      return tables;
    } finally {
      db.cleanup();
    }
  }

  it("hold the same tables and columns, migration-made tables (audit_chain) included", async () => {
    const sqlite = sqliteColumns();
    expect(Object.keys(sqlite)).toContain("audit_chain");
    expect(await pgColumns()).toEqual(sqlite);
  });

  it("hold the same indexes besides primary keys", async () => {
    const db = openTestDb();
    let sqliteIndexes: string[];
    try {
      sqliteIndexes = (db.sqlite.prepare("SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite\\_autoindex%' ESCAPE '\\'").pluck().all() as string[]).filter((i) => !sqliteOnly(i.split(".")[0] ?? ""));
    } finally {
      db.cleanup();
    }
    const { rows } = await client.query<{ name: string }>(
      `SELECT t.relname || '.' || c.relname AS name FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND NOT i.indisprimary`,
    );
    const pgIndexes = rows.map((r) => r.name).filter((i) => !pgOnly(i.split(".")[0] ?? ""));
    expect(pgIndexes.sort()).toEqual(sqliteIndexes.sort());
  });

  it("declares byte order where the database says so, and a GIN index for each search table", async () => {
    const collated = await client.query<{ name: string }>(
      "SELECT table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND collation_name = 'C' ORDER BY 1",
    );
    expect(collated.rows.map((r) => r.name)).toEqual(["emails.email", "phones.digits_reversed", "phones.e164"]);
    const gin = await client.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '%USING gin%' ORDER BY 1");
    // The people's names apart too (migration 0004): a GIN index keeps no weights.
    expect(gin.rows.map((r) => r.name)).toEqual(["error_reports_search_document", "people_search_document", "people_search_names"]);
  });
});
