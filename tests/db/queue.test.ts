import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listReports as listReportsOn, queueQueries, TEXT_MATCHES, type QueueFilter } from "../../db/reports";
import { renderSqlite } from "../../db/sqlite-engine";
import { createUserSync } from "../../db/users";
import { openTestDb } from "../fixtures/database";
import { generatePeople } from "../fixtures/people-generator";
import { generateReports } from "../fixtures/reports-generator";

// A generated queue big enough for both text-filter strategies (few matches / many matches).
let db: ReturnType<typeof openTestDb>;
let supportIds: number[];
const now = Date.UTC(2026, 10, 25, 9);
beforeAll(() => {
  db = openTestDb();
  supportIds = [1, 2, 3].map((i) => createUserSync(db, { username: `support${i}`, displayName: `Support ${i}`, role: "support", password: "password-1234" }, now).id);
  generatePeople(db, { people: 2000, seed: 3, now });
  generateReports(db, { reports: 4000, seed: 3, now, assigneeIds: supportIds });
  db.sqlite.exec("ANALYZE");
});
afterAll(() => db.cleanup());

const base: QueueFilter = { sort: "createdAt", direction: "desc", page: 0, pageSize: 50 };
type Row = { id: number; reference: string; status: string; severity: string; assigneeId: number | null; createdAt: number; title: string; nextCallbackAt: number | null };
const all = () => db.sqlite.prepare("SELECT id, reference, status, severity, assignee_id AS assigneeId, created_at AS createdAt, title, description, next_callback_at AS nextCallbackAt FROM error_reports").all() as (Row & { description: string })[];
const newestFirst = (a: Row, b: Row) => b.createdAt - a.createdAt || b.id - a.id;
// This suite measures SQLite's plans on a generated queue; tests/db/reports.test.ts runs the queue on both engines.
const listReports = (f: QueueFilter, at: number) => db.engine.transaction("read", (tx) => listReportsOn(tx, f, at));

describe("support queue on a generated data set", () => {
  it("returns exactly the expected page and count for status, severity and assignee filters", async () => {
    const expected = all().filter((r) => ["new", "triaged"].includes(r.status) && r.severity !== "low").sort(newestFirst);
    const got = await listReports({ ...base, status: ["new", "triaged"], severity: ["normal", "high", "critical"] }, now);
    expect(got.total).toBe(expected.length);
    expect(got.rows.map((r) => r.id)).toEqual(expected.slice(0, 50).map((r) => r.id));
    const mine = all().filter((r) => r.assigneeId === supportIds[0] && r.status === "in_progress").sort(newestFirst);
    expect((await listReports({ ...base, assigneeId: supportIds[0], status: ["in_progress"], page: 1, pageSize: 10 }, now)).rows.map((r) => r.id)).toEqual(
      mine.slice(10, 20).map((r) => r.id),
    );
  });

  it("filters by text, newest first, whether a word is rare or common", async () => {
    const rows = all();
    for (const word of ["licence", "er"]) {
      // "licence": a few hundred matches; "er" (every reference starts with ER-): all 4000.
      const expected = rows.filter((r) => `${r.reference} ${r.title} ${r.description}`.toLowerCase().split(/[^\p{L}\p{N}]+/u).some((t) => t.startsWith(word))).sort(newestFirst);
      const got = await listReports({ ...base, text: word }, now);
      expect(got.rows.map((r) => r.id), word).toEqual(expected.slice(0, 50).map((r) => r.id));
      expect(got.total, word).toBe(Math.min(expected.length, TEXT_MATCHES));
      expect(got.totalCapped, word).toBe(expected.length > TEXT_MATCHES);
    }
  });

  it("lists overdue call-backs oldest first", async () => {
    const expected = all()
      .filter((r) => r.nextCallbackAt !== null && r.nextCallbackAt < now && !["resolved", "closed"].includes(r.status))
      .sort((a, b) => a.nextCallbackAt! - b.nextCallbackAt! || a.createdAt - b.createdAt || a.id - b.id);
    const got = await listReports({ ...base, overdue: true, sort: "nextCallbackAt", direction: "asc" }, now);
    expect(got.rows.map((r) => r.id)).toEqual(expected.slice(0, 50).map((r) => r.id));
    expect(got.rows.every((r) => r.overdue)).toBe(true);
  });

  it("never sorts the whole table for a first page (EXPLAIN QUERY PLAN)", async () => {
    const shapes: Partial<QueueFilter>[] = [
      {},
      { status: ["new", "triaged"] },
      { status: ["new"] },
      { sort: "severity" },
      { assigneeId: supportIds[0], status: ["triaged", "in_progress"] },
      { assigneeId: null, status: ["new"] },
      { overdue: true, sort: "nextCallbackAt", direction: "asc" },
      { text: "er" },
    ];
    for (const shape of shapes) {
      const { page, count } = await db.engine.transaction("read", (tx) => queueQueries(tx, { ...base, ...shape }, now));
      for (const q of [page, count]) {
        const { sql, params } = renderSqlite(q);
        const plan = (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
        // A text filter sorts at most TEXT_MATCHES rows; everything else follows an index.
        const sorts = shape.text ? [] : plan.filter((d) => /TEMP B-TREE FOR ORDER BY/.test(d));
        expect([...plan.filter((d) => /^SCAN error_reports$/.test(d)), ...sorts], `${JSON.stringify(shape)}: ${plan.join(" | ")}`).toEqual([]);
      }
    }
  });
});
