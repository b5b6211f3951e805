import { sql, type SQL } from "drizzle-orm";
import type { Dialect, Reads, Writes } from "./engine";
import { AppError } from "./errors";
import type { ReadableDb } from "./open";
import type { ErasureCounts } from "../common/contract/privacy";
import { linkCondition, PERSONAL_DATA, tableName } from "./personal-data";
import { clearSavedFilterTexts } from "./preferences";
import { reindexReport } from "./search-index";
import { removeFromIndex } from "./search";
import { suppress } from "./suppression";


export type { ErasureCounts };

/** Reports a manager marked "keep for the product": they survive the erasure, stripped. */
const keptReports = (personId: number) => sql`SELECT id FROM error_reports WHERE person_id = ${personId} AND keep_for_product = ${true}`;

/**
 * The deleted reports' search entries. FTS5 keeps its own, deleted one by one (each a secure
 * delete: the costly part of an erasure), straight to the delete as the rows they were built from
 * are gone; PostgreSQL's `error_reports_search` rows go with their report (ON DELETE CASCADE).
 */
const REPORT_INDEX_ENTRY: Record<Dialect, ((reportId: number) => SQL) | null> = {
  sqlite: (reportId) => sql`DELETE FROM error_reports_fts WHERE rowid = ${reportId}`,
  pg: null,
};

/**
 * Per mapped table, the query that counts and the query that erases one person's rows, their text
 * built on first use: reading drizzle's table configuration on every erasure cost more than the
 * small tables' statements themselves.
 */
let plan: { table: string; count: (personId: number) => SQL; erase: (personId: number) => SQL }[] | undefined;
function erasurePlan() {
  plan ??= PERSONAL_DATA.map((entry) => {
    const table = tableName(entry.table);
    // Names from the map, never from input: written into the text as they are; the id is bound.
    const [before, after] = linkCondition(entry).split("?") as [string, string];
    const where = (personId: number) => sql`${sql.raw(before)}${personId}${sql.raw(after)}`;
    const count = (personId: number) => sql`SELECT count(*) AS n FROM ${sql.raw(table)} WHERE ${where(personId)}`;
    if (entry.erase.kind === "delete") return { table, count, erase: (personId: number) => sql`DELETE FROM ${sql.raw(table)} WHERE ${where(personId)}` };
    if (!("column" in entry.link)) throw new Error(`${table}: only a direct link can be cut`);
    const set = sql.raw(`${entry.erase.blank.map((c) => `${c.name} = ''`).join(", ")}, ${entry.link.column.name} = NULL`);
    return { table, count, erase: (personId: number) => sql`UPDATE ${sql.raw(table)} SET ${set} WHERE ${where(personId)}` };
  });
  return plan;
}

/**
 * Every PostgreSQL table an erasure deletes from or updates, vacuumed once it committed
 * (db/erasure-vacuum.ts): the mapped tables (their rows deleted, or unlinked and blanked), the
 * search documents (the person's removed here, a deleted report's by cascade, a kept report's
 * rewritten), the lookup's totals row their trigger updates, and the saved filters whose text is
 * cleared. The suppression list only gains rows: nothing of it is freed. A table added to the
 * personal-data map is vacuumed with the others.
 */
export const ERASURE_TABLES: readonly string[] = [
  ...PERSONAL_DATA.map((entry) => tableName(entry.table)),
  "people_search",
  "error_reports_search",
  "people_search_totals",
  "user_preferences",
];

/** The person's names (the erasure screen asks for the last name typed again); NOT_FOUND if erased or unknown. */
export async function erasureSubject(tx: Reads, personId: number): Promise<{ firstName: string; lastName: string }> {
  const person = await tx.one<{ firstName: string; lastName: string }>(sql`SELECT first_name AS "firstName", last_name AS "lastName" FROM people WHERE id = ${personId}`);
  if (!person) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  return person;
}

/** What the agent sees before confirming: counts per kind, read from the personal-data map. */
export async function erasurePreview(tx: Reads, personId: number): Promise<{ person: { firstName: string; lastName: string }; counts: ErasureCounts; keptReports: number }> {
  const person = await erasureSubject(tx, personId);
  const counts: ErasureCounts = {};
  for (const { table, count } of erasurePlan()) counts[table] = (await tx.one<{ n: number }>(count(personId)))!.n;
  const kept = (await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM (${keptReports(personId)}) AS kept`))!.n;
  counts.error_reports = (counts.error_reports ?? 0) - kept;
  return { person, counts, keptReports: kept };
}

/**
 * Removes a person and everything about them, in the caller's transaction: rows in every mapped
 * table (error reports and training requests included), their search-index entries, and — for
 * the register and the disclosure log — the link and the free text. Reports kept for the
 * product lose every personal field and the reporter's words. On SQLite the WAL still holds the
 * old pages until `emptyWal` runs after the commit.
 */
export async function erasePerson(tx: Writes, personId: number, options: { suppressContacts: boolean; now: number }): Promise<{ counts: ErasureCounts; keptReports: number }> {
  const { counts, keptReports: kept } = await erasurePreview(tx, personId);

  if (options.suppressContacts) {
    const emails = await tx.all<{ value: string }>(sql`SELECT email AS value FROM emails WHERE person_id = ${personId}`);
    const phones = await tx.all<{ value: string }>(sql`SELECT e164 AS value FROM phones WHERE person_id = ${personId}`);
    await suppress(tx, [...emails.map(({ value }) => ({ kind: "email" as const, value })), ...phones.map(({ value }) => ({ kind: "phone" as const, value }))], options.now);
  }

  for (const { id } of await tx.all<{ id: number }>(keptReports(personId))) await anonymiseReport(tx, id);

  // Which reports go, asked while the rows still say whose they are; their index entries go after.
  const reportIds = (await tx.all<{ id: number }>(sql`SELECT id FROM error_reports WHERE person_id = ${personId}`)).map((r) => r.id);
  await removeFromIndex(tx, personId);

  for (const { erase } of erasurePlan()) await tx.run(erase(personId));
  const indexEntry = REPORT_INDEX_ENTRY[tx.dialect];
  if (indexEntry) for (const id of reportIds) await tx.run(indexEntry(id));
  // Searches typed by staff may name the person: see the rule in db/preferences.ts.
  await clearSavedFilterTexts(tx);
  return { counts, keptReports: kept };
}

/**
 * A report kept for the product after its reporter is erased: product, version, severity,
 * frequency, status, support's resolution and dates remain; the reporter's words (title,
 * description, steps, environment), the call-back details and the conversation events go.
 */
export async function anonymiseReport(tx: Writes, id: number): Promise<void> {
  await tx.run(sql`
    UPDATE error_reports SET person_id = NULL, title = reference, description = '', steps = '', environment = '',
      callback_consent = ${false}, callback_phone = NULL, callback_window = '', next_callback_at = NULL, version = version + 1
    WHERE id = ${id}`);
  await tx.run(sql`DELETE FROM error_report_events WHERE report_id = ${id} AND kind IN ('comment', 'callback', 'update')`);
  await tx.run(sql`UPDATE error_report_events SET text = '' WHERE report_id = ${id}`);
  await reindexReport(tx, id);
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
