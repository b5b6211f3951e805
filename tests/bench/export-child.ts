// One export in a process of its own, so its wall time and peak RSS are the exporter's alone.
// `ours`: the same runExport the worker thread runs, on a read-only connection.
// `bare-xlsx`: the yardstick for the Excel writer — exceljs's streaming writer given the same
// statement's raw rows as they come (no types, styles, labels, header or sheet split), with the
// leanest options (no shared strings, no styles). Prints one JSON line.
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { buildExportQuery, iterateExportRows } from "../../db/export/record-sets";
import { sqliteSource } from "../../db/export/export-source";
import { runExport, type ExportSpec } from "../../db/export/run-export";

const [mode, file, specJson, out] = process.argv.slice(2) as ["ours" | "bare-xlsx", string, string, string];
const spec = JSON.parse(specJson) as ExportSpec;
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
const started = performance.now();
let rows: number;
if (mode === "ours") rows = (await runExport(sqliteSource(sqlite), spec, out, () => {})).rows;
else {
  const query = buildExportQuery(spec.recordSet, spec.columns, spec.filters, spec.language);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Export");
  rows = 0;
  sqlite.exec("BEGIN");
  for (const row of iterateExportRows(sqlite, query)) {
    sheet.addRow(row).commit();
    // A turn now and then, as any streaming writer needs, so the zip can drain.
    if (++rows % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  sqlite.exec("COMMIT");
  sheet.commit();
  await workbook.commit();
}
const ms = performance.now() - started;
sqlite.close();
process.stdout.write(`${JSON.stringify({ rows, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
