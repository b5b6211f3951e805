import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../../db/open";
import { buildExportQuery } from "../../db/export/record-sets";
import type { ExportSpec } from "../../db/export/run-export";
import type { Dispatch } from "../../electron/api/dispatcher";
import { percentiles } from "./measure";

const log = (message: string) => process.stderr.write(`${message}\n`);
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

function runChild(file: string, spec: ExportSpec, out: string) {
  const child = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "export-child.ts"), file, JSON.stringify(spec), out], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { rows: number; bytes: number; ms: number; peakRssMb: number };
}

/** The sqlite3 command line writing the same query with `.mode csv`: the rate to compare against. */
function sqliteCli(file: string, sql: string, out: string): { ms: number; bytes: number } | { error: string } {
  try {
    execFileSync("sqlite3", ["-version"], { stdio: "ignore" });
  } catch {
    return { error: "sqlite3 not installed (apt-get install -y sqlite3)" };
  }
  const started = performance.now();
  execFileSync("sh", ["-c", `sqlite3 -readonly "$1" ".mode csv" "$2" > "$3"`, "sh", file, sql, out]);
  return { ms: performance.now() - started, bytes: statSync(out).size };
}

/**
 * Exports on the benchmark database: all people with contact details to CSV and XLSX, the error
 * reports to CSV — rows/s, wall time and peak RSS of the exporting process, and our CSV rate
 * against the sqlite3 CLI on the same SELECT — then dashboard.summary latency.
 */
export async function benchExport(db: Db, dispatch: Dispatch, sessionId: string, iterations: number) {
  const dir = join(import.meta.dirname, "..", "..", ".cache", "bench", "exports");
  mkdirSync(dir, { recursive: true });
  const base = { filters: {}, delimiter: ";", dateStyle: "swiss", language: "fr" } as const;
  const cases: { name: string; spec: ExportSpec; budget: string; cli: boolean }[] = [
    { name: "people → CSV", spec: { ...base, recordSet: "people", columns: [], format: "csv" }, budget: "≥ 50% of the sqlite3 CLI rate; peak RSS ≤ 400 MB", cli: true },
    { name: "people → XLSX", spec: { ...base, recordSet: "people", columns: [], format: "xlsx" }, budget: "≤ 60 s; peak RSS ≤ 400 MB", cli: false },
    { name: "error reports → CSV", spec: { ...base, recordSet: "errorReports", columns: [], format: "csv" }, budget: "≥ 50% of the sqlite3 CLI rate; peak RSS ≤ 400 MB", cli: true },
  ];
  const exports = [];
  for (const c of cases) {
    log(`  export ${c.name}…`);
    const out = join(dir, `bench.${c.spec.format}`);
    const ours = runChild(db.file, c.spec, out);
    rmSync(out, { force: true });
    const rowsPerSecond = round(ours.rows / (ours.ms / 1000));
    const result: Record<string, unknown> = {
      export: c.name,
      rows: ours.rows,
      wallSeconds: round(ours.ms / 1000, 2),
      rowsPerSecond,
      megabytes: round(ours.bytes / 1e6, 1),
      peakRssMb: ours.peakRssMb,
      budget: c.budget,
    };
    if (c.cli) {
      log(`  sqlite3 CLI ${c.name}…`);
      const query = buildExportQuery(c.spec.recordSet, c.spec.columns, c.spec.filters, c.spec.language);
      const cli = sqliteCli(db.file, query.sql, join(dir, "cli.csv"));
      rmSync(join(dir, "cli.csv"), { force: true });
      if ("error" in cli) result.sqliteCli = cli.error;
      else {
        const cliRate = ours.rows / (cli.ms / 1000);
        result.sqliteCli = { wallSeconds: round(cli.ms / 1000, 2), rowsPerSecond: round(cliRate), megabytes: round(cli.bytes / 1e6, 1) };
        result.ratioToSqliteCli = round(rowsPerSecond / cliRate, 2);
        result.withinBudget = rowsPerSecond / cliRate >= 0.5 && ours.peakRssMb <= 400;
      }
    } else result.withinBudget = ours.ms <= 60_000 && ours.peakRssMb <= 400;
    exports.push(result);
  }
  rmSync(dir, { recursive: true, force: true });

  log("  dashboard.summary…");
  const timeSummary = async () => {
    for (let i = 0; i < 10; i++) await dispatch("dashboard.summary", {}, { sessionId });
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = process.hrtime.bigint();
      const r = await dispatch("dashboard.summary", {}, { sessionId });
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (!r.ok) throw new Error(r.error.message);
    }
    return percentiles(samples);
  };
  const ms = await timeSummary();
  const dashboard = { iterations, ms, budget: "≤ 100 ms", withinBudget: ms.p99 <= 100 };
  return { exports, dashboard };
}
