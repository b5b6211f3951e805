import { createHmac } from "node:crypto";
import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { formatPhone } from "../../common/phone";
import type { Db } from "../../db/open";
import { createDispatcher, type Dispatch } from "../../electron/api/dispatcher";
import type { Operation } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";
import { SessionStore } from "../../electron/api/sessions";
import { defaultPoolSize, WorkerPool } from "../../electron/workers/pool";
import { percentiles } from "./measure";

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const load = () => loadavg().map((l) => round(l, 2));

/** The figure: `audit.verify` blocked the process 3.7 s per 300,000 entries. */
const AUDIT_ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 300_000);
/** A desk typing: one lookup every 20 ms (50 per second), for this long per scenario. */
const LOOKUP_INTERVAL_MS = 20;
const WINDOW_MS = Number(process.env.BENCH_HEAVY_WINDOW_MS ?? 10_000);

/**
 * Brings the bench database's audit log up to `entries` (cached with the database): the same keyed
 * chain appendAudit writes, with one prepared statement (appendAudit's query per entry would take
 * minutes).
 */
function growAuditLog(db: Db, entries: number, log: (m: string) => void): number {
  const count = db.sqlite.prepare("SELECT count(*) FROM audit_log").pluck().get() as number;
  if (count >= entries) return count;
  log(`  adding ${(entries - count).toLocaleString("en")} audit entries…`);
  const last = (db.sqlite.prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined) ?? "0".repeat(64);
  const userId = db.sqlite.prepare("SELECT id FROM users ORDER BY id LIMIT 1").pluck().get() as number;
  const insert = db.sqlite.prepare("INSERT INTO audit_log (at, user_id, operation, entity_type, entity_id, fields, prev_hash, hash) VALUES (?, ?, 'people.get', 'person', ?, '[\"person\"]', ?, ?)");
  const at = Date.now() - 86_400_000;
  db.sqlite.transaction(() => {
    let prevHash = last;
    for (let i = count; i < entries; i++) {
      const content = JSON.stringify([at + i, userId, "people.get", "person", String(i), '["person"]']);
      const hash = createHmac("sha256", db.auditKey.secret).update(prevHash).update("\n").update(content).digest("hex");
      insert.run(at + i, userId, String(i), prevHash, hash);
      prevHash = hash;
    }
  })();
  db.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return entries;
}

/**
 * Lookups at a desk's pace for WINDOW_MS while `heavy` (if any) runs back to back. Each lookup's
 * time is counted from when it was due, not from when it could be sent: a lookup due while the
 * thread was held waited all that time (a closed loop timed from the send would hide it).
 */
async function lookupsDuring(dispatch: Dispatch, sessionId: string, queries: string[], heavy?: () => Promise<unknown>) {
  const heavyMs: number[] = [];
  let stop = false;
  const heavyLoop = (async () => {
    while (heavy && !stop) {
      // The next request comes from a socket, a turn of the event loop later: without this, a
      // job run in this thread would follow the previous one at once and the timers never fire.
      await new Promise((resolve) => setImmediate(resolve));
      const started = performance.now();
      const answer = (await heavy()) as { ok: boolean; error?: { message: string } };
      if (!answer.ok) throw new Error(answer.error!.message);
      heavyMs.push(performance.now() - started);
    }
  })();
  // The heavy job has been handed over (or, in this thread, has already run) before the first lookup.
  await sleep(1);
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; ; i++) {
    const due = start + i * LOOKUP_INTERVAL_MS;
    if (due > start + WINDOW_MS) break;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const answer = await dispatch("people.search", { q: queries[i % queries.length] }, { sessionId });
    if (!answer.ok) throw new Error(answer.error.message);
    samples.push(performance.now() - due);
  }
  stop = true;
  await heavyLoop;
  const ms = percentiles(samples);
  return {
    lookups: samples.length,
    lookupMs: { ...ms, max: round(Math.max(...samples), 1) },
    ...(heavy ? { heavyRuns: heavyMs.length, heavyMedianMs: round(percentiles(heavyMs).p50, 0) } : {}),
    load: load(),
  };
}

/**
 * `npm run bench -- heavy`: caller lookups through the dispatcher (50 per second, phone numbers and
 * surnames) while `audit.verify` walks a 300,000-entry log, and while `exports.preview` counts the
 * million people, back to back — with the heavy work in the worker pool (as the host runs it) and,
 * beside it, in the main thread (as before issue 15, and as a bare dispatcher still runs it), with
 * idle figures for both. Printed, not judged: the machine's other load moves the absolute figures.
 */
export async function benchHeavy(db: Db, username: string, password: string, log: (m: string) => void) {
  const entries = growAuditLog(db, AUDIT_ENTRIES, log);
  const sessions = new SessionStore();
  const workers = new WorkerPool({ db: () => db });
  const pooled = createDispatcher(registry as unknown as Record<string, Operation>, { db, sessions, workers });
  const inThread = createDispatcher(registry as unknown as Record<string, Operation>, { db, sessions });
  const login = await pooled.dispatch("session.login", { username, password });
  if (!login.ok) throw new Error(login.error.message);
  const sessionId = (login.value as { sessionId: string }).sessionId;

  const people = db.sqlite
    .prepare("SELECT p.last_name AS last, (SELECT e164 FROM phones WHERE person_id = p.id ORDER BY id LIMIT 1) AS e164 FROM people p WHERE p.id % 4999 = 7 LIMIT 100")
    .all() as { last: string; e164: string | null }[];
  const queries = people.flatMap((p) => [p.last, ...(p.e164 ? [formatPhone(p.e164)] : [])]);

  const preview = { recordSet: "people" } as const;
  const results: Record<string, unknown> = { auditEntries: entries, poolThreads: defaultPoolSize(), lookupsPerSecond: 1000 / LOOKUP_INTERVAL_MS, windowSeconds: WINDOW_MS / 1000 };
  try {
    // Warm-up: the worker thread started, statements and pages cached, on both paths.
    for (const d of [pooled, inThread]) {
      await d.dispatch("exports.preview", preview, { sessionId });
      for (const q of queries.slice(0, 50)) await d.dispatch("people.search", { q }, { sessionId });
    }
    for (const [mode, d] of [
      ["workerPool", pooled],
      ["mainThread", inThread],
    ] as const) {
      log(`  ${mode}: idle… (load ${load().join(" ")})`);
      const idle = await lookupsDuring(d.dispatch, sessionId, queries);
      log(`  ${mode}: during audit.verify…`);
      const duringVerify = await lookupsDuring(d.dispatch, sessionId, queries, () => d.dispatch("audit.verify", {}, { sessionId }));
      log(`  ${mode}: during exports.preview…`);
      const duringPreview = await lookupsDuring(d.dispatch, sessionId, queries, () => d.dispatch("exports.preview", preview, { sessionId }));
      results[mode] = { idle, duringVerify, duringPreview };
    }
  } finally {
    await workers.close();
  }
  return results;
}
