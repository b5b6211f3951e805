// `npm run bench`: caller-lookup latency on a generated database of 1,000,000 Swiss people,
// through the real dispatcher and as raw better-sqlite3 statements, printed as JSON.
// Figures, not assertions: budgets are printed next to them.
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { faker } from "@faker-js/faker";
import { openDatabase } from "../../db/open";
import { formatPhone, reversedDigits } from "../../db/phones";
import { e164Prefix, ftsQuery, SEARCH_SQL } from "../../db/search";
import { createDispatcher } from "../../electron/api/dispatcher";
import type { Operation } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";
import { MIGRATIONS_DIR } from "../fixtures/database";
import { generatePeople } from "../fixtures/people-generator";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1000);
const dir = join(import.meta.dirname, "..", "..", ".cache", "bench");
const file = join(dir, `people-${PEOPLE}.sqlite`);

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function prepareDatabase() {
  mkdirSync(dir, { recursive: true });
  if (existsSync(file)) {
    try {
      const db = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
      const count = db.sqlite.prepare("SELECT count(*) FROM people").pluck().get();
      // Opening applied any newer migrations; the generated people are still good.
      if (count === PEOPLE) return db;
      db.close();
    } catch {
      /* stale cache: regenerate */
    }
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    rmSync(join(dir, "backups"), { recursive: true, force: true });
  }
  log(`generating ${PEOPLE.toLocaleString("en")} people into ${file} (cached for next runs)…`);
  const db = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
  db.sqlite.pragma("synchronous = OFF"); // generation only; the app never runs like this
  const started = Date.now();
  generatePeople(db, { people: PEOPLE, seed: 2026, interactionsPerPerson: 0.5, onProgress: (n) => n % 100_000 === 0 && log(`  ${n.toLocaleString("en")} (${Math.round((Date.now() - started) / 1000)} s)`) });
  db.sqlite.pragma("synchronous = FULL");
  db.sqlite.exec("ANALYZE");
  db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  log(`generated in ${Math.round((Date.now() - started) / 1000)} s`);
  return db;
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)) };
}
const round = (ms: number) => Math.round(ms * 1000) / 1000;

async function main() {
  const db = prepareDatabase();
  const dispatcher = createDispatcher(registry as unknown as Record<string, Operation>, { db });
  const username = "bench";
  if (!db.sqlite.prepare("SELECT 1 FROM users WHERE username = ?").get(username)) {
    await dispatcher.dispatch("setup.createAdmin", { username, displayName: "Bench", password: "bench-password-1" }).catch(() => undefined);
  }
  const login = await dispatcher.dispatch("session.login", { username, password: "bench-password-1" });
  if (!login.ok) throw new Error(`bench login failed: ${login.error.message}`);
  const sessionId = (login.value as { sessionId: string }).sessionId;

  // Real values to look for, drawn from the data with a fixed seed.
  faker.seed(7);
  const maxId = db.sqlite.prepare("SELECT max(id) FROM people").pluck().get() as number;
  const sample = Array.from({ length: 200 }, () => faker.number.int({ min: 1, max: maxId }));
  const person = db.sqlite.prepare(
    `SELECT p.first_name AS first, p.last_name AS last, (SELECT e164 FROM phones WHERE person_id = p.id ORDER BY id LIMIT 1) AS e164,
            (SELECT email FROM emails WHERE person_id = p.id LIMIT 1) AS email, c.name AS company
     FROM people p LEFT JOIN companies c ON c.id = p.company_id WHERE p.id = ?`,
  );
  const people = sample.map((id) => person.get(id) as { first: string; last: string; e164: string; email: string | null; company: string | null });
  const spaced = (e164: string) => formatPhone(e164); // "022 735 33 92"
  const shapes: Record<string, string[]> = {
    "phone: 022 735 33 92": people.map((p) => spaced(p.e164)),
    "phone: +41 22 735 33 92": people.map((p) => `+41 ${spaced(p.e164).slice(1)}`),
    "phone: 0041227353392": people.map((p) => `00${p.e164.slice(1)}`),
    "phone: +41 (0)22 735 33 92": people.map((p) => `+41 (0)${spaced(p.e164).slice(1)}`),
    "phone: +41227353392": people.map((p) => p.e164),
    "trailing digits (7)": people.map((p) => p.e164.slice(-7)),
    "full name": people.map((p) => `${p.first} ${p.last}`),
    "3-letter prefix": people.map((p) => p.last.slice(0, 3)),
    "two words (last first)": people.map((p) => `${p.last} ${p.first.slice(0, 4)}`),
    "email part": people.filter((p) => p.email).map((p) => p.email!.split("@")[0]! + "@"),
    company: people.filter((p) => p.company).map((p) => p.company!.split(/\s+/)[0]!),
  };

  // The same SQL the lookup runs for a shape (candidates, then the rows shown), without the dispatcher.
  const raw = {
    phonePrefix: db.sqlite.prepare(SEARCH_SQL.phonePrefix),
    trailing: db.sqlite.prepare(SEARCH_SQL.trailingDigits).pluck(),
    email: db.sqlite.prepare(SEARCH_SQL.emailPrefix),
    text: db.sqlite.prepare(SEARCH_SQL.text).pluck(),
    rows: db.sqlite.prepare(SEARCH_SQL.rows),
  };
  const rawQuery = (q: string) => {
    let ids: number[] = [];
    const prefix = /^[+\d][\d\s()./-]*$/.test(q) ? e164Prefix(q) : null;
    if (prefix) ids = (raw.phonePrefix.all(prefix, prefix + ":") as { id: number }[]).map((r) => r.id);
    else if (/^\d+$/.test(q)) ids = raw.trailing.all(reversedDigits(q), reversedDigits(q) + ":") as number[];
    else {
      if (q.includes("@")) ids = (raw.email.all(q.toLowerCase(), q.toLowerCase() + "\uffff") as { id: number }[]).map((r) => r.id);
      const match = ftsQuery(q);
      if (match) ids = ids.concat(raw.text.all(match, 20) as number[]);
    }
    return raw.rows.all(JSON.stringify(ids.slice(0, 20)));
  };

  const results: Record<string, unknown>[] = [];
  for (const [shape, queries] of Object.entries(shapes)) {
    // Sanity: the shape finds something, so we time real work.
    const check = await dispatcher.dispatch("people.search", { q: queries[0] }, { sessionId });
    const found = check.ok ? (check.value as unknown[]).length : -1;
    for (let i = 0; i < 50; i++) rawQuery(queries[i % queries.length]!); // warm-up
    const viaDispatcher: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const q = queries[i % queries.length]!;
      let t = process.hrtime.bigint();
      await dispatcher.dispatch("people.search", { q }, { sessionId });
      viaDispatcher.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      rawQuery(q);
      direct.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const d = percentiles(viaDispatcher);
    const r = percentiles(direct);
    const isPhone = shape.startsWith("phone");
    results.push({
      shape,
      example: queries[0],
      hitsForExample: found,
      dispatcherMs: d,
      rawMs: r,
      ratioP99: round(d.p99 / r.p99),
      budget: isPhone ? "p99 ≤ 2 ms" : "p99 ≤ 10 ms, ≤ 2× raw",
      withinBudget: d.p99 <= (isPhone ? 2 : 10) && (isPhone || d.p99 <= 2 * r.p99),
    });
  }

  let sizes: Record<string, number> = {};
  try {
    sizes = Object.fromEntries(
      (db.sqlite.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC").all() as { name: string; bytes: number }[]).map((r) => [r.name, r.bytes]),
    );
  } catch {
    /* dbstat not compiled in */
  }
  const indexBytes = Object.entries(sizes)
    .filter(([name]) => name.startsWith("people_fts") || /^(sqlite_autoindex|phones_|emails_|people_|addresses_|companies_|interactions_|audit_log_|person_history_|users_)/.test(name))
    .reduce((sum, [, b]) => sum + b, 0);
  console.log(
    JSON.stringify(
      {
        people: PEOPLE,
        iterations: ITERATIONS,
        node: process.version,
        databaseBytes: statSync(file).size,
        indexBytes,
        ftsBytes: Object.entries(sizes).filter(([n]) => n.startsWith("people_fts")).reduce((s, [, b]) => s + b, 0),
        shapes: results,
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
