import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import type { Agent as HttpsAgent } from "node:https";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { AUDIT_KEY_FILE } from "../../db/audit-key";
import { DATABASE_FILE } from "../../electron/host";
import { LOG_FILE } from "../../electron/log";
import { APP_VERSION, pinnedAgent, pinnedSend, startTeamServer, type Send, type TeamServer } from "../e2e/harness";
import { lookupQueries } from "./lookup";
import { percentiles } from "./measure";

/*
 * `npm run bench -- team`: the team server (the built dist/server.cjs) on a copy of the 1M-person
 * bench database, on 127.0.0.1 only, driven over HTTPS as desks drive it:
 *   1. load: 20 desks × 5 lookups per second (open loop: each desk sends on its own clock,
 *      whether or not the previous answer came) while a manager exports every person to CSV,
 *      again as soon as an export ends, for BENCH_TEAM_SECONDS (30 s);
 *   2. saturation: the same desks in a closed loop (each sends its next lookup when the previous
 *      answer came), no export, for BENCH_TEAM_SATURATION_SECONDS (10 s);
 *   3. change visibility: desk A saves a person, desk B — waiting in `events.wait` as a screen
 *      does — sees the event and reads the card again; 50 changes.
 * Figures on stdout as JSON, next to the budgets; progress on stderr. Nothing asserts.
 * Every loop is bounded in count and in time; the server is stopped by its pid at the end, on a
 * failure too, and its data folder (the copy) removed.
 */

const ROOT = resolve(import.meta.dirname, "..", "..");
const BUDGET = { lookupP50Ms: 5, lookupP99Ms: 30, exactPhoneP99Ms: 15, saturationPerSecond: 300, changeVisibleP95Ms: 1000 };
const DESKS = Number(process.env.BENCH_TEAM_DESKS ?? 20);
const LOOKUPS_PER_DESK_PER_SECOND = 5;
const LOAD_SECONDS = Number(process.env.BENCH_TEAM_SECONDS ?? 30);
const SATURATION_SECONDS = Number(process.env.BENCH_TEAM_SATURATION_SECONDS ?? 10);
/** The same load without the export first: the side-by-side reference for what the export costs. */
const CONTROL_SECONDS = Number(process.env.BENCH_TEAM_CONTROL_SECONDS ?? 15);
const CHANGES = Number(process.env.BENCH_TEAM_CHANGES ?? 50);
/** Erasures timed at the end, one after the other (each waits for its clean-up). */
const ERASURES = Number(process.env.BENCH_TEAM_ERASURES ?? 20);
/** The erasure's answer (its commit) and its clean-up (SQLite: the WAL emptied; PostgreSQL: the vacuum). */
const ERASURE_BUDGET = { commitP99Ms: 100, cleanupMaxMs: 2000 };
/** The bench database's administrator (run.ts creates it with the data). */
const BENCH_ADMIN = { username: "bench", password: "bench-password-1" };
const PASSWORD = "team-bench-password";
/** No single request may hang the bench; events.wait is held up to 25 s by design. */
const REQUEST_TIMEOUT_MS = 10_000;
const WAIT_TIMEOUT_MS = 35_000;

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; reason?: string } };
type Log = (message: string) => void;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const load = () => loadavg().map((l) => round(l, 2));
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** One desk: its own keep-alive HTTPS connections (pinned) and its own session, as one browser. */
class Desk {
  private sessionId = "";
  constructor(
    readonly name: string,
    private readonly send: Send,
    readonly agent: HttpsAgent,
  ) {}

  async call(name: string, input: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Envelope> {
    const headers: Record<string, string> = { "Content-Type": "application/json", "X-Client-Version": APP_VERSION };
    if (this.sessionId) headers["X-Session-Id"] = this.sessionId;
    const response = await this.send(`/api/${name}`, { method: "POST", headers, body: JSON.stringify(input), timeoutMs });
    try {
      return JSON.parse(response.body) as Envelope;
    } catch {
      throw new Error(`${name}: HTTP ${response.status}: ${response.body.slice(0, 200)}`);
    }
  }

  async value<T>(name: string, input: unknown, timeoutMs?: number): Promise<T> {
    const envelope = await this.call(name, input, timeoutMs);
    if (!envelope.ok) throw new Error(`${this.name}: ${name} refused: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value as T;
  }

  async login(username: string, password: string): Promise<void> {
    this.sessionId = (await this.value<{ sessionId: string }>("session.login", { username, password })).sessionId;
  }
}

/** A lookup as sent, timed from the request leaving to the whole answer read. */
interface Sample {
  shape: string;
  /** When it was sent (performance.now()). */
  at: number;
  ms: number;
  ok: boolean;
}

/**
 * `--engine sqlite` (the default), `pg` or `both`: the same phases on the server's SQLite file, or
 * on the same rows in PostgreSQL (`npm run bench -- pg-copy` made them: `jetinfo_bench_1000000` on
 * BENCH_PG_URL's server), or one after the other with their headline figures side by side.
 */
export type TeamEngine = "sqlite" | "pg" | "both";

export async function benchTeam(log: Log, engine: TeamEngine = "sqlite") {
  if (engine === "both") {
    const sqlite = await benchTeamOn("sqlite", log);
    const postgres = await benchTeamOn("pg", log);
    return { sideBySide: sideBySide({ sqlite, pg: postgres }), sqlite, pg: postgres };
  }
  return benchTeamOn(engine, log);
}

/** Each engine's headline figures in one row per figure. */
function sideBySide(runs: Record<"sqlite" | "pg", Awaited<ReturnType<typeof phases>>>) {
  const row = (pick: (run: Awaited<ReturnType<typeof phases>>) => unknown) => ({ sqlite: pick(runs.sqlite), pg: pick(runs.pg) });
  return {
    "lookup p50 / p99 ms (20 desks + export)": row((r) => `${r.load.lookupMs.p50} / ${r.load.lookupMs.p99}`),
    "exact phone p99 ms": row((r) => r.load.exactPhoneMs.p99),
    "exports during the load": row((r) => r.load.concurrentExports.map((e) => `${e.status} ${e.rows} rows ${e.seconds} s`).join("; ")),
    "saturation requests/s": row((r) => r.saturation.requestsPerSecond),
    "change visible p95 ms": row((r) => r.changeVisibility.ms?.p95 ?? null),
    "within budget": row((r) => ({ load: r.load.withinBudget, saturation: r.saturation.withinBudget, changes: r.changeVisibility.withinBudget })),
  };
}

async function benchTeamOn(engine: "sqlite" | "pg", log: Log) {
  const source = resolve(process.env.BENCH_TEAM_DATABASE ?? join(ROOT, ".cache", "bench", "people-1000000.sqlite"));
  if (!existsSync(source)) throw new Error(`no bench database at ${source}: run "npm run bench -- lookup" once, or set BENCH_TEAM_DATABASE`);
  if (process.env.BENCH_NO_BUILD !== "1" || !existsSync(join(ROOT, "dist", "server.cjs"))) {
    log("  building (BENCH_NO_BUILD=1 to use dist/ as it is)…");
    const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    if (built.status !== 0) throw new Error("npm run build failed");
  }

  // The server writes (sessions, audit entries, the saves of phase 3, a start-up backup): it gets
  // a copy, never the shared file. A hard link would share the file's pages with the original.
  const dataDir = mkdtempSync(join(tmpdir(), "jetinfo-team-bench-"));
  let server: TeamServer | undefined;
  let postgres: PgBenchClone | undefined;
  // Ctrl-C or a crash of the bench must not leave the server running on a 1.3 GB copy.
  const killServer = () => {
    if (server) {
      try {
        process.kill(server.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once("exit", killServer);
  const onSignal = () => process.exit(130);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    // The audit chain's key lives beside the file (db/audit-key.ts); PostgreSQL's copy of the rows
    // carries the same chain, so its server needs the same key too.
    copyFileSync(join(dirname(source), AUDIT_KEY_FILE), join(dataDir, AUDIT_KEY_FILE));
    // The same texts to look for on either engine, drawn from the SQLite file (read-only).
    const queries = drawQueries(source);

    if (engine === "pg") {
      // The server reads PostgreSQL's copy of the rows, cloned for this run (the bench writes
      // sessions, users, audit entries and saves).
      postgres = await clonePgBenchDatabase(log);
      log("  starting the team server on PostgreSQL…");
      server = await startTeamServer({ dataDir, startTimeoutMs: 300_000, args: ["--database", postgres.appUrl, "--database-owner", postgres.ownerUrl] });
      return { engine, database: postgres.name, ...(await phases(server, queries, log, "none: IT's on PostgreSQL")) };
    }
    log(`  copying ${source} (${round(statSync(source).size / 1e9, 2)} GB) into ${dataDir}…`);
    copyFileSync(source, join(dataDir, DATABASE_FILE));
    log("  starting the team server…");
    server = await startTeamServer({ dataDir, startTimeoutMs: 300_000 });
    log(`  ${server.url} (pid ${server.pid}); waiting for its start-up backup to finish…`);
    const startupBackup = await waitForStartupBackup(dataDir, 900_000);
    log(`  start-up backup: ${startupBackup}`);
    return { engine, database: DATABASE_FILE, ...(await phases(server, queries, log, startupBackup)) };
  } finally {
    await server?.stop();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    process.removeListener("exit", killServer);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

/** The lookup bench's texts (names, prefixes, numbers in Swiss spellings), from the copy. */
function drawQueries(file: string): { shape: string; q: string; exactPhone: boolean }[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    const byShape = lookupQueries(sqlite);
    const all: { shape: string; q: string; exactPhone: boolean }[] = [];
    // Interleaved, so that every second of the run sees every shape.
    const longest = Math.max(...Object.values(byShape).map((texts) => texts.length));
    for (let i = 0; i < longest; i++) {
      for (const [shape, texts] of Object.entries(byShape)) if (texts[i] !== undefined) all.push({ shape, q: texts[i]!, exactPhone: shape.startsWith("phone") });
    }
    return all;
  } finally {
    sqlite.close();
  }
}

/**
 * The host takes a backup of the whole file at every start: measuring while it copies 1.3 GB would
 * measure the copy. Its log says when it is done (or failed).
 */
async function waitForStartupBackup(dataDir: string, limitMs: number): Promise<string> {
  const file = join(dataDir, "logs", LOG_FILE);
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (text.includes("backup.created")) return "done";
    if (text.includes("backup.failed")) return "failed (see the server's log)";
    await sleep(500);
  }
  return `still running after ${limitMs / 1000} s`;
}

async function phases(server: TeamServer, queries: { shape: string; q: string; exactPhone: boolean }[], log: Log, startupBackup: string) {
  const admin = await newDesk(server, "admin");
  await admin.login(BENCH_ADMIN.username, BENCH_ADMIN.password);
  // The desks' staff, created on the copy: agents for the lookups, a manager for the export.
  const suffix = Date.now().toString(36);
  const users = Array.from({ length: DESKS }, (_, i) => ({ username: `desk${i + 1}-${suffix}`, role: "agent" }));
  const managerUser = { username: `manager-${suffix}`, role: "manager" };
  for (const user of [...users, managerUser]) await admin.value("users.create", { ...user, displayName: user.username, password: PASSWORD });
  const desks: Desk[] = [];
  for (const user of users) {
    const desk = await newDesk(server, user.username);
    await desk.login(user.username, PASSWORD);
    desks.push(desk);
  }
  const manager = await newDesk(server, "manager");
  await manager.login(managerUser.username, PASSWORD);
  log(`  ${desks.length} desks and a manager logged in (load ${load().join(" ")})`);

  try {
    // Warm-up, unmeasured: connections open, SQLite's pages in the cache, as on a desk in use.
    await closedLoop(desks, queries, 3_000, 2_000);

    // The reference on this machine as it is now: one desk, one lookup at a time, nothing else
    // running. On a shared machine the ratio of the figures below to this one holds better than
    // their absolute values.
    const baselineSamples = await closedLoop(desks.slice(0, 1), queries, 20_000, 300);
    const baseline = percentiles(baselineSamples.filter((s) => s.ok).map((s) => s.ms));
    const baselineLoad = load();
    log(`  one desk alone: ${baselineSamples.length} lookups, ${JSON.stringify(baseline)} ms (load ${baselineLoad.join(" ")})`);

    log(`  control: ${DESKS} desks × ${LOOKUPS_PER_DESK_PER_SECOND} lookups/s for ${CONTROL_SECONDS} s, no export…`);
    const controlSamples = await openLoop(desks, queries, CONTROL_SECONDS * 1000);
    const controlOk = controlSamples.filter((s) => s.ok).map((s) => s.ms);
    const controlLoad = load();
    log(`    ${controlOk.length} of ${controlSamples.length} answered: ${JSON.stringify(controlOk.length ? percentiles(controlOk) : null)} ms (load ${controlLoad.join(" ")})`);

    log(`  load: ${DESKS} desks × ${LOOKUPS_PER_DESK_PER_SECOND} lookups/s for ${LOAD_SECONDS} s while the manager exports every person…`);
    const loadBefore = load();
    const exporting = exportLoop(manager, LOAD_SECONDS * 1000, log);
    const loadSamples = await openLoop(desks, queries, LOAD_SECONDS * 1000);
    const exportsDone = await exporting;
    const loadAfter = load();
    // Each phase's headline as it ends: a later failure does not lose it.
    const loadOk = loadSamples.filter((s) => s.ok).map((s) => s.ms);
    log(`    ${loadOk.length} of ${loadSamples.length} lookups answered: ${JSON.stringify(loadOk.length ? percentiles(loadOk) : null)} ms (load ${loadAfter.join(" ")})`);

    log(`  saturation: ${DESKS} desks in a closed loop for ${SATURATION_SECONDS} s…`);
    const saturationStarted = performance.now();
    const saturationSamples = await closedLoop(desks, queries, SATURATION_SECONDS * 1000, 1_000_000);
    const saturationSeconds = (performance.now() - saturationStarted) / 1000;
    log(`    ${round(saturationSamples.filter((s) => s.ok).length / saturationSeconds)} answers/s (load ${load().join(" ")})`);

    log(`  change visibility: ${CHANGES} saves on one desk, seen on another…`);
    // A server without live updates (events.wait unknown) still gets its other figures printed.
    const visibility = await changeVisibility(desks[0]!, desks[1]!, log).catch((error: unknown) => ({ ms: [] as number[], eventMs: [] as number[], missed: CHANGES, error: error instanceof Error ? error.message : String(error) }));

    log(`  erasures: ${ERASURES}, each with its clean-up…`);
    const erasures = await erasureTimes(desks[0]!, manager, log).catch((error: unknown) => ({ commitMs: [] as number[], cleanupMs: [] as number[], cleanup: "none", failures: [error instanceof Error ? error.message : String(error)] }));

    const lookups = loadSamples.filter((s) => s.ok);
    const all = percentiles(lookups.map((s) => s.ms));
    const exact = percentiles(lookups.filter((s) => s.shape.startsWith("phone")).map((s) => s.ms));
    const satOk = saturationSamples.filter((s) => s.ok);
    const perSecond = satOk.length / saturationSeconds;
    const visible = visibility.ms.length ? percentiles(visibility.ms) : null;
    return {
      what: "team server (dist/server.cjs) on a copy of the 1M-person bench database, HTTPS on 127.0.0.1, desks as keep-alive Node clients with the pinned certificate",
      node: process.version,
      startupBackup,
      oneDeskAlone: { what: "one desk, one lookup at a time, no export: this machine's reference now", lookups: baselineSamples.length, lookupMs: baseline, loadAverage: baselineLoad },
      sameLoadWithoutExport: {
        seconds: CONTROL_SECONDS,
        sent: controlSamples.length,
        refused: controlSamples.length - controlOk.length,
        lookupMs: controlOk.length ? percentiles(controlOk) : null,
        timeline: timeline(controlSamples, 5_000),
        loadAverage: controlLoad,
      },
      load: {
        desks: DESKS,
        lookupsPerDeskPerSecond: LOOKUPS_PER_DESK_PER_SECOND,
        seconds: LOAD_SECONDS,
        sent: loadSamples.length,
        refused: loadSamples.length - lookups.length,
        concurrentExports: exportsDone,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAfter,
        lookupMs: { ...all, max: round(Math.max(...lookups.map((s) => s.ms))) },
        exactPhoneMs: exact,
        // Whether the times grow through the phase (a queue) or jump at one moment (a stall).
        timeline: timeline(loadSamples, 5_000),
        byShape: byShape(lookups),
        budget: `lookup p50 ≤ ${BUDGET.lookupP50Ms} ms, p99 ≤ ${BUDGET.lookupP99Ms} ms; exact phone p99 ≤ ${BUDGET.exactPhoneP99Ms} ms`,
        withinBudget: all.p50 <= BUDGET.lookupP50Ms && all.p99 <= BUDGET.lookupP99Ms && exact.p99 <= BUDGET.exactPhoneP99Ms,
      },
      saturation: {
        concurrentDesks: DESKS,
        seconds: round(saturationSeconds),
        answered: satOk.length,
        refused: saturationSamples.length - satOk.length,
        requestsPerSecond: round(perSecond),
        lookupMs: percentiles(satOk.map((s) => s.ms)),
        loadAverage: load(),
        budget: `≥ ${BUDGET.saturationPerSecond} requests/s`,
        withinBudget: perSecond >= BUDGET.saturationPerSecond,
      },
      erasure: {
        what: "an agent's verified erasure request erased by a manager over HTTPS: the answer (the commit), then privacy.erasureStatus polled every 20 ms until the clean-up is done",
        erasures: erasures.commitMs.length,
        cleanup: erasures.cleanup,
        commitMs: erasures.commitMs.length ? { ...percentiles(erasures.commitMs), max: round(Math.max(...erasures.commitMs)) } : null,
        cleanupMs: erasures.cleanupMs.length ? { ...percentiles(erasures.cleanupMs), max: round(Math.max(...erasures.cleanupMs)) } : null,
        failures: erasures.failures,
        budget: `commit p99 ≤ ${ERASURE_BUDGET.commitP99Ms} ms; clean-up ≤ ${ERASURE_BUDGET.cleanupMaxMs} ms`,
        withinBudget:
          erasures.failures.length === 0 && erasures.commitMs.length > 0 && percentiles(erasures.commitMs).p99 <= ERASURE_BUDGET.commitP99Ms && Math.max(...erasures.cleanupMs) <= ERASURE_BUDGET.cleanupMaxMs,
      },
      changeVisibility: {
        what: "desk A sends people.update → desk B's events.wait answers with it → desk B's people.get shows the new version",
        changes: CHANGES,
        seen: visibility.ms.length,
        missed: visibility.missed,
        ...("error" in visibility ? { error: visibility.error } : {}),
        ms: visible && { ...visible, max: round(Math.max(...visibility.ms)) },
        eventOnlyMsP95: visibility.eventMs.length ? percentiles(visibility.eventMs).p95 : null,
        budget: `p95 ≤ ${BUDGET.changeVisibleP95Ms} ms`,
        withinBudget: visible !== null && visibility.missed === 0 && visible.p95 <= BUDGET.changeVisibleP95Ms,
      },
    };
  } finally {
    for (const desk of [admin, manager, ...desks]) desk.agent.destroy();
  }
}

async function newDesk(server: TeamServer, name: string): Promise<Desk> {
  // As a browser: at most 6 connections to one host; more requests wait for one (and that wait is
  // part of the time measured, as on a desk).
  const agent = await pinnedAgent(server.origin, server.fingerprint, { maxSockets: 6 });
  return new Desk(name, pinnedSend(server.origin, agent, server.host), agent);
}

async function timedLookup(desk: Desk, query: { shape: string; q: string }): Promise<Sample> {
  const started = performance.now();
  let ok = false;
  try {
    ok = (await desk.call("people.search", { q: query.q })).ok;
  } catch {
    // Timed out or the connection failed: counted as refused, the bench goes on.
  }
  return { shape: query.shape, at: started, ms: performance.now() - started, ok };
}

/** Each desk sends on its own clock (5 per second, offset from the others), answer or not. */
async function openLoop(desks: Desk[], queries: { shape: string; q: string }[], durationMs: number): Promise<Sample[]> {
  const intervalMs = 1000 / LOOKUPS_PER_DESK_PER_SECOND;
  const perDesk = Math.floor(durationMs / intervalMs);
  const started = performance.now();
  let next = 0;
  const runs = desks.map(async (desk, d) => {
    const pending: Promise<Sample>[] = [];
    for (let i = 0; i < perDesk; i++) {
      const at = started + (d / desks.length) * intervalMs + i * intervalMs;
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(timedLookup(desk, queries[next++ % queries.length]!));
    }
    return Promise.all(pending);
  });
  return (await Promise.all(runs)).flat();
}

/** Each desk sends its next lookup when the previous answer came; bounded by time and by count. */
async function closedLoop(desks: Desk[], queries: { shape: string; q: string }[], durationMs: number, maxRequests: number): Promise<Sample[]> {
  const until = performance.now() + durationMs;
  const samples: Sample[] = [];
  let next = 0;
  await Promise.all(
    desks.map(async (desk) => {
      while (performance.now() < until && next < maxRequests) samples.push(await timedLookup(desk, queries[next++ % queries.length]!));
    }),
  );
  return samples;
}

/**
 * The manager exports every person to CSV, again as soon as one ends, until the phase ends. A
 * refusal or a request without an answer is recorded, not thrown: the desks' figures still count.
 */
async function exportLoop(manager: Desk, durationMs: number, log: Log) {
  const until = Date.now() + durationMs;
  const runs: { status: string; rows: number; seconds: number; startAnsweredMs?: number; error?: string }[] = [];
  while (Date.now() < until && runs.length < 20) {
    const started = Date.now();
    let job: { id: string; status: string; done: number; total: number } | undefined;
    try {
      job = await manager.value<{ id: string; status: string; done: number; total: number }>("exports.start", { recordSet: "people", format: "csv" });
      const startAnsweredMs = Date.now() - started;
      while (job.status === "running" && Date.now() < until) {
        await sleep(250);
        job = await manager.value<{ id: string; status: string; done: number; total: number }>("exports.progress", { id: job.id });
      }
      if (job.status === "running") job = await manager.value<{ id: string; status: string; done: number; total: number }>("exports.cancel", { id: job.id });
      runs.push({ status: job.status, rows: job.done, seconds: round((Date.now() - started) / 1000), startAnsweredMs });
      log(`    export ${job.status}: ${job.done.toLocaleString("en")} of ${job.total.toLocaleString("en")} rows in ${round((Date.now() - started) / 1000)} s`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      runs.push({ status: "error", rows: job?.done ?? 0, seconds: round((Date.now() - started) / 1000), error: message });
      log(`    export: ${message}`);
      // The job may still run on the server: ask it to stop (bounded like every request).
      if (job) await manager.call("exports.cancel", { id: job.id }).catch(() => undefined);
    }
  }
  return runs;
}

interface Event {
  seq: number;
  entity: string;
  id: number | string | null;
  op: string;
}

/**
 * Desk B waits in `events.wait` as a screen does; desk A saves a person (alternating two first
 * names, one save every 200 ms); the time from A's request leaving to B having read the card
 * again with A's version. A change B has not seen within 5 s is counted as missed.
 */
async function changeVisibility(deskA: Desk, deskB: Desk, log: Log) {
  const hit = (await deskA.value<{ personId: number }[]>("people.search", { q: "Müller" }))[0] ?? (await deskA.value<{ personId: number }[]>("people.search", { q: "Martin" }))[0];
  if (!hit) throw new Error("no person to change");
  const person = { id: hit.personId };
  const ms: number[] = [];
  const eventMs: number[] = [];
  let missed = 0;
  // 0: "from now". B's first wait is held until the priming save below, which tells B where the
  // stream stands; the measured saves start once it has.
  let after = 0;
  let stopped = false;
  const seen = new Map<number, (at: number) => void>();
  // B's screen: wait, and on an event about the person, read the card; bounded by the phase.
  // Its failure (a server without events.wait) ends the phase with that error.
  let listenFailure: unknown;
  const listening = (async () => {
    const until = Date.now() + CHANGES * 1_000 + 30_000;
    while (!stopped && Date.now() < until) {
      const answer = await deskB.value<{ seq: number; events: Event[]; reset?: boolean }>("events.wait", { after }, WAIT_TIMEOUT_MS);
      after = answer.seq;
      const eventAt = performance.now();
      if (!answer.reset && !answer.events.some((e) => e.id === person.id && e.entity === "person")) continue;
      const card = await deskB.value<{ version: number }>("people.get", { id: person.id });
      seen.get(card.version)?.(eventAt);
    }
  })().catch((error: unknown) => {
    listenFailure = error;
  });
  let version = (await deskA.value<{ version: number }>("people.get", { id: person.id })).version;
  for (let primed = Date.now() + 10_000; after === 0 && listenFailure === undefined && Date.now() < primed; ) {
    version = (await deskA.value<{ version: number }>("people.update", { id: person.id, version, firstName: "Bench" })).version;
    await sleep(500);
  }
  if (listenFailure !== undefined) throw listenFailure;
  for (let i = 0; i < CHANGES; i++) {
    const sent = performance.now();
    const shown = new Promise<{ eventAt: number; shownAt: number } | null>((done) => {
      const timer = setTimeout(() => done(null), 5_000);
      seen.set(version + 1, (eventAt) => {
        clearTimeout(timer);
        done({ eventAt, shownAt: performance.now() });
      });
    });
    const saved = await deskA.value<{ version: number }>("people.update", { id: person.id, version, firstName: i % 2 === 0 ? "Bench-A" : "Bench-B" });
    version = saved.version;
    const outcome = await shown;
    if (outcome) {
      ms.push(outcome.shownAt - sent);
      eventMs.push(outcome.eventAt - sent);
    } else missed++;
    if ((i + 1) % 10 === 0) log(`    ${i + 1}/${CHANGES} changes`);
    await sleep(200);
  }
  stopped = true;
  // B's last wait ends with the next event or its 25 s: one more save lets it go at once.
  await deskA.call("people.update", { id: person.id, version, firstName: "Bench" });
  await listening;
  return { ms, eventMs, missed };
}

function byShape(samples: Sample[]) {
  const groups = new Map<string, number[]>();
  for (const s of samples) groups.set(s.shape, [...(groups.get(s.shape) ?? []), s.ms]);
  return Object.fromEntries([...groups].map(([shape, times]) => [shape, { n: times.length, ...percentiles(times) }]));
}

/** The lookups sent in each `stepMs` of the phase: how many, how many answered, their p50 and max. */
function timeline(samples: Sample[], stepMs: number) {
  if (samples.length === 0) return [];
  const start = Math.min(...samples.map((s) => s.at));
  const steps = new Map<number, Sample[]>();
  for (const s of samples) {
    const step = Math.floor((s.at - start) / stepMs);
    steps.set(step, [...(steps.get(step) ?? []), s]);
  }
  return [...steps].sort(([a], [b]) => a - b).map(([step, group]) => {
    const ok = group.filter((s) => s.ok).map((s) => s.ms);
    return { fromSecond: (step * stepMs) / 1000, sent: group.length, answered: ok.length, p50Ms: ok.length ? percentiles(ok).p50 : null, maxMs: ok.length ? round(Math.max(...ok)) : null };
  });
}

interface PgBenchClone {
  name: string;
  /** A login of the app's everyday role only, as a server is given (`--database`). */
  appUrl: string;
  /** BENCH_PG_URL's role on the clone: it created it, so it owns it (`--database-owner`). */
  ownerUrl: string;
  drop(): Promise<void>;
}

/** A copy of `jetinfo_bench_<people>` for one run (a file copy inside PostgreSQL), and a login for the server. */
async function clonePgBenchDatabase(log: Log): Promise<PgBenchClone> {
  const adminUrl = process.env.BENCH_PG_URL;
  if (!adminUrl) throw new Error("team --engine pg: BENCH_PG_URL must name a PostgreSQL server and a role that may create databases and roles");
  const source = `jetinfo_bench_${Number(process.env.BENCH_PEOPLE ?? 1_000_000)}`;
  const suffix = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const name = `jetinfo_bench_team_${suffix}`;
  const login = `jetinfo_bench_login_${suffix}`;
  const password = randomBytes(12).toString("hex");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const started = performance.now();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
    log(`  ${source} cloned into ${name} in ${round((performance.now() - started) / 1000)} s`);
    await admin.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE jetinfo_crm_app`);
  } finally {
    await admin.end();
  }
  const at = (database: string, user?: { name: string; password: string }) => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    if (user) {
      url.username = user.name;
      url.password = user.password;
    }
    return url.toString();
  };
  return {
    name,
    appUrl: at(name, { name: login, password }),
    ownerUrl: at(name),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.query(`DROP ROLE IF EXISTS ${login}`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * ERASURES erasures, each of a person an agent creates (two numbers, an email, three logged calls)
 * with a verified request, erased by the manager: the erasure's answer timed, then its clean-up
 * until privacy.erasureStatus says done (bounded: 30 s each).
 */
async function erasureTimes(agent: Desk, manager: Desk, log: Log) {
  const commitMs: number[] = [];
  const cleanupMs: number[] = [];
  const failures: string[] = [];
  let cleanup = "unknown";
  // A name takes letters only: the run and the erasure's number spelt in letters.
  const letters = (n: number): string => (n < 26 ? "" : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));
  const suffix = Date.now().toString(36);
  for (let n = 0; n < ERASURES; n++) {
    const lastName = `Effacé-${letters(Date.now() % 100_000)}-${letters(n)}`;
    const person = await agent.value<{ id: number }>("people.create", {
      firstName: "Bench",
      lastName,
      phones: [{ number: `+41 79 ${String(300 + n)} ${String(10 + (n % 90))} 00` }, { number: `022 ${String(300 + n)} 11 ${String(10 + (n % 90))}` }],
      emails: [{ email: `erase.${suffix}.${n}@example.ch` }],
    });
    for (let i = 0; i < 3; i++) await agent.value("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: `Appel ${i}` });
    const request = await agent.value<{ id: number }>("privacy.requests.create", { personId: person.id, kind: "erasure", channel: "phone" });
    await agent.value("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" });
    const started = performance.now();
    const erased = await manager.call("privacy.erase", { requestId: request.id, confirmLastName: lastName });
    const answered = performance.now();
    if (!erased.ok) {
      failures.push(`${erased.error.code} ${erased.error.message}`);
      continue;
    }
    commitMs.push(round(answered - started, 2));
    cleanup = (erased.value as { cleanup: string }).cleanup;
    let status = erased.value as { done: boolean; vacuumFailed?: string };
    while (!status.done && !status.vacuumFailed && performance.now() - answered < 30_000) {
      await sleep(20);
      status = await manager.value<{ done: boolean; vacuumFailed?: string }>("privacy.erasureStatus", { requestId: request.id });
    }
    if (status.done) cleanupMs.push(round(performance.now() - answered));
    else failures.push(`clean-up of request ${request.id}: ${status.vacuumFailed ?? "not done after 30 s"}`);
  }
  log(`    commit ${JSON.stringify(commitMs.length ? percentiles(commitMs) : null)} ms, ${cleanup} ${JSON.stringify(cleanupMs.length ? percentiles(cleanupMs) : null)} ms`);
  return { commitMs, cleanupMs, cleanup, failures };
}

