import type Database from "better-sqlite3";
import { countExportRows, iterateExportRows, previewExportRows, type ExportQuery } from "./record-sets";
import type { RowWriter } from "./row-writer";

/**
 * Where an export reads its rows: a SQLite connection of its own (the worker's, read-only) or a
 * team server's PostgreSQL pool (pg-export-source.ts, apart so that a desk's export worker never
 * loads the PostgreSQL client). The writers and runExport see only this interface.
 */
export interface ExportSource {
  /** `work` in one read-only snapshot: the count, the preview and the rows all see the same data. */
  read<T>(work: (snapshot: ExportSnapshot) => Promise<T>): Promise<T>;
}

export interface ExportSnapshot {
  count(query: ExportQuery): Promise<number>;
  /** The first rows as the preview shows them (codes as labels). */
  preview(query: ExportQuery, limit: number): Promise<unknown[][]>;
  /** Every row, pushed into `writer.write` (whose promise, when it returns one, is awaited before the next push). */
  rows(query: ExportQuery, writer: Pick<RowWriter, "write">): Promise<void>;
}

/** The preview of the export screen: its first rows and the count, from one snapshot. */
export function previewExport(source: ExportSource, query: ExportQuery, limit: number): Promise<{ rows: unknown[][]; total: number }> {
  return source.read(async (snapshot) => ({ rows: await snapshot.preview(query, limit), total: await snapshot.count(query) }));
}

/**
 * A SQLite connection that nothing else uses meanwhile (the export worker's own). The writer gets
 * the statement's whole iterator in one push: its row loop runs straight over SQLite's rows, with
 * no batch, no call and no await per row (the export's budget against the sqlite3 CLI).
 */
export function sqliteSource(sqlite: Database.Database): ExportSource {
  const snapshot: ExportSnapshot = {
    count: async (query) => countExportRows(sqlite, query),
    preview: async (query, limit) => previewExportRows(sqlite, query, limit),
    rows: async (query, writer) => {
      await writer.write(iterateExportRows(sqlite, query));
    },
  };
  return {
    async read(work) {
      // One read transaction: the count and the rows see the same snapshot while desks keep writing.
      sqlite.exec("BEGIN");
      try {
        return await work(snapshot);
      } finally {
        sqlite.exec("COMMIT");
      }
    },
  };
}
