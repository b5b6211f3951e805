// One export in a process of its own, so its wall time and peak RSS are the exporter's alone:
// the same runExport the worker thread runs, on a read-only connection. Prints one JSON line.
import Database from "better-sqlite3";
import { runExport, type ExportSpec } from "../../db/export/run-export";

const [file, specJson, out] = process.argv.slice(2) as [string, string, string];
const spec = JSON.parse(specJson) as ExportSpec;
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
const started = performance.now();
const result = await runExport(sqlite, spec, out, () => {});
const ms = performance.now() - started;
sqlite.close();
process.stdout.write(`${JSON.stringify({ ...result, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
