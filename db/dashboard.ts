import { addDays, genevaDayOf, genevaDayStart, weekdayIndex } from "../common/geneva-time";
import type { DashboardSummary } from "../common/contract/exports";
import type { ReadableDb } from "./open";
import { INTERACTION_PURPOSES, REPORT_STATUSES, SEVERITIES, TRAINING_STATUSES } from "./schema";
import { statement } from "./statements";

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

function hasTable(db: ReadableDb, name: string): boolean {
  return statement(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function dashboardSummary(db: ReadableDb, now: number): DashboardSummary {
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
  const countCalls = statement(db, "SELECT count(*) FROM interactions WHERE purpose = ? AND at >= ? AND at < ?").pluck();
  calls.forEach((bucket, i) => {
    for (const purpose of INTERACTION_PURPOSES) {
      const n = countCalls.get(purpose, dayStarts[i], dayStarts[i + 1]) as number;
      bucket.counts[purpose] = n;
      bucket.total += n;
    }
  });

  // Open reports by status and severity, counted on the (status, severity_rank, created_at) index.
  const openRows = statement(
    db,
    `SELECT status, severity_rank AS rank, count(*) AS n FROM error_reports WHERE status IN (${OPEN_STATUSES.map(() => "?").join(",")}) GROUP BY status, severity_rank`,
  ).all(...OPEN_STATUSES) as { status: string; rank: number; n: number }[];
  const openReports = OPEN_STATUSES.map((status) => {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<string, number>;
    for (const r of openRows) if (r.status === status) counts[SEVERITY_BY_RANK[r.rank] ?? "normal"]! += r.n;
    return { status, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  });

  // Opened vs resolved per week (Monday to Sunday, Geneva).
  const weekday = weekdayIndex(today); // Monday 0
  const weekStarts = Array.from({ length: DASHBOARD_WEEKS + 1 }, (_, i) => zurichDayStartOf(today, (i - DASHBOARD_WEEKS + 1) * 7 - weekday));
  const openedStmt = statement(db, "SELECT count(*) FROM error_reports WHERE created_at >= ? AND created_at < ?").pluck();
  // A resolution is the status event that moved a report to "resolved"; a report resolved twice counts twice.
  const resolutions = statement(db, "SELECT at FROM error_report_events WHERE to_status = 'resolved' AND at >= ? AND at < ?")
    .pluck()
    .all(weekStarts[0], weekStarts[DASHBOARD_WEEKS]) as number[];
  const weekly = weekStarts.slice(0, -1).map((start, i) => ({
    week: zurichDay(start),
    opened: openedStmt.get(start, weekStarts[i + 1]) as number,
    resolved: resolutions.filter((at) => at >= start && at < weekStarts[i + 1]!).length,
  }));

  // NOT IN keeps the planner on the (next_callback_at, status) index, as the support queue does.
  const overdueCallbacks = statement(db, "SELECT count(*) FROM error_reports WHERE next_callback_at < ? AND status NOT IN ('resolved', 'closed')")
    .pluck()
    .get(now) as number;

  const trainingRows = statement(db, "SELECT status, count(*) AS n FROM training_requests GROUP BY status").all() as { status: string; n: number }[];
  const training = TRAINING_STATUSES.map((status) => ({ status, count: trainingRows.find((r) => r.status === status)?.n ?? 0 }));

  // The register of data-protection requests arrives with schema 0008; older files have none.
  let privacy: DashboardSummary["privacy"] = null;
  if (hasTable(db, "privacy_requests")) {
    const due = statement(db, "SELECT count(*) FROM privacy_requests WHERE status IN ('open', 'extended') AND due_on >= ? AND due_on < ?").pluck();
    privacy = { overdue: due.get("0000-00-00", today) as number, dueSoon: due.get(today, addDays(today, 8)) as number };
  }

  return { generatedAt: now, calls, openReports, weekly, overdueCallbacks, training, privacy };
}
