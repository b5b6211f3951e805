import { appendAuditSync } from "./audit";
import type { Db, ReadableDb } from "./open";
import type { RetentionReviewRow } from "../common/contract/privacy";
import { anonymiseReport, erasePerson } from "./erasure";
import { reindexReport } from "./reports";
import { getSettingSync } from "./settings";
import { statement } from "./statements";
import { RETENTION_RULES, type RetentionRule } from "../common/enums";
export { RETENTION_RULES, type RetentionRule } from "../common/enums";

/**
 * "Revue de conservation" (revFADP Art. 6 para. 4): what is past the retention period set in the
 * settings, and erasing it. Each rule names what it covers, how many rows and since when.
 */

/** At most this many people are erased per run: one run stays a short write lock. */
export const PEOPLE_PER_RUN = 2000;

const YEAR_MS = 365.25 * 86_400_000;

function cutoffs(db: ReadableDb, now: number): Record<RetentionRule, number> {
  const before = (years: number) => now - years * YEAR_MS;
  return {
    interactions: before(getSettingSync(db, "retention.interactionsYears")),
    closed_reports: before(getSettingSync(db, "retention.closedReportsYears")),
    training_requests: before(getSettingSync(db, "retention.trainingRequestsYears")),
    inactive_people: before(getSettingSync(db, "retention.inactivePeopleYears")),
  };
}

/**
 * People with no contact, no change and nothing open since the cut-off. Open reports, training
 * requests and privacy requests keep a person: someone is still working for them.
 */
const INACTIVE_PEOPLE = `
  SELECT p.id FROM people p
  WHERE coalesce(p.last_contact_at, p.created_at) < @cutoff AND p.updated_at < @cutoff
    AND NOT EXISTS (SELECT 1 FROM error_reports r WHERE r.person_id = p.id AND r.status <> 'closed')
    AND NOT EXISTS (SELECT 1 FROM training_requests t WHERE t.person_id = p.id AND t.status NOT IN ('completed', 'cancelled'))
    AND NOT EXISTS (SELECT 1 FROM privacy_requests q WHERE q.person_id = p.id AND q.status IN ('open', 'extended'))`;

const QUERIES: Record<RetentionRule, { count: string; oldest: string }> = {
  interactions: { count: "SELECT count(*) FROM interactions WHERE at < @cutoff", oldest: "SELECT min(at) FROM interactions WHERE at < @cutoff" },
  closed_reports: {
    count: "SELECT count(*) FROM error_reports WHERE status = 'closed' AND updated_at < @cutoff AND person_id IS NOT NULL",
    oldest: "SELECT min(updated_at) FROM error_reports WHERE status = 'closed' AND updated_at < @cutoff AND person_id IS NOT NULL",
  },
  training_requests: {
    count: "SELECT count(*) FROM training_requests WHERE status IN ('completed', 'cancelled') AND updated_at < @cutoff",
    oldest: "SELECT min(updated_at) FROM training_requests WHERE status IN ('completed', 'cancelled') AND updated_at < @cutoff",
  },
  inactive_people: {
    count: `SELECT count(*) FROM (${INACTIVE_PEOPLE})`,
    oldest: `SELECT min(coalesce(last_contact_at, created_at)) FROM people WHERE id IN (${INACTIVE_PEOPLE})`,
  },
};

export function retentionReview(db: ReadableDb, now: number): RetentionReviewRow[] {
  const cut = cutoffs(db, now);
  return RETENTION_RULES.map((rule) => ({
    rule,
    cutoff: cut[rule],
    count: statement(db, QUERIES[rule].count).pluck().get({ cutoff: cut[rule] }) as number,
    oldest: (statement(db, QUERIES[rule].oldest).pluck().get({ cutoff: cut[rule] }) as number | null) ?? null,
  }));
}

/**
 * Erases what the review lists, for the chosen rules, in the caller's transaction. Closed
 * reports a manager marked "keep for the product" are anonymised rather than deleted.
 */
export function applyRetention(db: Db, rules: readonly RetentionRule[], now: number): Record<RetentionRule, number> {
  const cut = cutoffs(db, now);
  const done: Record<RetentionRule, number> = { interactions: 0, closed_reports: 0, training_requests: 0, inactive_people: 0 };
  if (rules.includes("inactive_people")) {
    // People first: erasing them also takes their old interactions, reports and requests.
    const ids = statement(db, `${INACTIVE_PEOPLE} LIMIT ${PEOPLE_PER_RUN}`).pluck().all({ cutoff: cut.inactive_people }) as number[];
    for (const id of ids) erasePerson(db, id, { suppressContacts: false, now });
    done.inactive_people = ids.length;
  }
  if (rules.includes("interactions")) done.interactions = statement(db, "DELETE FROM interactions WHERE at < ?").run(cut.interactions).changes;
  if (rules.includes("closed_reports")) {
    const ids = statement(db, "SELECT id FROM error_reports WHERE status = 'closed' AND updated_at < ? AND person_id IS NOT NULL AND keep_for_product = 0").pluck().all(cut.closed_reports) as number[];
    statement(db, "DELETE FROM error_reports WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(ids));
    for (const id of ids) reindexReport(db, id);
    const kept = statement(db, "SELECT id FROM error_reports WHERE status = 'closed' AND updated_at < ? AND person_id IS NOT NULL AND keep_for_product = 1").pluck().all(cut.closed_reports) as number[];
    for (const id of kept) anonymiseReport(db, id);
    done.closed_reports = ids.length + kept.length;
  }
  if (rules.includes("training_requests")) {
    done.training_requests = statement(db, "DELETE FROM training_requests WHERE status IN ('completed', 'cancelled') AND updated_at < ?").run(cut.training_requests).changes;
  }
  return done;
}

/**
 * The unattended run at start-up (`retention.applyAtStartup`): every rule, in one transaction,
 * audited without a user. The caller empties the WAL afterwards.
 */
export function applyRetentionAtStartup(db: Db, now: number): Record<RetentionRule, number> | null {
  if (!getSettingSync(db, "retention.applyAtStartup")) return null;
  return db.sqlite
    .transaction(() => {
      const done = applyRetention(db, RETENTION_RULES, now);
      appendAuditSync(db, { at: now, userId: null, operation: "retention.apply", entityType: "retention", entityId: null, fields: Object.entries(done).map(([rule, n]) => `${rule}:${n}`) });
      return done;
    })
    .immediate();
}
