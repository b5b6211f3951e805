import type { Db } from "../../db/open";
import { queueQueries, TEXT_IDS_SQL, type QueueFilter } from "../../db/reports";
import { ftsQuery } from "../../db/search";
import { renderSqlite } from "../../db/sqlite-engine";
import type { Dispatch } from "../../electron/api/dispatcher";
import { compare } from "./measure";

/** The support queue's first page and its count for each common filter and sort (budget p99 ≤ 20 ms). */
export async function benchQueue(db: Db, dispatch: Dispatch, sessionId: string, iterations: number) {
  const supportIds = db.sqlite.prepare("SELECT id FROM users WHERE role = 'support' ORDER BY id LIMIT 5").pluck().all() as number[];
  const base = { sort: "createdAt", direction: "desc", page: 0, pageSize: 50 } as const;
  const shapes: Record<string, Partial<QueueFilter>[]> = {
    "status new+triaged, newest first": [{ status: ["new", "triaged"] }],
    "status open + severity critical": [{ status: ["new", "triaged", "in_progress", "reopened"], severity: ["critical"] }],
    "all, by severity": [{ sort: "severity" }],
    "assignee, open": supportIds.map((assigneeId) => ({ assigneeId, status: ["triaged", "in_progress", "waiting_for_customer", "reopened"] as QueueFilter["status"] })),
    unassigned: [{ assigneeId: null, status: ["new"] }],
    "overdue call-backs": [{ overdue: true, sort: "nextCallbackAt", direction: "asc" }],
    "text filter": ["imprimante", "synchronisation", "licence", "TVA"].map((text) => ({ text })),
    "text + status": ["imprimante", "connexion"].map((text) => ({ text, status: ["new", "in_progress"] as QueueFilter["status"] })),
  };
  const results = [];
  for (const [shape, filters] of Object.entries(shapes)) {
    const now = Date.now();
    const full = filters.map((f) => ({ ...base, ...f }) as QueueFilter);
    // The same statements listReports runs (text matches, page, count), prepared once and run directly.
    const textIds = db.sqlite.prepare(TEXT_IDS_SQL).pluck();
    const raw = await Promise.all(
      full.map(async (f) => {
        const { page, count } = await db.engine.transaction("read", (tx) => queueQueries(tx, f, now));
        const p = renderSqlite(page);
        const c = renderSqlite(count);
        return { text: f.text ? ftsQuery(f.text) : null, page: db.sqlite.prepare(p.sql).raw(), pageParams: p.params, count: db.sqlite.prepare(c.sql).raw(), countParams: c.params };
      }),
    );
    const check = await dispatch("reports.list", full[0], { sessionId });
    const timing = await compare(
      full.map((f, i) => ({ f, i })),
      iterations,
      ({ f }) => dispatch("reports.list", f, { sessionId }),
      ({ i }) => {
        if (raw[i]!.text) textIds.all(raw[i]!.text);
        raw[i]!.page.all(...raw[i]!.pageParams);
        return raw[i]!.count.get(...raw[i]!.countParams);
      },
    );
    results.push({
      shape,
      total: check.ok ? (check.value as { total: number }).total : check.error.message,
      ...timing,
      budget: "p99 ≤ 20 ms (page + count)",
      withinBudget: timing.dispatcherMs.p99 <= 20,
    });
  }
  return results;
}
