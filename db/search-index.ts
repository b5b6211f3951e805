import { sql, type SQL } from "drizzle-orm";
import { fold } from "../common/person-name";
import type { Dialect, Writes } from "./engine";
import type { Db } from "./open";
import { indexWords } from "./search-words";
import { syncOne, syncRun } from "./transition";

/**
 * Keeping the search indexes in step with the rows they index, in the transaction that changes the
 * rows: SQLite's FTS5 tables (people_fts, people_names_fts, error_reports_fts) or PostgreSQL's
 * tsvector tables (people_search, error_reports_search). Both hold the same words: text folded by
 * the app's fold(), cut by SQLite's unicode61 tokenizer (indexWords); FTS5 cuts it itself, and the
 * PostgreSQL document is written out word by word, each word's weight naming its column (A, B, C, D
 * in the FTS5 table's column order). The SQL of each engine is in INDEX_SQL, the only place the two
 * differ.
 *
 * Modules not yet on the engine (db/people.ts, companies, duplicates, erasure, reports) call the
 * `…Sync` twins: the same SQLite queries, run on their connection (db/transition.ts).
 */

/**
 * The indexed text of the people whose ids are in a range, each column folded, one row each
 * (portable: string_agg is SQLite's too). One person's for a write; a range's for a bulk build.
 */
export const peopleTexts = (fromId: number, toId: number) => sql`
  SELECT p.id AS id, fold(p.first_name || ' ' || p.last_name) AS name, fold(coalesce(c.name, '')) AS company,
         fold(coalesce((SELECT string_agg(e.email, ' ') FROM emails e WHERE e.person_id = p.id), '')) AS emails,
         fold(coalesce((SELECT string_agg(a.city, ' ') FROM addresses a WHERE a.person_id = p.id), '')) AS city
  FROM people p LEFT JOIN companies c ON c.id = p.company_id WHERE p.id BETWEEN ${fromId} AND ${toId}`;
const personText = (personId: number) => peopleTexts(personId, personId);

/** A report's indexed text, as the support queue's filter sees it. */
const reportText = (reportId: number) => sql`
  SELECT reference, title, description || ' ' || steps || ' ' || environment AS body FROM error_reports WHERE id = ${reportId}`;

interface PersonText {
  name: string;
  company: string;
  emails: string;
  city: string;
}
interface ReportText {
  reference: string;
  title: string;
  body: string;
}

/** What each engine writes and deletes. */
export const INDEX_SQL = {
  sqlite: {
    removePerson: (id: number) => [sql`DELETE FROM people_fts WHERE rowid = ${id}`, sql`DELETE FROM people_names_fts WHERE rowid = ${id}`],
    writePerson: (id: number, t: PersonText) => [
      sql`INSERT INTO people_fts (rowid, name, company, emails, city) VALUES (${id}, ${t.name}, ${t.company}, ${t.emails}, ${t.city})`,
      sql`INSERT INTO people_names_fts (rowid, name) VALUES (${id}, ${t.name})`,
    ],
    removeReport: (id: number) => [sql`DELETE FROM error_reports_fts WHERE rowid = ${id}`],
    // Not folded: error_reports_fts holds the text as written since migration 0009.
    writeReport: (id: number, t: ReportText) => [sql`INSERT INTO error_reports_fts (rowid, reference, title, body) VALUES (${id}, ${t.reference}, ${t.title}, ${t.body})`],
  },
  pg: {
    removePerson: (id: number) => [sql`DELETE FROM people_search WHERE person_id = ${id}`],
    writePerson: (id: number, t: PersonText) => [
      sql`INSERT INTO people_search (person_id, document) VALUES (${id}, ${tsvectorText([t.name, t.company, t.emails, t.city])}::tsvector)`,
    ],
    removeReport: (id: number) => [sql`DELETE FROM error_reports_search WHERE report_id = ${id}`],
    writeReport: (id: number, t: ReportText) => [
      sql`INSERT INTO error_reports_search (report_id, document) VALUES (${id}, ${tsvectorText([t.reference, t.title, "", t.body].map((text) => fold(text)))}::tsvector)`,
    ],
  },
} satisfies Record<Dialect, Record<string, (id: number, text: never) => SQL[]>>;

/** Weights of a tsvector, one per column in FTS5's column order. */
export const COLUMN_LABELS = ["A", "B", "C", "D"] as const;
/** PostgreSQL keeps positions up to this one (larger ones are stored as it). */
const MAX_POSITION = 16_383;
/** PostgreSQL refuses a longer lexeme (bytes): such a word is left out of its document. */
const MAX_LEXEME_BYTES = 2_046;

/**
 * A tsvector's text for columns of folded text: every word as unicode61 cuts it, at its position in
 * the row, weighted by its column. Quoted as tsvector input wants it (`'` and `\` doubled).
 */
export function tsvectorText(columns: string[]): string {
  const positions = new Map<string, string[]>();
  let at = 0;
  columns.forEach((text, column) => {
    if (text === "") return;
    for (const word of indexWords(text)) {
      at = Math.min(at + 1, MAX_POSITION);
      if (Buffer.byteLength(word) > MAX_LEXEME_BYTES) continue;
      const list = positions.get(word) ?? [];
      list.push(`${at}${COLUMN_LABELS[column]}`);
      positions.set(word, list);
    }
  });
  return [...positions].map(([word, at]) => `${lexeme(word)}:${at.join(",")}`).join(" ");
}

/** A word as tsvector and tsquery input quote it. */
export function lexeme(word: string): string {
  return `'${word.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** The person's words in the search index, written again (a person no longer there leaves it). */
export async function reindexPerson(tx: Writes, personId: number): Promise<void> {
  const text = await tx.one<PersonText>(personText(personId));
  for (const query of INDEX_SQL[tx.dialect].removePerson(personId)) await tx.run(query);
  if (text) for (const query of INDEX_SQL[tx.dialect].writePerson(personId, text)) await tx.run(query);
}

export async function removeFromIndex(tx: Writes, personId: number): Promise<void> {
  for (const query of INDEX_SQL[tx.dialect].removePerson(personId)) await tx.run(query);
}

/** The report's words as the queue's text filter sees them; a report no longer there leaves the index. */
export async function reindexReport(tx: Writes, reportId: number): Promise<void> {
  const text = await tx.one<ReportText>(reportText(reportId));
  for (const query of INDEX_SQL[tx.dialect].removeReport(reportId)) await tx.run(query);
  if (text) for (const query of INDEX_SQL[tx.dialect].writeReport(reportId, text)) await tx.run(query);
}

/** reindexPerson for the modules not yet on the engine (SQLite, their connection). */
export function reindexPersonSync(db: Db, personId: number): void {
  const text = syncOne<PersonText>(db, personText(personId));
  for (const query of INDEX_SQL.sqlite.removePerson(personId)) syncRun(db, query);
  if (text) for (const query of INDEX_SQL.sqlite.writePerson(personId, text)) syncRun(db, query);
}

