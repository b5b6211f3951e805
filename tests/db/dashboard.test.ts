import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDays } from "../../common/geneva-time";
import { dashboardSummary, zurichDayStartOf } from "../../db/dashboard";
import type { Writes } from "../../db/engine";
import { saveProduct } from "../../db/reports";
import { saveCourse } from "../../db/training";
import { ENGINES, openMigratedTestEngine, type MigratedTestEngine } from "../fixtures/engines";
import { addCall, addPerson, addReport, addTrainingRequest } from "../fixtures/report-rows";

// The managers' overview on each engine: the same rows give the same counts, each written out here.

// Wednesday 2 December 2026, 10:00 in Geneva; the week began on Monday 30 November.
const NOW = Date.UTC(2026, 11, 2, 9);
const TODAY = "2026-12-02";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (daysBefore: number, hour = 10) => zurichDayStartOf(TODAY, -daysBefore) + hour * HOUR;

describe.each(ENGINES)("the dashboard on %s", (kind) => {
  let opened: MigratedTestEngine;
  beforeEach(async () => {
    opened = await openMigratedTestEngine(kind);
  });
  afterEach(async () => opened.remove());

  it("counts the calls, the open reports, the weeks, the call-backs, training and privacy deadlines", async () => {
    await opened.engine.transaction("write", async (tx) => seed(tx));
    const summary = await opened.engine.transaction("read", (tx) => dashboardSummary(tx, NOW));

    expect(summary.generatedAt).toBe(NOW);
    expect(summary.calls).toHaveLength(30);
    expect(summary.calls[0]!.day).toBe(addDays(TODAY, -29));
    expect(summary.calls[29]).toEqual({ day: TODAY, counts: { information: 2, error_report: 0, training: 0, comment: 0, data_protection: 1, other: 0 }, total: 3 });
    expect(summary.calls[28]).toMatchObject({ day: addDays(TODAY, -1), counts: { error_report: 1 }, total: 1 });
    expect(summary.calls[0]).toMatchObject({ counts: { training: 1 }, total: 1 });
    // The call 30 days ago and the one tomorrow are outside the month.
    expect(summary.calls.reduce((n, d) => n + d.total, 0)).toBe(5);

    expect(summary.openReports).toEqual([
      { status: "new", counts: { low: 1, normal: 0, high: 2, critical: 0 }, total: 3 },
      { status: "triaged", counts: { low: 0, normal: 0, high: 0, critical: 0 }, total: 0 },
      { status: "in_progress", counts: { low: 0, normal: 0, high: 0, critical: 1 }, total: 1 },
      { status: "waiting_for_customer", counts: { low: 0, normal: 1, high: 0, critical: 0 }, total: 1 },
      { status: "reopened", counts: { low: 0, normal: 0, high: 0, critical: 0 }, total: 0 },
    ]);

    expect(summary.weekly).toHaveLength(12);
    expect(summary.weekly[11]).toEqual({ week: "2026-11-30", opened: 5, resolved: 2 });
    expect(summary.weekly[10]).toEqual({ week: "2026-11-23", opened: 2, resolved: 0 });
    expect(summary.weekly[9]).toEqual({ week: "2026-11-16", opened: 0, resolved: 1 });
    expect(summary.weekly[0]!.week).toBe("2026-09-14");
    expect(summary.weekly.reduce((n, w) => n + w.resolved, 0)).toBe(3);

    // Open with a call-back time passed: the waiting one and one new; not the resolved one.
    expect(summary.overdueCallbacks).toBe(2);
    expect(summary.training).toEqual([
      { status: "requested", count: 2 },
      { status: "contacted", count: 0 },
      { status: "scheduled", count: 0 },
      { status: "confirmed", count: 1 },
      { status: "completed", count: 0 },
      { status: "cancelled", count: 1 },
    ]);
    expect(summary.privacy).toEqual({ overdue: 1, dueSoon: 2 });
  });

  it("answers on an empty database", async () => {
    const summary = await opened.engine.transaction("read", (tx) => dashboardSummary(tx, NOW));
    expect(summary.calls.every((d) => d.total === 0)).toBe(true);
    expect(summary.openReports.every((r) => r.total === 0)).toBe(true);
    expect(summary.weekly.every((w) => w.opened === 0 && w.resolved === 0)).toBe(true);
    expect(summary).toMatchObject({ overdueCallbacks: 0, privacy: { overdue: 0, dueSoon: 0 } });
  });
});

async function seed(tx: Writes) {
  const person = await addPerson(tx, { firstName: "Léa", lastName: "Rochat" }, NOW);
  for (const call of [
    { purpose: "information", at: at(0, 8) },
    { purpose: "information", at: at(0, 9) },
    { purpose: "data_protection", at: zurichDayStartOf(TODAY) },
    { purpose: "error_report", at: at(1) },
    { purpose: "training", at: at(29) },
    { purpose: "comment", at: at(30) },
    { purpose: "other", at: zurichDayStartOf(TODAY, 1) },
  ]) {
    await addCall(tx, { personId: person, ...call });
  }

  const product = await saveProduct(tx, { name: "JetCompta", versions: [], active: true });
  const report = (status: Parameters<typeof addReport>[1]["status"], severity: Parameters<typeof addReport>[1]["severity"], createdAt: number, nextCallbackAt: number | null = null) =>
    addReport(tx, { personId: person, productId: product, title: "x", status, severity, createdAt, nextCallbackAt });
  // This week (from Monday 30 November): five opened.
  await report("new", "high", NOW - HOUR, NOW - 2 * HOUR);
  await report("new", "high", at(2));
  await report("new", "low", at(1));
  await report("in_progress", "critical", at(0, 8), NOW + HOUR);
  await report("waiting_for_customer", "normal", at(0, 9), NOW - DAY);
  // The week before: two, both done since.
  const resolved = await report("resolved", "normal", at(8), NOW - DAY);
  const closed = await report("closed", "low", at(9));
  // Resolutions: two this week (one report resolved twice counts twice), one three weeks back, one too old.
  for (const [id, when] of [
    [resolved.id, NOW - 2 * HOUR],
    [closed.id, at(1)],
    [closed.id, at(16)],
    [closed.id, at(120)],
  ] as const) {
    await tx.run(sql`INSERT INTO error_report_events (report_id, at, kind, from_status, to_status) VALUES (${id}, ${when}, ${"status"}, ${"in_progress"}, ${"resolved"})`);
  }

  const course = await saveCourse(tx, { code: "JC-101", titleFr: "Bases", titleEn: "Basics", languages: ["fr"], durationValue: 1, durationUnit: "days", format: "online", active: true });
  for (const status of ["requested", "requested", "confirmed", "cancelled"] as const) await addTrainingRequest(tx, { personId: person, courseId: course, participants: 1, createdAt: NOW, status });

  let n = 0;
  for (const [status, dueOn] of [
    ["open", addDays(TODAY, -1)],
    ["extended", TODAY],
    ["open", addDays(TODAY, 7)],
    ["open", addDays(TODAY, 8)],
    ["completed", addDays(TODAY, -3)],
  ] as const) {
    const reference = `DP-2026-${String(++n).padStart(4, "0")}`;
    await tx.run(
      sql`INSERT INTO privacy_requests (reference, kind, channel, received_on, due_on, original_due_on, status, created_at)
          VALUES (${reference}, ${"access"}, ${"phone"}, ${addDays(dueOn, -30)}, ${dueOn}, ${dueOn}, ${status}, ${NOW})`,
    );
  }
}
