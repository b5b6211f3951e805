import { addDays, genevaDayOf, genevaDayStart, weekdayIndex } from "../common/geneva-time";
import type { DashboardSummary } from "../common/contract/exports";
import { sql, type SQL } from "drizzle-orm";
import type { Dialect, Reads } from "./engine";
import { INTERACTION_PURPOSES, REPORT_STATUSES, SEVERITIES, TRAINING_STATUSES } from "./schema";
import { valueList } from "./sql-fields";

/**
 * The managers' overview: a handful of counts, each answered from an index (the whole summary
 * stays within 100 ms on a million people and half a million reports — see `npm run bench`).
 */

export const DASHBOARD_DAYS = 30;
export const DASHBOARD_WEEKS = 12;
const OPEN_STATUSES = REPORT_STATUSES.filter((s) => s !== "resolved" && s !== "closed");
const SEVERITY_BY_RANK = SEVERITIES; // rank 0 … 3 is low … critical (error_reports.severity_rank)

type Purpose = (typeof INTERACTION_PURPOSES)[number];

/** Geneva's calendar day of an instant, as YYYY-MM-DD. */
export function zurichDay(ms: number): string {
  return genevaDayOf(ms);
}

/** The instant Geneva's day `day` (YYYY-MM-DD) starts, `shift` days later (23- and 25-hour days included). */
export function zurichDayStartOf(day: string, shift = 0): number {
  return genevaDayStart(addDays(day, shift));
}

/** Whether a table exists: each engine keeps its own catalogue. */
const HAS_TABLE: Record<Dialect, (name: string) => SQL> = {
  sqlite: (name) => sql`SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ${name}`,
  pg: (name) => sql`SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ${name}`,
};

async function hasTable(tx: Reads, name: string): Promise<boolean> {
  return (await tx.one(HAS_TABLE[tx.dialect](name))) !== undefined;
}

async function count(tx: Reads, query: SQL): Promise<number> {
  return (await tx.one<{ n: number }>(query))?.n ?? 0;
}

export async function dashboardSummary(tx: Reads, now: number): Promise<DashboardSummary> {
  const today = zurichDay(now);

  // Calls per day by purpose: the (purpose, at) index holds every value needed.
  const dayStarts = Array.from({ length: DASHBOARD_DAYS + 1 }, (_, i) => zurichDayStartOf(today, i - DASHBOARD_DAYS + 1));
  const calls = dayStarts.slice(0, -1).map((start) => ({
    day: zurichDay(start),
    counts: Object.fromEntries(INTERACTION_PURPOSES.map((p) => [p, 0])) as Record<Purpose, number>,
    total: 0,
  }));
  // One count per purpose and day, each a short range of the (purpose, at) index: a few ms in
  // all, where one grouped scan of the month's calls costs tens.
  for (const [i, bucket] of calls.entries()) {
    for (const purpose of INTERACTION_PURPOSES) {
      const n = await count(tx, sql`SELECT count(*) AS n FROM interactions WHERE purpose = ${purpose} AND at >= ${dayStarts[i]} AND at < ${dayStarts[i + 1]}`);
      bucket.counts[purpose] = n;
      bucket.total += n;
    }
  }

  // Open reports by status and severity, counted on the (status, severity_rank, created_at) index.
  const openRows = await tx.all<{ status: string; rank: number; n: number }>(
    sql`SELECT status, severity_rank AS rank, count(*) AS n FROM error_reports WHERE status IN ${valueList(OPEN_STATUSES)} GROUP BY status, severity_rank`,
  );
  const openReports = OPEN_STATUSES.map((status) => {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<string, number>;
    for (const r of openRows) if (r.status === status) counts[SEVERITY_BY_RANK[r.rank] ?? "normal"]! += r.n;
    return { status, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  });

  // Opened vs resolved per week (Monday to Sunday, Geneva).
  const weekday = weekdayIndex(today); // Monday 0
  const weekStarts = Array.from({ length: DASHBOARD_WEEKS + 1 }, (_, i) => zurichDayStartOf(today, (i - DASHBOARD_WEEKS + 1) * 7 - weekday));
  // A resolution is the status event that moved a report to "resolved"; a report resolved twice counts twice.
  const resolutions = (
    await tx.all<{ at: number }>(sql`SELECT at FROM error_report_events WHERE to_status = 'resolved' AND at >= ${weekStarts[0]} AND at < ${weekStarts[DASHBOARD_WEEKS]}`)
  ).map((r) => r.at);
  const weekly: DashboardSummary["weekly"] = [];
  for (const [i, start] of weekStarts.slice(0, -1).entries()) {
    weekly.push({
      week: zurichDay(start),
      opened: await count(tx, sql`SELECT count(*) AS n FROM error_reports WHERE created_at >= ${start} AND created_at < ${weekStarts[i + 1]}`),
      resolved: resolutions.filter((at) => at >= start && at < weekStarts[i + 1]!).length,
    });
  }

  // NOT IN keeps the planner on the (next_callback_at, status) index, as the support queue does.
  const overdueCallbacks = await count(tx, sql`SELECT count(*) AS n FROM error_reports WHERE next_callback_at < ${now} AND status NOT IN ('resolved', 'closed')`);

  const trainingRows = await tx.all<{ status: string; n: number }>(sql`SELECT status, count(*) AS n FROM training_requests GROUP BY status`);
  const training = TRAINING_STATUSES.map((status) => ({ status, count: trainingRows.find((r) => r.status === status)?.n ?? 0 }));

  // The register of data-protection requests arrives with schema 0008; older files have none.
  let privacy: DashboardSummary["privacy"] = null;
  if (await hasTable(tx, "privacy_requests")) {
    const due = (from: string, to: string) => count(tx, sql`SELECT count(*) AS n FROM privacy_requests WHERE status IN ('open', 'extended') AND due_on >= ${from} AND due_on < ${to}`);
    privacy = { overdue: await due("0000-00-00", today), dueSoon: await due(today, addDays(today, 8)) };
  }

  return { generatedAt: now, calls, openReports, weekly, overdueCallbacks, training, privacy };
}
