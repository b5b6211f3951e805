import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardSummary } from "../../db/dashboard";
import { openDatabase, type Db } from "../../db/open";
import { TRANSITIONS } from "../../db/reports";
import { DATABASE_FILE } from "../../electron/host";
import { MIGRATIONS_DIR, openTestDb, scratchDir } from "../fixtures/database";
import { seedDemo } from "../fixtures/demo";
import { SUMMARIES } from "../fixtures/interaction-summaries";
import { generatePeople } from "../fixtures/people-generator";
import { POSTCODE_LOCALITY_PAIRS, SWISS_LOCALITIES } from "../fixtures/swiss-addresses";
import type { ReportStatus } from "../../common/enums";

// The demo database as `npm run demo` builds it, on a fixed clock.
const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const scratch = scratchDir();
let db: Db;
beforeAll(async () => {
  await seedDemo(scratch.dir, { people: 600, now: NOW });
  db = openDatabase(join(scratch.dir, DATABASE_FILE), { migrationsDir: MIGRATIONS_DIR });
}, 120_000);
afterAll(() => {
  db?.close();
  scratch.remove();
});

const all = <T>(sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).all(...params) as T[];

describe("the demo database", () => {
  it("has training requests in every status, each logged as a call", () => {
    const byStatus = Object.fromEntries(all<{ status: string; n: number }>("SELECT status, count(*) AS n FROM training_requests GROUP BY status").map((r) => [r.status, r.n]));
    for (const status of ["requested", "contacted", "scheduled", "confirmed", "completed", "cancelled"]) expect(byStatus[status], status).toBeGreaterThan(0);
    // A request holding a seat has a session of its course; no session is overbooked.
    const seats = all<{ capacity: number; taken: number }>(
      `SELECT s.capacity, sum(r.participants) AS taken FROM training_requests r JOIN training_sessions s ON s.id = r.session_id
       WHERE r.status IN ('scheduled', 'confirmed', 'completed') GROUP BY s.id`,
    );
    expect(seats.length).toBeGreaterThan(0);
    for (const s of seats) expect(s.taken).toBeLessThanOrEqual(s.capacity);
    const requests = db.sqlite.prepare("SELECT count(*) FROM training_requests").pluck().get() as number;
    const trainingCalls = db.sqlite.prepare("SELECT count(*) FROM interactions i JOIN training_requests r ON r.person_id = i.person_id AND r.created_at = i.at WHERE i.purpose = 'training'").pluck().get() as number;
    expect(trainingCalls).toBeGreaterThanOrEqual(requests);
  });

  it("has reports resolved in the last weeks, each history following the workflow", async () => {
    const summary = await db.engine.transaction("read", (tx) => dashboardSummary(tx, NOW));
    expect(summary.weekly.reduce((n, w) => n + w.resolved, 0)).toBeGreaterThan(10);
    expect(summary.weekly.filter((w) => w.resolved > 0).length).toBeGreaterThan(6);
    expect(summary.training.every((t) => t.count > 0)).toBe(true);
    // Calls on the working days of the last 30 (the call centre is closed at weekends).
    expect(summary.calls.filter((d) => d.total > 0).length).toBeGreaterThan(18);

    const reports = all<{ id: number; status: ReportStatus; createdAt: number; updatedAt: number; resolution: string }>(
      "SELECT id, status, created_at AS createdAt, updated_at AS updatedAt, resolution FROM error_reports",
    );
    const events = all<{ reportId: number; at: number; kind: string; from: ReportStatus | null; to: ReportStatus | null }>(
      "SELECT report_id AS reportId, at, kind, from_status AS [from], to_status AS [to] FROM error_report_events ORDER BY report_id, at, id",
    );
    const byReport = new Map<number, typeof events>();
    for (const e of events) byReport.set(e.reportId, [...(byReport.get(e.reportId) ?? []), e]);
    let reopened = 0;
    for (const r of reports) {
      const history = byReport.get(r.id) ?? [];
      expect(history[0]).toMatchObject({ kind: "created", to: "new", at: r.createdAt });
      let current: ReportStatus = "new";
      let last = r.createdAt;
      for (const e of history.filter((h) => h.kind === "status")) {
        expect(e.from).toBe(current);
        expect(TRANSITIONS[current], `${current} → ${e.to}`).toContain(e.to);
        expect(e.at).toBeGreaterThan(last);
        current = e.to!;
        last = e.at;
        if (e.to === "reopened") reopened++;
      }
      expect(current).toBe(r.status);
      expect(last).toBeLessThanOrEqual(NOW);
      expect(r.updatedAt).toBe(last);
      if (r.status === "resolved" || r.status === "closed") expect(r.resolution).not.toBe("");
    }
    expect(reopened).toBeGreaterThan(0);
  });

  it("gives every address and company a real postcode–locality pair and a street of that locality", () => {
    const streets = new Map(SWISS_LOCALITIES.map((l) => [`${l.postcode} ${l.locality}`, l.streets]));
    const addresses = all<{ street: string; postalCode: string; city: string }>("SELECT street, postal_code AS postalCode, city FROM addresses");
    expect(addresses.length).toBe(600);
    for (const a of addresses) {
      const pair = `${a.postalCode} ${a.city}`;
      expect(POSTCODE_LOCALITY_PAIRS.has(pair), pair).toBe(true);
      const match = /^(.+) (\d+)a?$/.exec(a.street);
      expect(match, a.street).not.toBeNull();
      expect(streets.get(pair), a.street).toContain(match![1]);
      expect(Number(match![2])).toBeGreaterThanOrEqual(1);
      expect(Number(match![2])).toBeLessThanOrEqual(120);
    }
    const localities = new Set(SWISS_LOCALITIES.map((l) => l.locality));
    for (const city of all<{ city: string }>("SELECT city FROM companies").map((c) => c.city)) expect(localities.has(city), city).toBe(true);
    // Mostly the call centre's region: more than half of the people live in Romandie.
    const french = new Set(SWISS_LOCALITIES.filter((l) => l.language === "fr").map((l) => `${l.postcode} ${l.locality}`));
    expect(addresses.filter((a) => french.has(`${a.postalCode} ${a.city}`)).length).toBeGreaterThan(300);
  });

  it("notes calls as an agent would, in office hours on working days, each error-report call with its reporter's report", () => {
    const known = new Set(Object.values(SUMMARIES).flat().map((s) => s.split("{product}")[0] ?? s));
    const summaries = all<{ summary: string; at: number }>("SELECT summary, at FROM interactions WHERE purpose NOT IN ('training', 'error_report')");
    expect(summaries.length).toBeGreaterThan(600);
    for (const { summary } of summaries) expect([...known].some((prefix) => summary.startsWith(prefix)), summary).toBe(true);
    const zurich = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Zurich", weekday: "short", hour: "2-digit", hourCycle: "h23" });
    for (const { at } of all<{ at: number }>("SELECT at FROM interactions")) {
      const parts = Object.fromEntries(zurich.formatToParts(at).map((p) => [p.type, p.value]));
      expect(["Sat", "Sun"], new Date(at).toISOString()).not.toContain(parts.weekday);
      expect(Number(parts.hour)).toBeGreaterThanOrEqual(8);
      expect(Number(parts.hour)).toBeLessThan(20);
    }
    // Every error-report call names a report of the same person (and every report has its call).
    const orphans = db.sqlite
      .prepare("SELECT count(*) FROM interactions i WHERE purpose = 'error_report' AND NOT EXISTS (SELECT 1 FROM error_reports r WHERE r.person_id = i.person_id AND i.summary LIKE r.reference || ' — %')")
      .pluck()
      .get();
    expect(orphans).toBe(0);
    expect(db.sqlite.prepare("SELECT count(*) FROM interactions WHERE purpose = 'error_report'").pluck().get()).toBe(db.sqlite.prepare("SELECT count(*) FROM error_reports").pluck().get());
    for (const { name } of all<{ name: string }>("SELECT name FROM companies")) expect(name).toMatch(/\b(SA|Sàrl|AG|GmbH)$|^(Cabinet|Pharmacie|Bäckerei) /);
    // Mobiles are 07x numbers, the rest landlines.
    const kinds = all<{ e164: string; kind: string }>("SELECT e164, kind FROM phones");
    for (const p of kinds) expect(p.kind, p.e164).toBe(p.e164.startsWith("+417") ? "mobile" : "landline");
  });
});

describe("the curated Swiss addresses", () => {
  it("are well-formed: a four-digit postcode in the canton's range, each pair once, streets without repeats", () => {
    // First digit of the postcode by canton (Swiss Post's areas): catches a typed-in wrong pair.
    const area: Record<string, string[]> = {
      GE: ["1"], VD: ["1"], VS: ["1", "3"], FR: ["1", "3"], NE: ["2"], JU: ["2"], BE: ["2", "3"], BS: ["4"], BL: ["4"], SO: ["4"], AG: ["5"],
      LU: ["6"], ZG: ["6"], TI: ["6"], GR: ["7"], ZH: ["8"], SH: ["8"], TG: ["8"], SG: ["9"],
    };
    const pairs = new Set<string>();
    for (const l of SWISS_LOCALITIES) {
      expect(l.postcode).toMatch(/^[1-9]\d{3}$/);
      expect(area[l.canton], `${l.postcode} ${l.locality} ${l.canton}`).toContain(l.postcode[0]);
      const pair = `${l.postcode} ${l.locality}`;
      expect(pairs.has(pair), pair).toBe(false);
      pairs.add(pair);
      expect(l.streets.length).toBeGreaterThan(0);
      expect(new Set(l.streets).size, pair).toBe(l.streets.length);
    }
    expect(pairs.size).toBeGreaterThan(100);
  });

  it("come out the same for the same seed (the bench database is cached by size)", () => {
    const rows = (seed: number) => {
      const db = openTestDb();
      try {
        generatePeople(db, { people: 200, seed, now: NOW });
        return db.sqlite.prepare("SELECT p.first_name, p.last_name, a.street, a.postal_code, a.city FROM people p JOIN addresses a ON a.person_id = p.id ORDER BY p.id").raw().all();
      } finally {
        db.cleanup();
      }
    };
    expect(rows(5)).toEqual(rows(5));
    expect(rows(5)).not.toEqual(rows(6));
  });
});
