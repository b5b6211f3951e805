import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { build } from "esbuild";
import { join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { verifyAuditSync } from "../../db/audit";
import { openHost } from "../../electron/host";
import { MIGRATIONS_DIR, scratchDir } from "../fixtures/database";

/**
 * Crash safety: a child desk (tests/crash/writer.ts) writes through the real dispatcher and is
 * killed with SIGKILL at a random moment. After each kill the data folder is reopened the way the
 * app starts (openHost, where start-up cleanup runs) and must hold: integrity_check ok, every
 * acknowledged write present, the audit chain verifies, no `.partial` or export file left.
 */

const ROOT = join(import.meta.dirname, "..", "..");

/**
 * The writer and the export worker bundled to CommonJS the way build/bundle.mjs ships the app, in
 * a folder inside the work tree (so `better-sqlite3` resolves from node_modules).
 */
async function bundleWriter(): Promise<{ writer: string; remove(): void }> {
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, ".cache", "crash-"));
  const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning", logOverride: { "empty-import-meta": "silent" } } as const;
  await Promise.all([
    build({ ...common, entryPoints: [join(import.meta.dirname, "writer.ts")], outfile: join(dir, "writer.cjs"), external: ["better-sqlite3", "pdfkit"] }),
    build({ ...common, entryPoints: [join(ROOT, "electron", "export", "worker.ts")], outfile: join(dir, "export-worker.cjs"), external: ["better-sqlite3"] }),
  ]);
  return { writer: join(dir, "writer.cjs"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
const TABLES = new Set(["people", "error_reports", "interactions", "companies"]);

export interface CrashTrialsResult {
  trials: number;
  acknowledged: number;
  /** Each broken promise once per trial: "trial 3 (seed 42, exports): 2 acknowledged writes missing…". */
  failures: string[];
}

interface Trial {
  acks: [table: string, id: number][];
  exports: number;
  backups: number;
}

/** Starts a writer, lets it write for `runMs` after it is ready, then kills it without warning. */
async function killedWriter(writer: string, dataDir: string, seed: number, flags: string[], runMs: number): Promise<Trial> {
  const child = spawn(process.execPath, [writer, dataDir, MIGRATIONS_DIR, String(seed), ...flags], { stdio: ["ignore", "pipe", "pipe"] });
  const trial: Trial = { acks: [], exports: 0, backups: 0 };
  let buffered = "";
  let stderr = "";
  let ready: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop()!; // an unfinished line was not acknowledged
    for (const line of lines) {
      const [kind, a, b] = line.split(" ");
      if (kind === "ready") ready();
      else if (kind === "ack") trial.acks.push([a!, Number(b)]);
      else if (kind === "export") trial.exports++;
      else if (kind === "backup") trial.backups++;
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const early = await Promise.race([isReady.then(() => false), exited.then(() => true)]);
  if (early) throw new Error(`the writer stopped before it was ready: ${stderr.slice(0, 2000)}`);
  await sleep(runMs);
  // The writer never stops by itself: an exit before the kill is a failed write (warnings on stderr are not).
  if (child.exitCode !== null) throw new Error(`the writer failed before it was killed: ${stderr.slice(0, 2000)}`);
  child.kill("SIGKILL");
  await exited;
  return trial;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

export async function runCrashTrials(options: { trials: number; seed: number; log?: (line: string) => void }): Promise<CrashTrialsResult> {
  const scratch = scratchDir();
  const bundle = await bundleWriter();
  const failures: string[] = [];
  let acknowledged = 0;
  try {
    for (let t = 0; t < options.trials; t++) {
      const seed = options.seed + t;
      // Plain writes in half the trials; exports or backups on the side in the others.
      const flags = t % 4 === 1 ? ["--exports"] : t % 4 === 3 ? ["--backups"] : [];
      // Export trials run longer: an export's file appears only once its worker has started.
      const runMs = (flags[0] === "--exports" ? 400 : 20) + ((seed * 7919) % 600);
      const trial = await killedWriter(bundle.writer, scratch.dir, seed, flags, runMs);
      acknowledged += trial.acks.length;
      const name = `trial ${t} (seed ${seed}${flags.length ? `, ${flags.join(" ")}` : ""}, killed after ${runMs} ms, ${trial.acks.length} acknowledged)`;

      const host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false });
      try {
        const integrity = host.db.sqlite.pragma("integrity_check", { simple: true });
        if (integrity !== "ok") failures.push(`${name}: integrity_check says ${String(integrity)}`);
        const missing = trial.acks.filter(([table, id]) => !TABLES.has(table) || !host.db.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id));
        if (missing.length) failures.push(`${name}: ${missing.length} acknowledged writes missing (${missing.slice(0, 5).map(([t2, id]) => `${t2} ${id}`).join(", ")})`);
        const audit = verifyAuditSync(host.db);
        if (!audit.ok) failures.push(`${name}: the audit chain breaks at entry ${audit.firstBrokenId}`);
        // After the start-up (and its clean-up): nothing half-written or waiting for a download.
        const stray = filesUnder(scratch.dir).filter((f) => f.endsWith(".partial") || f.includes(".partial-") || relative(scratch.dir, f).startsWith("exports/"));
        if (stray.length) {
          failures.push(`${name}: ${stray.length} stray files after restart (${stray.slice(0, 3).map((f) => relative(scratch.dir, f)).join(", ")})`);
          // Removed so the next trial reports only its own.
          for (const f of stray) rmSync(f, { force: true });
        }
      } finally {
        host.close();
      }
      options.log?.(`${name}: ${failures.length} failures so far`);
    }
  } finally {
    scratch.remove();
    bundle.remove();
  }
  return { trials: options.trials, acknowledged, failures };
}
