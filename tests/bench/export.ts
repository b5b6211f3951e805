import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { loadavg } from "node:os";
import { join } from "node:path";
import { PREFERENCE_TOPICS } from "../../common/enums";
import { RECORD_SET_KEYS } from "../../common/contract/exports";
import type { Db } from "../../db/open";
import { label as codeLabel, LABELLED_ENUMS } from "../../common/labels";
import { buildExportQuery, type ExportFilters, type ExportQuery, type RecordSetKey } from "../../db/export/record-sets";
import type { ExportSpec } from "../../db/export/run-export";
import type { Dispatch } from "../../electron/api/dispatcher";
import { percentiles } from "./measure";

const log = (message: string) => process.stderr.write(`${message}\n`);
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const load = () => loadavg().map((l) => round(l, 2));

/** The budgets (14, "Speed you can feel"). */
const CSV_MIN_RATIO_TO_CLI = 0.7;
const XLSX_MAX_RATIO_TO_BARE = 1.3;
const PEAK_RSS_MB = 400;
const MIN_ROWS_FOR_RATE = 10_000;

interface ChildResult {
  rows: number;
  ms: number;
  peakRssMb: number;
}

function runChild(mode: "ours" | "bare-xlsx", file: string, spec: ExportSpec, out: string): ChildResult & { bytes: number } {
  const child = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "export-child.ts"), mode, file, JSON.stringify(spec), out], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as ChildResult;
  return { ...result, bytes: statSync(out).size };
}

/** The fastest of `runs` runs: the figure least disturbed by the other work on a shared machine. */
function best<T extends { ms: number }>(runs: number, run: () => T): T {
  let fastest: T | undefined;
  for (let i = 0; i < runs; i++) {
    const r = run();
    if (!fastest || r.ms < fastest.ms) fastest = r;
  }
  return fastest!;
}

function cliInstalled(): boolean {
  try {
    execFileSync("sqlite3", ["-version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The export's SELECT as the sqlite3 command line can run it: parameters inlined (they are enum
 * codes and numbers), and the app's suppression function — which the CLI does not have — replaced
 * by its answer on a list without suppressed contacts (0), which can only flatter the CLI.
 */
function cliSql(sql: string, params: unknown[]): string {
  let i = 0;
  const inlined = sql.replace(/\?/g, () => {
    const p = params[i++];
    return typeof p === "number" ? String(p) : `'${String(p).replaceAll("'", "''")}'`;
  });
  return inlined.replace(/NOT export_suppressed\([^()]*(\([^()]*\)[^()]*)*\)/g, "1");
}

/**
 * The same file's work for the sqlite3 command line: the export's statement (same joins, same
 * rows), each cell made what ours writes, by SQLite's own functions — dates on Geneva's clock
 * (`localtime` with TZ=Europe/Zurich), codes as their labels, days as dd.MM.yyyy, booleans as
 * words, the text cells a spreadsheet would evaluate prefixed with an apostrophe — and the header.
 * The raw statement alone (epoch numbers and codes) compared a writer that formats every cell with
 * one that formats none. Its test for a sign is simpler than cell-safety.ts's (a sign and digits
 * only), which can only flatter the CLI.
 */
export function cliEquivalentSql(query: ExportQuery, spec: ExportSpec): string {
  const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const [yes, no] = spec.language === "fr" ? ["oui", "non"] : ["yes", "no"];
  const cells = query.columns.map((c, i) => {
    const x = `c${i}`;
    const as = ` AS ${literal(c.label)}`;
    if (c.labels) {
      const whens = LABELLED_ENUMS[c.labels].map((code: string) => `WHEN ${literal(code)} THEN ${literal(codeLabel(c.labels!, code, spec.language))}`);
      return `CASE ${x} ${whens.join(" ")} ELSE ${x} END${as}`;
    }
    switch (c.type) {
      case "instant":
        return spec.dateStyle === "swiss"
          ? `strftime('%d.%m.%Y %H:%M', ${x} / 1000, 'unixepoch', 'localtime')${as}`
          : `strftime('%Y-%m-%dT%H:%M:%S', ${x} / 1000, 'unixepoch', 'localtime') || '+01:00'${as}`;
      case "day":
        return spec.dateStyle === "swiss" ? `substr(${x}, 9, 2) || '.' || substr(${x}, 6, 2) || '.' || substr(${x}, 1, 4)${as}` : `${x}${as}`;
      case "boolean":
        return `CASE WHEN ${x} IS NULL THEN NULL WHEN ${x} THEN ${literal(yes)} ELSE ${literal(no)} END${as}`;
      case "text": {
        // Only a cell starting with one of the characters cell-safety.ts looks at is looked at twice.
        const t = `ltrim(${x}, ' ')`;
        const evaluates = `${t} GLOB '[=@' || char(9, 13) || ']*' OR (${t} GLOB '[+-]*' AND (length(${t}) < 2 OR substr(${t}, 2) GLOB '*[^0-9]*'))`;
        return `CASE WHEN unicode(${x}) IN (9, 13, 32, 43, 45, 61, 64) AND (${evaluates}) THEN '''' || ${x} ELSE ${x} END${as}`;
      }
      default:
        return `${x}${as}`;
    }
  });
  return `SELECT ${cells.join(", ")} FROM (${query.sql} LIMIT -1 OFFSET 0)`;
}

/** The sqlite3 command line writing that statement with `.mode csv` and a header: the rate to compare against. */
function sqliteCli(file: string, sql: string, out: string): { ms: number; bytes: number } {
  const started = performance.now();
  execFileSync("sh", ["-c", `sqlite3 -readonly "$1" ".mode csv" ".headers on" "$2" > "$3"`, "sh", file, sql, out], { env: { ...process.env, TZ: "Europe/Zurich" } });
  const ms = performance.now() - started;
  return { ms, bytes: statSync(out).size };
}

/**
 * Whether the CLI's file holds the same cells as ours (header included) in its first records: the
 * comparison is only fair while it writes what we write. Read from the first megabyte of each.
 */
function sameFirstRecords(ours: string, theirs: string, delimiter: string, records = 2000): boolean {
  const head = (file: string) => {
    const fd = openSync(file, "r");
    try {
      const buffer = Buffer.alloc(1 << 20);
      return buffer.subarray(0, readSync(fd, buffer)).toString("utf8");
    } finally {
      closeSync(fd);
    }
  };
  const read = (file: string, d: string) => (parse(head(file), { delimiter: d, bom: true, to: records, relax_quotes: true, skip_records_with_error: true }) as string[][]).slice(0, records);
  const a = read(ours, delimiter);
  const b = read(theirs, ",");
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}

const filtersFor = (key: RecordSetKey): ExportFilters => (key === "mailingList" ? { topic: [...PREFERENCE_TOPICS] } : {});

/**
 * `npm run bench -- export`: every record set to CSV against the sqlite3 CLI writing the same cells
 * (budget ≥ 70 % of its rate), people to XLSX against exceljs streaming the same rows bare
 * (budget ≤ 1.3× its time), each in a process of its own with its peak RSS (budget ≤ 400 MB),
 * the load average next to each figure; then dashboard.summary latency.
 * BENCH_EXPORT_RUNS (default 1): runs per figure, the fastest kept.
 */
export async function benchExport(db: Db, dispatch: Dispatch, sessionId: string, iterations: number) {
  const dir = join(import.meta.dirname, "..", "..", ".cache", "bench", `exports-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const runs = Math.max(1, Number(process.env.BENCH_EXPORT_RUNS ?? 1));
  const base = { delimiter: ";", dateStyle: "swiss", language: "fr", codes: "labels" } as const;
  const cli = cliInstalled();
  // BENCH_EXPORT_ONLY=people,errorReports,xlsx: a subset, while working on one writer.
  const only = process.env.BENCH_EXPORT_ONLY?.split(",");
  const exports: Record<string, unknown>[] = [];
  try {
    for (const recordSet of RECORD_SET_KEYS.filter((k) => !only || only.includes(k))) {
      const spec: ExportSpec = { ...base, recordSet, columns: [], filters: filtersFor(recordSet), format: "csv" };
      log(`  export ${recordSet} → CSV… (load ${load().join(" ")})`);
      const ours = best(runs, () => runChild("ours", db.file, spec, join(dir, "ours.csv")));
      const rate = ours.rows / (ours.ms / 1000);
      const result: Record<string, unknown> = {
        export: `${recordSet} → CSV`,
        rows: ours.rows,
        seconds: round(ours.ms / 1000, 2),
        rowsPerSecond: round(rate),
        megabytes: round(ours.bytes / 1e6, 1),
        peakRssMb: ours.peakRssMb,
        load: load(),
      };
      if (!cli) {
        result.sqliteCli = "CLI not installed (apt-get install -y sqlite3)";
        result.budget = `peak RSS ≤ ${PEAK_RSS_MB} MB (rate not compared)`;
        result.withinBudget = ours.peakRssMb <= PEAK_RSS_MB;
      } else {
        const query = buildExportQuery(recordSet, [], spec.filters, spec.language, spec.codes);
        const theirs = best(runs, () => sqliteCli(db.file, cliEquivalentSql({ ...query, sql: cliSql(query.sql, query.params) }, spec), join(dir, "cli.csv")));
        const ratio = theirs.ms / ours.ms;
        // The CLI writes no header for no rows.
        result.sameCells = ours.rows === 0 ? "no rows" : sameFirstRecords(join(dir, "ours.csv"), join(dir, "cli.csv"), spec.delimiter);
        result.sqliteCli = { seconds: round(theirs.ms / 1000, 2), rowsPerSecond: round(ours.rows / (theirs.ms / 1000)), megabytes: round(theirs.bytes / 1e6, 1) };
        result.rateToCli = round(ratio, 2);
        result.budget = `≥ ${CSV_MIN_RATIO_TO_CLI} of the CLI's rate; peak RSS ≤ ${PEAK_RSS_MB} MB`;
        // A rate over a handful of rows measures process start-up, not the writer.
        result.withinBudget = ours.rows < MIN_ROWS_FOR_RATE ? `not judged: fewer than ${MIN_ROWS_FOR_RATE} rows` : ratio >= CSV_MIN_RATIO_TO_CLI && ours.peakRssMb <= PEAK_RSS_MB;
      }
      exports.push(result);
    }

    if (only && !only.includes("xlsx")) return { exports, dashboard: null };
    const spec: ExportSpec = { ...base, recordSet: "people", columns: [], filters: {}, format: "xlsx" };
    log(`  export people → XLSX… (load ${load().join(" ")})`);
    const ours = best(runs, () => runChild("ours", db.file, spec, join(dir, "ours.xlsx")));
    log(`  exceljs streaming the same rows bare… (load ${load().join(" ")})`);
    const bare = best(runs, () => runChild("bare-xlsx", db.file, spec, join(dir, "bare.xlsx")));
    const ratio = ours.ms / bare.ms;
    exports.push({
      export: "people → XLSX",
      rows: ours.rows,
      seconds: round(ours.ms / 1000, 2),
      megabytes: round(ours.bytes / 1e6, 1),
      peakRssMb: ours.peakRssMb,
      bareExceljs: { seconds: round(bare.ms / 1000, 2), megabytes: round(bare.bytes / 1e6, 1), peakRssMb: bare.peakRssMb },
      timeToBare: round(ratio, 2),
      load: load(),
      budget: `≤ ${XLSX_MAX_RATIO_TO_BARE}× bare exceljs streaming; peak RSS ≤ ${PEAK_RSS_MB} MB`,
      withinBudget: ratio <= XLSX_MAX_RATIO_TO_BARE && ours.peakRssMb <= PEAK_RSS_MB,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

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
