// `npm run bench`: latency of the hot paths on a generated database of 1,000,000 Swiss people and
// 500,000 error reports — through the real dispatcher and as raw better-sqlite3 statements,
// printed as JSON (figures on stdout, progress on stderr). Budgets are printed next to the
// figures; nothing here asserts.
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "../../db/open";
import { createDispatcher } from "../../electron/api/dispatcher";
import type { Operation } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";
import { countUsersSync, createUserSync } from "../../db/users";
import { MIGRATIONS_DIR } from "../fixtures/database";
import { generatePeople } from "../fixtures/people-generator";
import { generateReports } from "../fixtures/reports-generator";
import { benchLookup } from "./lookup";
import { benchQueue } from "./queue";
import { benchExport } from "./export";
import { benchErasure } from "./erasure";
import { benchSoak } from "./soak";
import { benchLogin } from "./login";
import { benchUiLookup } from "./ui";
import { benchHeavy } from "./heavy";
import { benchTeam, type TeamEngine } from "./team";
import { preparePgBenchDatabase } from "./pg-copy";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? PEOPLE / 2);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1000);
const PASSWORD = "bench-password-1";
const dir = join(import.meta.dirname, "..", "..", ".cache", "bench");
const file = join(dir, `people-${PEOPLE}.sqlite`);
const log = (message: string) => process.stderr.write(`${message}\n`);
// `npm run bench -- export` (or lookup, queue, login) runs only the benches named; none named: all of them
// except `soak` (generated input and SIGKILL trials, on a database of its own), `ui` (builds the
// app and drives Chromium for minutes: a figure to take on a quiet machine), `heavy` (lookups
// while audit verification and export previews run, for a minute; it grows the cached database's
// audit log to 300,000 entries) and `team` (builds the team server and runs it on a copy of the
// database) and `pg-copy` (copies the database into PostgreSQL for the team bench on that engine:
// BENCH_PG_URL), which run only when named.
// `--engine sqlite|pg|both` goes to the team bench (team.ts); the other arguments name benches.
const engineAt = process.argv.indexOf("--engine");
const teamEngine = (engineAt >= 0 ? process.argv[engineAt + 1] : "sqlite") as TeamEngine;
if (!["sqlite", "pg", "both"].includes(teamEngine)) throw new Error(`--engine must be sqlite, pg or both, not ${teamEngine}`);
const only = new Set(process.argv.slice(2).filter((_arg, i) => engineAt < 0 || (i + 2 !== engineAt && i + 2 !== engineAt + 1)));
const ONLY_WHEN_NAMED = new Set(["soak", "ui", "heavy", "team", "pg-copy"]);
const wanted = (name: string) => (only.size === 0 && !ONLY_WHEN_NAMED.has(name)) || only.has(name);

/** Generation is slow (minutes): the database is cached and only what is missing is added. */
function prepareDatabase(): Db {
  mkdirSync(dir, { recursive: true });
  let db: Db | undefined;
  if (existsSync(file)) {
    // Applies any newer migration; an error (another bench upgrading it) stops here rather than
    // throwing away an hour of generated data.
    db = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
    if (db.sqlite.prepare("SELECT count(*) FROM people").pluck().get() !== PEOPLE) {
      db.close();
      db = undefined;
    }
    if (!db) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }
  db ??= openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
  // The bench's staff: an admin to log in with, support users to assign reports to.
  if (countUsersSync(db) === 0) createUserSync(db, { username: "bench", displayName: "Bench", role: "admin", password: PASSWORD }, Date.now());
  if (!db.sqlite.prepare("SELECT 1 FROM users WHERE role = 'support'").get()) {
    for (let i = 1; i <= 5; i++) createUserSync(db, { username: `support${i}`, displayName: `Support ${i}`, role: "support", password: PASSWORD }, Date.now());
  }
  db.sqlite.pragma("synchronous = OFF"); // generation only; the app never runs like this
  const started = Date.now();
  const progress = (what: string) => (n: number) => n % 100_000 === 0 && log(`  ${what} ${n.toLocaleString("en")} (${Math.round((Date.now() - started) / 1000)} s)`);
  let generated = false;
  if ((db.sqlite.prepare("SELECT count(*) FROM people").pluck().get() as number) === 0) {
    generated = true;
    log(`generating ${PEOPLE.toLocaleString("en")} people into ${file} (cached for next runs)…`);
    generatePeople(db, { people: PEOPLE, seed: 2026, interactionsPerPerson: 0.5, onProgress: progress("people") });
  }
  if ((db.sqlite.prepare("SELECT count(*) FROM error_reports").pluck().get() as number) < REPORTS) {
    generated = true;
    log(`generating ${REPORTS.toLocaleString("en")} error reports…`);
    const assigneeIds = db.sqlite.prepare("SELECT id FROM users WHERE role = 'support'").pluck().all() as number[];
    generateReports(db, { reports: REPORTS, seed: 2026, assigneeIds, onProgress: progress("reports") });
  }
  db.sqlite.pragma("synchronous = FULL");
  if (generated) db.sqlite.exec("ANALYZE");
  rmSync(join(dir, "backups"), { recursive: true, force: true }); // copies taken before a schema upgrade
  db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return db;
}

async function main() {
  if (only.has("soak")) {
    log("soak: generated input for every operation, then SIGKILL trials…");
    console.log(JSON.stringify({ soak: await benchSoak(log) }, null, 2));
    only.delete("soak");
    if (only.size === 0) return;
  }
  if (only.has("team")) {
    // On a copy of the cached database (BENCH_TEAM_DATABASE: another one), in a server of its own.
    log("team server: desks over HTTPS…");
    console.log(JSON.stringify({ loadAverage: loadavg().map((l) => Math.round(l * 100) / 100), team: await benchTeam(log, teamEngine) }, null, 2));
    only.delete("team");
    if (only.size === 0) return;
  }
  if (only.has("pg-copy")) {
    const adminUrl = process.env.BENCH_PG_URL;
    if (!adminUrl) throw new Error("pg-copy: BENCH_PG_URL must name a PostgreSQL server and a role that may create databases");
    prepareDatabase().close();
    const { url, copy } = await preparePgBenchDatabase(file, PEOPLE, adminUrl, log);
    console.log(JSON.stringify({ people: PEOPLE, database: new URL(url).pathname.slice(1), copy }, null, 2));
    only.delete("pg-copy");
    if (only.size === 0) return;
  }
  // The login bench needs no generated data: it runs on its own scratch database.
  const loginTimes = wanted("login") ? await benchLogin(Number(process.env.BENCH_LOGIN_ROUNDS ?? 20)) : undefined;
  if (only.size === 1 && loginTimes) {
    console.log(JSON.stringify({ node: process.version, login: loginTimes }, null, 2));
    return;
  }
  const db = prepareDatabase();
  const { dispatch } = createDispatcher(registry as unknown as Record<string, Operation>, { db });
  const login = await dispatch("session.login", { username: "bench", password: PASSWORD });
  if (!login.ok) throw new Error(`bench login failed: ${login.error.message}`);
  const sessionId = (login.value as { sessionId: string }).sessionId;
  await dispatch("settings.update", { "session.idleMinutes": 240 }, { sessionId });

  log("lookup…");
  const lookup = wanted("lookup") ? await benchLookup(db, dispatch, sessionId, ITERATIONS) : undefined;
  if (wanted("ui")) log("lookup in Chromium…");
  const uiLookup = wanted("ui")
    ? await benchUiLookup({ db, dispatch, username: "bench", password: PASSWORD, queries: Number(process.env.BENCH_UI_QUERIES ?? 70), log })
    : undefined;
  log("support queue…");
  const queue = wanted("queue") ? await benchQueue(db, dispatch, sessionId, Math.max(50, Math.round(ITERATIONS / 5))) : undefined;
  log("erasure…");
  const erasure = wanted("erasure") ? await benchErasure(db, dispatch, Math.max(20, Math.round(ITERATIONS / 20))) : undefined;
  log("exports and dashboard…");
  const exportsAndDashboard = wanted("export") ? await benchExport(db, dispatch, sessionId, Math.max(50, Math.round(ITERATIONS / 5))) : undefined;

  if (wanted("heavy")) log("lookups while heavy reads run…");
  const heavyReads = wanted("heavy") ? await benchHeavy(db, "bench", PASSWORD, log) : undefined;

  const sizes = Object.fromEntries(
    (db.sqlite.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name").all() as { name: string; bytes: number }[]).map((r) => [r.name, r.bytes]),
  );
  const tables = new Set(db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const indexBytes = Object.entries(sizes).filter(([name]) => !tables.has(name) || name.includes("_fts")).reduce((sum, [, b]) => sum + b, 0);
  console.log(
    JSON.stringify(
      {
        people: PEOPLE,
        reports: db.sqlite.prepare("SELECT count(*) FROM error_reports").pluck().get(),
        iterations: ITERATIONS,
        node: process.version,
        // The team server's young generation (package.json's bench and server scripts): see ARCHITECTURE.md.
        nodeFlags: process.execArgv.filter((flag) => flag.startsWith("--max-semi-space-size")),
        loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
        databaseBytes: statSync(file).size,
        indexAndFtsBytes: indexBytes,
        peopleFtsBytes: Object.entries(sizes).filter(([n]) => n.startsWith("people_fts")).reduce((s, [, b]) => s + b, 0),
        lookup,
        uiLookup,
        queue,
        exportsAndDashboard,
        erasure,
        heavyReads,
        login: loginTimes,
      },
      null,
      2,
    ),
  );
  db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
