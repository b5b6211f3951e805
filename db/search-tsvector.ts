import { sql } from "drizzle-orm";
import type { Reads } from "./engine";
import type { TextIndex, TextQuery, WordCandidate } from "./search";
import { COLUMN_WEIGHTS, FTS_CANDIDATES, NAME_CANDIDATES, phraseMatches, type MarkedRow, type Phrase, type Totals } from "./search-ranking";
import { COLUMN_LABELS, lexeme } from "./search-index";

/**
 * The lookup's full-text index on PostgreSQL: people_search, one tsvector per person holding the
 * words SQLite's people_fts holds (db/search-index.ts), each weighted by its column, with a GIN
 * index. Asked with a tsquery written out from the same TextQuery as FTS5's query (every word of a
 * group, the last one as a prefix `:*`; the name alone with the weight `A`), it gives the same
 * candidates with the same figures, and searchPeople ranks and orders them by the same rules.
 *
 * FTS5 gives a query's rows in rowid order and the lookup takes the first ones; a GIN bitmap scan
 * gives them in the table's order. The first FTS_CANDIDATES found are ranked in id order here, so
 * ties fall as on SQLite; a word held by more rows than that may rank other rows than SQLite's
 * (ordering every match by id first would read them all: 27,000 rows for "wa"* among a million).
 */
export const TSVECTOR_SQL = {
  /**
   * The first `limit` documents matching, each as its words with one weight per occurrence
   * (`[["dupont", ["A"]], ["ch", ["C", "C"]]]`): everything bm25 weighs, in one row per candidate.
   */
  candidates: (query: string, limit: number) => sql`
    SELECT s.person_id AS id, (SELECT json_agg(json_build_array(u.lexeme, u.weights)) FROM unnest(s.document) u) AS words
    FROM people_search s WHERE s.document @@ ${query}::tsquery LIMIT ${limit}`,
  /** The same from the name's words alone (migration 0004): no weight to recheck row by row. */
  nameCandidates: (query: string, limit: number) => sql`
    SELECT s.person_id AS id, (SELECT json_agg(json_build_array(u.lexeme, u.weights)) FROM unnest(s.document) u) AS words
    FROM people_search s WHERE s.names @@ ${query}::tsquery LIMIT ${limit}`,
  rowCount: (query: string, limit: number) => sql`SELECT count(*) AS n FROM (SELECT 1 FROM people_search WHERE document @@ ${query}::tsquery LIMIT ${limit}) AS found`,
  totals: sql`SELECT rows, tokens FROM people_search_totals WHERE id = 1`,
  rows: (ids: number[]) => sql`
    SELECT p.id AS "personId", p.salutation, p.first_name AS "firstName", p.last_name AS "lastName", c.name AS company,
           (SELECT city FROM addresses a WHERE a.person_id = p.id ORDER BY a.id LIMIT 1) AS city,
           (SELECT e164 FROM phones ph WHERE ph.person_id = p.id ORDER BY ph.is_primary DESC, ph.id LIMIT 1) AS "primaryPhone",
           p.last_contact_at AS "lastContactAt"
    FROM unnest(${`{${ids.join(",")}}`}::int8[]) AS j(id) JOIN people p ON p.id = j.id LEFT JOIN companies c ON c.id = p.company_id`,
};

/** The tsquery of a TextQuery: any group, every phrase of a group. */
export function tsquery(query: TextQuery): string {
  const phrase = (p: Phrase) => `${lexeme(p.word)}${p.prefix ? ":*" : ""}`;
  const groups = query.groups.map((group) => group.map(phrase).join(" & "));
  return groups.length === 1 ? groups[0]! : groups.map((g) => `(${g})`).join(" | ");
}

interface Candidate {
  id: number;
  /** Each word of the document with one weight (column) per occurrence. */
  words: [string, string[]][];
}

export function tsvectorIndex(tx: Reads): TextIndex {
  const candidates = async (query: string, limit: number, of: "document" | "names" = "document") => {
    const rows = await tx.all<{ id: number; words: [string, string[]][] | null }>((of === "names" ? TSVECTOR_SQL.nameCandidates : TSVECTOR_SQL.candidates)(query, limit));
    // In id order, as FTS5 gives them: ties keep it (search-ranking.ts bestFirst).
    return rows.map((row) => ({ id: row.id, words: row.words ?? [] })).sort((a, b) => a.id - b.id);
  };
  const phrasesOf = (query: TextQuery) => query.groups.flat();
  return {
    totals: async (): Promise<Totals> => {
      const row = await tx.one<{ rows: number; tokens: number }>(TSVECTOR_SQL.totals);
      const rows = Number(row?.rows ?? 0);
      return { rows, averageLength: rows === 0 ? 0 : Number(row!.tokens) / rows };
    },
    oneWord: async (query) => {
      const phrases = phrasesOf(query);
      return (await candidates(tsquery(query), FTS_CANDIDATES)).map((c) => weighed(c, phrases, false));
    },
    names: async (query, whole) => {
      const exact: TextQuery = whole ? { ...query, groups: query.groups.map((g) => g.map((p) => ({ ...p, prefix: false }))) } : query;
      const phrases = phrasesOf(exact);
      return (await candidates(tsquery(exact), NAME_CANDIDATES, "names")).map((c) => weighed(c, phrases, true));
    },
    marked: async (query) => {
      const phrases = phrasesOf(query);
      return (await candidates(tsquery(query), FTS_CANDIDATES)).map((c) => marked(c, phrases));
    },
    rowCount: async (query, limit) => Number((await tx.one<{ n: number }>(TSVECTOR_SQL.rowCount(tsquery(query), limit)))?.n ?? 0),
  };
}

const columnOf = (label: string) => Math.max(0, (COLUMN_LABELS as readonly string[]).indexOf(label));
const lengthOf = (c: Candidate) => c.words.reduce((sum, [, labels]) => sum + labels.length, 0);

/** A one-phrase candidate's weighted occurrences (the name's alone for `nameOnly`), as FTS5's highlight() counts them. */
function weighed(c: Candidate, phrases: Phrase[], nameOnly: boolean): WordCandidate {
  let frequency = 0;
  for (const [word, labels] of c.words) {
    if (!phrases.some((p) => phraseMatches(p, word))) continue;
    for (const label of labels) if (!nameOnly || label === COLUMN_LABELS[0]) frequency += COLUMN_WEIGHTS[columnOf(label)]!;
  }
  return { id: c.id, frequency, length: lengthOf(c) };
}

/** A candidate with the words that matched any phrase, per column, as FTS5's highlight() marks them. */
function marked(c: Candidate, phrases: Phrase[]): MarkedRow {
  const words: string[][] = COLUMN_LABELS.map(() => []);
  let nameLength = 0;
  for (const [word, labels] of c.words) {
    const matches = phrases.some((p) => phraseMatches(p, word));
    for (const label of labels) {
      if (label === COLUMN_LABELS[0]) nameLength++;
      if (matches) words[columnOf(label)]!.push(word);
    }
  }
  return { id: c.id, length: lengthOf(c), nameLength, words };
}
