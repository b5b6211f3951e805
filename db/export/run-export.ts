import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import type Database from "better-sqlite3";
import type { ExportCodeStyle, ExportFormat } from "../../common/contract/exports";
import type { Language } from "../schema";
import { writeCsv } from "./csv-writer";
import { writeJson } from "./json-writer";
import { buildExportQuery, countExportRows, iterateExportRows, type ExportFilters, type RecordSetKey } from "./record-sets";
import { writeXlsx } from "./xlsx-writer";
import type { DateStyle } from "./zurich-dates";

export { EXPORT_FORMATS, type ExportFormat } from "../../common/contract/exports";

export interface ExportSpec {
  recordSet: RecordSetKey;
  /** Column keys in order; empty: the record set's defaults. */
  columns: string[];
  filters: ExportFilters;
  format: ExportFormat;
  delimiter: ";" | ",";
  dateStyle: DateStyle;
  language: Language;
  /** Code columns as labels in `language` (the default) or as stored codes; JSON always has codes. */
  codes?: ExportCodeStyle;
  /** XLSX only; Excel's limit unless a test asks for less. */
  sheetRowLimit?: number;
}

export interface ExportResult {
  rows: number;
  bytes: number;
  sha256: string;
}

/** Hashes the file as written, so the audit entry names exactly what left the application. */
export function fileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/**
 * Writes one export to `file` from a connection of its own (read-only in the worker), reporting
 * rows done out of the total as it goes. Runs in a worker thread in the app and inline in the
 * benchmark.
 */
export async function runExport(sqlite: Database.Database, spec: ExportSpec, file: string, onProgress: (done: number, total: number) => void): Promise<ExportResult> {
  const query = buildExportQuery(spec.recordSet, spec.columns, spec.filters, spec.language, spec.codes);
  // One read transaction: the count and the rows see the same snapshot while desks keep writing.
  sqlite.exec("BEGIN");
  let rows: number;
  let sha256: string | undefined;
  try {
    const total = countExportRows(sqlite, query);
    onProgress(0, total);
    const progress = (done: number) => onProgress(done, total);
    if (spec.format === "csv") {
      // Hashed as the bytes are written: reading the file back again cost as much as a twentieth of the export.
      const hash = createHash("sha256");
      rows = writeCsv(file, query.columns, iterateExportRows(sqlite, query), spec, progress, hash);
      sha256 = hash.digest("hex");
    } else if (spec.format === "json") rows = writeJson(file, query.columns, iterateExportRows(sqlite, query), progress);
    else rows = await writeXlsx(file, query.columns, iterateExportRows(sqlite, query), { dateStyle: spec.dateStyle, language: spec.language, sheetRowLimit: spec.sheetRowLimit }, progress);
    onProgress(rows, Math.max(rows, total));
  } finally {
    sqlite.exec("COMMIT");
  }
  return { rows, bytes: statSync(file).size, sha256: sha256 ?? (await fileSha256(file)) };
}
