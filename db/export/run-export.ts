import { createHash, type Hash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import type { ExportCodeStyle, ExportFormat } from "../../common/contract/exports";
import type { Language } from "../schema";
import { csvWriter } from "./csv-writer";
import type { ExportSource } from "./export-source";
import { jsonWriter } from "./json-writer";
import { buildExportQuery, type ExportColumn, type ExportFilters, type RecordSetKey } from "./record-sets";
import type { RowWriter } from "./row-writer";
import { xlsxWriter } from "./xlsx-writer";
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
 * Writes one export to `file` from its source (a SQLite connection of its own, read-only in the
 * worker, or a PostgreSQL pool: export-source.ts), reporting rows done out of the total as it goes.
 * Runs in a worker thread in the app and inline in the benchmark.
 */
export async function runExport(source: ExportSource, spec: ExportSpec, file: string, onProgress: (done: number, total: number) => void): Promise<ExportResult> {
  const query = buildExportQuery(spec.recordSet, spec.columns, spec.filters, spec.language, spec.codes);
  // Hashed as the bytes are written: reading the file back again cost as much as a twentieth of the export.
  const hash = spec.format === "csv" ? createHash("sha256") : undefined;
  let writer: RowWriter | undefined;
  try {
    const total = await source.read(async (snapshot) => {
      const counted = await snapshot.count(query);
      onProgress(0, counted);
      writer = openWriter(spec, query.columns, file, (done) => onProgress(done, counted), hash);
      await snapshot.rows(query, writer);
      return counted;
    });
    // The snapshot (on PostgreSQL, its connection) is let go first: finishing the file (the
    // workbook's last parts) needs no database.
    const rows = await writer!.end();
    onProgress(rows, Math.max(rows, total));
    return { rows, bytes: statSync(file).size, sha256: hash ? hash.digest("hex") : await fileSha256(file) };
  } finally {
    writer?.close();
  }
}

function openWriter(spec: ExportSpec, columns: readonly ExportColumn[], file: string, progress: (done: number) => void, hash: Hash | undefined): RowWriter {
  if (spec.format === "csv") return csvWriter(file, columns, spec, progress, hash);
  if (spec.format === "json") return jsonWriter(file, columns, progress);
  return xlsxWriter(file, columns, { dateStyle: spec.dateStyle, language: spec.language, sheetRowLimit: spec.sheetRowLimit }, progress);
}
