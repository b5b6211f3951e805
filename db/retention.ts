import { sql, type SQL } from "drizzle-orm";
import { appendAudit } from "./audit";
import type { AuditKey } from "./audit-key";
import type { Reads, Writes } from "./engine";
import type { RetentionReviewRow } from "../common/contract/privacy";
import { anonymiseReport, erasePerson, ERASURE_TABLES } from "./erasure";
import { reindexReport } from "./search-index";
import { getSetting } from "./settings";

import { RETENTION_RULES, type RetentionRule } from "../common/enums";
export { RETENTION_RULES, type RetentionRule } from "../common/enums";

/**
 * "Revue de conservation" (revFADP Art. 6 para. 4): what is past the retention period set in the
 * settings, and erasing it. Each rule names what it covers, how many rows and since when.
 */

/** At most this many people are erased per run: one run stays a short write lock. */
export const PEOPLE_PER_RUN = 2000;

const YEAR_MS = 365.25 * 86_400_000;

async function cutoffs(tx: Reads, now: number): Promise<Record<RetentionRule, number>> {
  const before = (years: number) => now - years * YEAR_MS;
  return {
    interactions: before(await getSetting(tx, "retention.interactionsYears")),
    closed_reports: before(await getSetting(tx, "retention.closedReportsYears")),
    training_requests: before(await getSetting(tx, "retention.trainingRequestsYears")),
    inactive_people: before(await getSetting(tx, "retention.inactivePeopleYears")),
  };
}

/**
 * People with no contact, no change and nothing open since the cut-off. Open reports, training
 * requests and privacy requests keep a person: someone is still working for them.
 */
const inactivePeople = (cutoff: number) => sql`
  SELECT p.id FROM people p
  WHERE coalesce(p.last_contact_at, p.created_at) < ${cutoff} AND p.updated_at < ${cutoff}
    AND NOT EXISTS (SELECT 1 FROM error_reports r WHERE r.person_id = p.id AND r.status <> 'closed')
    AND NOT EXISTS (SELECT 1 FROM training_requests t WHERE t.person_id = p.id AND t.status NOT IN ('completed', 'cancelled'))
    AND NOT EXISTS (SELECT 1 FROM privacy_requests q WHERE q.person_id = p.id AND q.status IN ('open', 'extended'))`;

/** Closed reports past the cut-off, still linked to their reporter; `kept`: marked "keep for the product". */
const closedReports = (cutoff: number, kept: boolean) =>
  sql`SELECT id FROM error_reports WHERE status = 'closed' AND updated_at < ${cutoff} AND person_id IS NOT NULL AND keep_for_product = ${kept}`;

const QUERIES: Record<RetentionRule, { count: (cutoff: number) => SQL; oldest: (cutoff: number) => SQL }> = {
  interactions: {
    count: (c) => sql`SELECT count(*) AS n FROM interactions WHERE at < ${c}`,
    oldest: (c) => sql`SELECT min(at) AS oldest FROM interactions WHERE at < ${c}`,
  },
  closed_reports: {
    count: (c) => sql`SELECT count(*) AS n FROM error_reports WHERE status = 'closed' AND updated_at < ${c} AND person_id IS NOT NULL`,
    oldest: (c) => sql`SELECT min(updated_at) AS oldest FROM error_reports WHERE status = 'closed' AND updated_at < ${c} AND person_id IS NOT NULL`,
  },
  training_requests: {
    count: (c) => sql`SELECT count(*) AS n FROM training_requests WHERE status IN ('completed', 'cancelled') AND updated_at < ${c}`,
    oldest: (c) => sql`SELECT min(updated_at) AS oldest FROM training_requests WHERE status IN ('completed', 'cancelled') AND updated_at < ${c}`,
  },
  inactive_people: {
    count: (c) => sql`SELECT count(*) AS n FROM (${inactivePeople(c)}) AS inactive`,
    oldest: (c) => sql`SELECT min(coalesce(last_contact_at, created_at)) AS oldest FROM people WHERE id IN (${inactivePeople(c)})`,
  },
};

export async function retentionReview(tx: Reads, now: number): Promise<RetentionReviewRow[]> {
  const cut = await cutoffs(tx, now);
  const rows: RetentionReviewRow[] = [];
  for (const rule of RETENTION_RULES) {
    const count = (await tx.one<{ n: number }>(QUERIES[rule].count(cut[rule])))!.n;
    const oldest = (await tx.one<{ oldest: number | null }>(QUERIES[rule].oldest(cut[rule])))?.oldest ?? null;
    rows.push({ rule, cutoff: cut[rule], count, oldest });
  }
  return rows;
}

/**
 * The PostgreSQL tables each rule deletes from or updates, vacuumed once the run committed
 * (db/erasure-vacuum.ts): inactive people go as an erasure does; a closed report takes its events
 * and its search document with it (by cascade), a kept one has them rewritten.
 */
export const RETENTION_TABLES: Record<RetentionRule, readonly string[]> = {
  inactive_people: ERASURE_TABLES,
  interactions: ["interactions"],
  closed_reports: ["error_reports", "error_report_events", "error_reports_search"],
  training_requests: ["training_requests"],
};

/** The tables a run changed: those of the rules that removed something. */
export function retentionTables(done: Record<RetentionRule, number>): string[] {
  return [...new Set(RETENTION_RULES.filter((rule) => done[rule] > 0).flatMap((rule) => RETENTION_TABLES[rule]))];
}

/**
 * Erases what the review lists, for the chosen rules, in the caller's transaction. Closed
 * reports a manager marked "keep for the product" are anonymised rather than deleted.
 */
export async function applyRetention(tx: Writes, rules: readonly RetentionRule[], now: number): Promise<Record<RetentionRule, number>> {
  const cut = await cutoffs(tx, now);
  const done: Record<RetentionRule, number> = { interactions: 0, closed_reports: 0, training_requests: 0, inactive_people: 0 };
  if (rules.includes("inactive_people")) {
    // People first: erasing them also takes their old interactions, reports and requests.
    const ids = await tx.all<{ id: number }>(sql`${inactivePeople(cut.inactive_people)} ORDER BY p.id LIMIT ${PEOPLE_PER_RUN}`);
    for (const { id } of ids) await erasePerson(tx, id, { suppressContacts: false, now });
    done.inactive_people = ids.length;
  }
  if (rules.includes("interactions")) done.interactions = (await tx.run(sql`DELETE FROM interactions WHERE at < ${cut.interactions}`)).changes;
  if (rules.includes("closed_reports")) {
    const ids = (await tx.all<{ id: number }>(closedReports(cut.closed_reports, false))).map((r) => r.id);
    // The same rows as just listed: the write transaction lets nothing change them in between.
    await tx.run(sql`DELETE FROM error_reports WHERE id IN (${closedReports(cut.closed_reports, false)})`);
    for (const id of ids) await reindexReport(tx, id);
    const kept = (await tx.all<{ id: number }>(closedReports(cut.closed_reports, true))).map((r) => r.id);
    for (const id of kept) await anonymiseReport(tx, id);
    done.closed_reports = ids.length + kept.length;
  }
  if (rules.includes("training_requests")) {
    done.training_requests = (await tx.run(sql`DELETE FROM training_requests WHERE status IN ('completed', 'cancelled') AND updated_at < ${cut.training_requests}`)).changes;
  }
  return done;
}

/**
 * The unattended run at start-up (`retention.applyAtStartup`): every rule, in the caller's write
 * transaction, audited without a user. The caller empties the WAL afterwards.
 */
export async function applyRetentionAtStartup(tx: Writes, now: number, auditKey: AuditKey): Promise<Record<RetentionRule, number> | null> {
  if (!(await getSetting(tx, "retention.applyAtStartup"))) return null;
  const done = await applyRetention(tx, RETENTION_RULES, now);
  await appendAudit(tx, { at: now, userId: null, operation: "retention.apply", entityType: "retention", entityId: null, fields: Object.entries(done).map(([rule, n]) => `${rule}:${n}`) }, auditKey);
  return done;
}
