import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import type { ErasureCounts } from "../common/contract/privacy";
import { linkCondition, PERSONAL_DATA, tableName } from "./personal-data";
import { clearSavedFilterTexts } from "./preferences";
import { reindexReport } from "./reports";
import { removeFromIndexSync } from "./search";
import { statement } from "./statements";
import { suppress } from "./suppression";

export type { ErasureCounts };

/** Reports a manager marked "keep for the product": they survive the erasure, stripped. */
const KEPT_REPORTS = "SELECT id FROM error_reports WHERE person_id = ? AND keep_for_product = 1";

/**
 * Per mapped table, the SQL that counts and the SQL that erases one person's rows (one `?`),
 * built on first use: reading drizzle's table configuration on every erasure cost more than the
 * small tables' statements themselves.
 */
let plan: { table: string; count: string; erase: string }[] | undefined;
function erasurePlan() {
  plan ??= PERSONAL_DATA.map((entry) => {
    const table = tableName(entry.table);
    const where = linkCondition(entry);
    if (entry.erase.kind === "delete") return { table, count: `SELECT count(*) FROM ${table} WHERE ${where}`, erase: `DELETE FROM ${table} WHERE ${where}` };
    if (!("column" in entry.link)) throw new Error(`${table}: only a direct link can be cut`);
    const blank = entry.erase.blank.map((c) => `${c.name} = ''`).join(", ");
    return { table, count: `SELECT count(*) FROM ${table} WHERE ${where}`, erase: `UPDATE ${table} SET ${blank}, ${entry.link.column.name} = NULL WHERE ${where}` };
  });
  return plan;
}

/** The person's names (the erasure screen asks for the last name typed again); NOT_FOUND if erased or unknown. */
export function erasureSubject(db: ReadableDb, personId: number) {
  const person = statement(db, "SELECT first_name AS firstName, last_name AS lastName FROM people WHERE id = ?").get(personId) as { firstName: string; lastName: string } | undefined;
  if (!person) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  return person;
}

/** What the agent sees before confirming: counts per kind, read from the personal-data map. */
export function erasurePreview(db: ReadableDb, personId: number) {
  const person = erasureSubject(db, personId);
  const counts: ErasureCounts = {};
  for (const { table, count } of erasurePlan()) counts[table] = statement(db, count).pluck().get(personId) as number;
  const keptReports = statement(db, `SELECT count(*) FROM (${KEPT_REPORTS})`).pluck().get(personId) as number;
  counts.error_reports = (counts.error_reports ?? 0) - keptReports;
  return { person, counts, keptReports };
}

/**
 * Removes a person and everything about them, in the caller's transaction: rows in every mapped
 * table (error reports and training requests included), their search-index entries, and — for
 * the register and the disclosure log — the link and the free text. Reports kept for the
 * product lose every personal field and the reporter's words. The WAL still holds the old pages
 * until `emptyWal` runs after the commit.
 */
export function erasePerson(db: Db, personId: number, options: { suppressContacts: boolean; now: number }): { counts: ErasureCounts; keptReports: number } {
  const { counts, keptReports } = erasurePreview(db, personId);

  if (options.suppressContacts) {
    const emails = statement(db, "SELECT email FROM emails WHERE person_id = ?").pluck().all(personId) as string[];
    const phones = statement(db, "SELECT e164 FROM phones WHERE person_id = ?").pluck().all(personId) as string[];
    suppress(db, [...emails.map((value) => ({ kind: "email" as const, value })), ...phones.map((value) => ({ kind: "phone" as const, value }))], options.now);
  }

  for (const id of statement(db, KEPT_REPORTS).pluck().all(personId) as number[]) anonymiseReport(db, id);

  // Which reports go, asked while the rows still say whose they are; their index entries go after.
  const reportIds = statement(db, "SELECT id FROM error_reports WHERE person_id = ?").pluck().all(personId) as number[];
  removeFromIndexSync(db, personId);

  for (const { erase } of erasurePlan()) statement(db, erase).run(personId);
  // The deleted reports' index entries, each a secure delete in FTS5 (the costly part of an
  // erasure): straight to the delete, the rows they were built from are gone.
  for (const id of reportIds) statement(db, "DELETE FROM error_reports_fts WHERE rowid = ?").run(id);
  // Searches typed by staff may name the person: see the rule in db/preferences.ts.
  clearSavedFilterTexts(db);
  return { counts, keptReports };
}

/**
 * A report kept for the product after its reporter is erased: product, version, severity,
 * frequency, status, support's resolution and dates remain; the reporter's words (title,
 * description, steps, environment), the call-back details and the conversation events go.
 */
export function anonymiseReport(db: Db, id: number) {
  statement(
    db,
    `UPDATE error_reports SET person_id = NULL, title = reference, description = '', steps = '', environment = '',
       callback_consent = 0, callback_phone = NULL, callback_window = '', next_callback_at = NULL, version = version + 1
     WHERE id = ?`,
  ).run(id);
  statement(db, "DELETE FROM error_report_events WHERE report_id = ? AND kind IN ('comment', 'callback', 'update')").run(id);
  statement(db, "UPDATE error_report_events SET text = '' WHERE report_id = ?").run(id);
  reindexReport(db, id);
}

/**
 * Copies the committed pages into the database file and truncates the WAL, so the old versions
 * of the erased rows leave the WAL too. Fails (returns false) while another connection still
 * reads an older snapshot; db/wal-truncation.ts then retries. It does not wait for that reader:
 * a TRUNCATE checkpoint calls the busy handler, and with the connection's 5 s busy timeout it
 * would freeze every desk's calls for 5 s per attempt.
 *
 * `ReadableDb`: a checkpoint changes no data, only where committed pages live, so the erasure
 * screen's status read may try it again. It runs on the writing connection (SQLite allows it under
 * `query_only`; the read-only reader connection could not).
 */
export function emptyWal(db: ReadableDb): boolean {
  const writer = db.writer;
  const timeout = writer.pragma("busy_timeout", { simple: true }) as number;
  writer.pragma("busy_timeout = 0");
  try {
    const [result] = writer.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
    return result?.busy === 0;
  } finally {
    writer.pragma(`busy_timeout = ${timeout}`);
  }
}
