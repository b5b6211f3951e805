import type { Db, ReadableDb } from "./open";
import type { SearchHit } from "../common/contract/people";
import { foldTokens, indexWords } from "./search-words";
import { bestFirst, bm25Part, COLUMN_WEIGHTS, markedTokens, nameLength, rowLength, scoreMarked, totalsOf, type MarkedRow, type Phrase, type Totals } from "./search-ranking";
import { phoneSearch, reversedDigits } from "../common/phone";
import { statement as stmt } from "./statements";

export type { SearchHit };

export const MAX_HITS = 20;
/**
 * FTS candidates ranked, per query: the first this many rows the index holds for it, as issue 16
 * sets for PostgreSQL too. Bounded, because ranking every match of "mü" costs 100× more.
 */
export const FTS_CANDIDATES = 100;
/**
 * Name candidates for a short prefix (2 or 3 letters, as typed): the first this many rows holding
 * it in the name. Fewer than FTS_CANDIDATES, so the keystroke stays within 3× of a plain FTS5
 * query; every one of them holds the prefix in the name, which is what the agent is typing.
 */
export const NAME_CANDIDATES = 40;
/** The letters of a prefix read as the beginning of a name (shorter ones wait: see allWords). */
const SHORT_PREFIX = { min: 2, max: 3 } as const;
/** Past the last digit of a range: ":" sorts right after "9". */
const AFTER_DIGITS = ":";

/** Text of one person as the full-text index sees it. */
export function reindexPerson(db: Db, personId: number): void {
  const row = db.sqlite
    .prepare(
      `SELECT p.first_name || ' ' || p.last_name AS name, coalesce(c.name, '') AS company,
              coalesce((SELECT group_concat(email, ' ') FROM emails WHERE person_id = p.id), '') AS emails,
              coalesce((SELECT group_concat(city, ' ') FROM addresses WHERE person_id = p.id), '') AS city
       FROM people p LEFT JOIN companies c ON c.id = p.company_id WHERE p.id = ?`,
    )
    .get(personId) as { name: string; company: string; emails: string; city: string } | undefined;
  removeFromIndex(db, personId);
  if (!row) return;
  stmt(db, "INSERT INTO people_fts (rowid, name, company, emails, city) VALUES (?, ?, ?, ?, ?)").run(personId, row.name, row.company, row.emails, row.city);
  stmt(db, "INSERT INTO people_names_fts (rowid, name) VALUES (?, ?)").run(personId, row.name);
}

export function removeFromIndex(db: Db, personId: number): void {
  stmt(db, "DELETE FROM people_fts WHERE rowid = ?").run(personId);
  stmt(db, "DELETE FROM people_names_fts WHERE rowid = ?").run(personId);
}

/** Words of the query at most: enough for a name, a company and a city. */
const MAX_QUERY_WORDS = 8;

/**
 * The FTS5 query for what the agent typed: the words SQLite's tokenizer makes of it, so they are
 * exactly the words the index holds (see indexWords), each quoted (so `"`, `*`, NEAR, AND, - are
 * just text), all required in any order, the last one as a prefix while it is being typed.
 * Typed in NFC, as every text is stored; when the agent typed compatibility characters
 * (full-width "Ｄｕｐｏｎｔ", the ligature "ﬁ"), their plain spelling (NFKC) is searched as well,
 * since the index keeps each text as it was stored: stored "𝔘𝔫𝔦𝔠𝔬𝔡𝔢" is found as typed, stored
 * "Dupont" by its full-width spelling too.
 */
export function ftsQuery(text: string, prefixLast = true): string | null {
  return textQuery(text, prefixLast)?.match ?? null;
}

/** The FTS5 query (ftsQuery) and its phrases: any of the groups, every phrase of a group. */
export interface TextQuery {
  match: string;
  groups: Phrase[][];
}

export function textQuery(text: string, prefixLast = true): TextQuery | null {
  const nfc = text.normalize("NFC");
  const nfkc = text.normalize("NFKC");
  const typed = allWords(indexWords(nfc), prefixLast);
  const plain = nfkc === nfc ? typed : allWords(indexWords(nfkc), prefixLast);
  if (typed === null || plain === null || matchOf(typed) === matchOf(plain)) {
    const only = typed ?? plain;
    return only && { match: matchOf(only), groups: [only] };
  }
  return { match: `(${matchOf(typed)}) OR (${matchOf(plain)})`, groups: [typed, plain] };
}

function allWords(words: string[], prefixLast: boolean): Phrase[] | null {
  const kept = words.slice(0, MAX_QUERY_WORDS);
  if (kept.length === 0) return null;
  // A one-letter prefix would merge the postings of every word with that letter; wait for two.
  return kept.map((word, i) => ({ word, prefix: prefixLast && i === kept.length - 1 && [...word].length >= 2 }));
}

/** Each word quoted (so `"`, `*`, NEAR, AND, - are just text), all required in any order. */
function matchOf(phrases: Phrase[]): string {
  return phrases.map((p) => `"${p.word.replaceAll('"', '""')}"${p.prefix ? "*" : ""}`).join(" ");
}

/** "022 735…", "+41 022…", "(022) 7…" as the start of an E.164 number (common/phone.ts); null for bare digits or text. */
export function e164Prefix(query: string): string | null {
  const phone = phoneSearch(query);
  return phone?.from === "start" ? phone.start : null;
}

/** Every query shape the lookup runs; tests check each one's plan uses an index. */
export const SEARCH_SQL = {
  phonePrefix: "SELECT person_id AS id, e164 FROM phones WHERE e164 >= ? AND e164 < ? LIMIT 50",
  trailingDigits: "SELECT person_id FROM phones WHERE digits_reversed >= ? AND digits_reversed < ? LIMIT 50",
  emailPrefix: "SELECT person_id AS id, email FROM emails WHERE email >= ? AND email < ? LIMIT 50",
  /**
   * One typed word: the first FTS_CANDIDATES rows holding it, with what bm25 weighs for each (the
   * word's occurrences per column, counted as the markers highlight() adds, and the row's length
   * in tokens), ranked in searchPeople (db/search-ranking.ts). An empty column (three people in
   * four have no company) is not highlighted: a sixth of the query's time.
   */
  oneWordCandidates: `SELECT f.rowid AS id,
            length(highlight(people_fts, 0, char(1), '')) - length(f.name) AS name,
            CASE f.company WHEN '' THEN 0 ELSE length(highlight(people_fts, 1, char(1), '')) - length(f.company) END AS company,
            CASE f.emails WHEN '' THEN 0 ELSE length(highlight(people_fts, 2, char(1), '')) - length(f.emails) END AS emails,
            CASE f.city WHEN '' THEN 0 ELSE length(highlight(people_fts, 3, char(1), '')) - length(f.city) END AS city,
            d.sz AS sizes
     FROM people_fts f LEFT JOIN people_fts_docsize d ON d.id = f.rowid WHERE people_fts MATCH @match LIMIT ${FTS_CANDIDATES}`,
  /**
   * A short word or prefix (shortWord), in the name only (an FTS5 column filter: `name : "wa"*`): the
   * first NAME_CANDIDATES rows, with the prefix's occurrences in the name (highlight() marks only
   * the filtered column) and the row's length, ranked as oneWordCandidates' rows.
   */
  nameCandidates: `SELECT f.rowid AS id, length(highlight(people_fts, 0, char(1), '')) - length(f.name) AS name, d.sz AS sizes
     FROM people_fts f LEFT JOIN people_fts_docsize d ON d.id = f.rowid WHERE people_fts MATCH @match LIMIT ${NAME_CANDIDATES}`,
  /**
   * The same for a short word whole, from the names-only index (migration 0012): people_fts would
   * walk every row holding the word in any column ("ch": every .ch address). Its rows are the
   * ones `name : "ch"` gives, in the same order, with people_fts's lengths for the ranking.
   */
  wholeNameCandidates: `SELECT n.rowid AS id, length(highlight(people_names_fts, 0, char(1), '')) - length(n.name) AS name, d.sz AS sizes
     FROM people_names_fts n LEFT JOIN people_fts_docsize d ON d.id = n.rowid WHERE people_names_fts MATCH @match LIMIT ${NAME_CANDIDATES}`,
  /**
   * Several words: the same candidates, each column with its matched tokens marked, to tell which
   * word each one is (a count per column cannot), and whether the row's own text holds a marker.
   */
  markedCandidates: `SELECT f.rowid AS id,
            highlight(people_fts, 0, @open, @close) AS name,
            highlight(people_fts, 1, @open, @close) AS company,
            highlight(people_fts, 2, @open, @close) AS emails,
            highlight(people_fts, 3, @open, @close) AS city,
            instr(f.name || f.company || f.emails || f.city, @open) + instr(f.name || f.company || f.emails || f.city, @close) > 0 AS holdsMarker,
            d.sz AS sizes
     FROM people_fts f LEFT JOIN people_fts_docsize d ON d.id = f.rowid WHERE people_fts MATCH @match LIMIT ${FTS_CANDIDATES}`,
  /** How many rows a query holds, up to @limit: the rowids alone, nothing marked. */
  rowCount: "SELECT count(*) FROM (SELECT rowid FROM people_fts WHERE people_fts MATCH @match LIMIT @limit)",
  /**
   * One row whose text holds the usual markers: its text, then its columns marked with others.
   * The id as an integer: a JavaScript number is bound as a real, and FTS5 ignores a real rowid
   * beside MATCH (every matching row comes back).
   */
  indexedText: "SELECT name, company, emails, city FROM people_fts WHERE rowid = ?",
  markedRow: `SELECT highlight(people_fts, 0, @open, @close) AS name, highlight(people_fts, 1, @open, @close) AS company,
            highlight(people_fts, 2, @open, @close) AS emails, highlight(people_fts, 3, @open, @close) AS city
     FROM people_fts WHERE people_fts MATCH @match AND rowid = CAST(@id AS INTEGER)`,
  /** The index's row count and token count per column (FTS5's "averages" record). */
  totals: "SELECT block FROM people_fts_data WHERE id = 1",
  recent: "SELECT id FROM people WHERE last_contact_at IS NOT NULL ORDER BY last_contact_at DESC LIMIT ?",
  rows: `SELECT p.id AS personId, p.salutation, p.first_name AS firstName, p.last_name AS lastName, c.name AS company,
            (SELECT city FROM addresses a WHERE a.person_id = p.id ORDER BY a.id LIMIT 1) AS city,
            (SELECT e164 FROM phones ph WHERE ph.person_id = p.id ORDER BY ph.is_primary DESC, ph.id LIMIT 1) AS primaryPhone,
            p.last_contact_at AS lastContactAt
     FROM json_each(?) j JOIN people p ON p.id = j.value LEFT JOIN companies c ON c.id = p.company_id`,
} as const;

const score = { exact: 0, phonePrefix: 1, emailPrefix: 2, textWords: 3, text: 4 } as const;

export function searchPeople(db: ReadableDb, query: string, limit = MAX_HITS): SearchHit[] {
  const q = query.normalize("NFC").trim();
  if (q === "") return recentCallers(db, limit);

  // personId → rank (lower is better) and what matched, best kept.
  const found = new Map<number, { rank: number; order: number; by: SearchHit["matchedBy"] }>();
  let order = 0;
  const add = (ids: number[], rank: number, by: SearchHit["matchedBy"]) => {
    for (const id of ids) {
      const seen = found.get(id);
      if (!seen || seen.rank > rank) found.set(id, { rank, order: order++, by });
    }
  };

  // One reading of a typed number for the whole app (common/phone.ts): its beginning, or its end.
  const phone = phoneSearch(q);
  const phoneLike = phone !== null;
  if (phone?.from === "start") {
    const rows = stmt(db, SEARCH_SQL.phonePrefix).all(phone.start, phone.start + AFTER_DIGITS) as { id: number; e164: string }[];
    add(rows.filter((r) => r.e164 === phone.whole).map((r) => r.id), score.exact, "phone");
    add(rows.map((r) => r.id), score.phonePrefix, "phone");
  } else if (phone) {
    const reversed = reversedDigits(phone.digits);
    const ids = stmt(db, SEARCH_SQL.trailingDigits).pluck().all(reversed, reversed + AFTER_DIGITS) as number[];
    add(ids, score.phonePrefix, "phone");
  }

  if (q.includes("@")) {
    const email = q.toLowerCase();
    const rows = stmt(db, SEARCH_SQL.emailPrefix).all(email, email + "\uffff") as { id: number; email: string }[];
    add(rows.filter((r) => r.email === email).map((r) => r.id), score.exact, "email");
    add(rows.map((r) => r.id), score.emailPrefix, "email");
  }

  // Digits and phone punctuation only: names, companies and cities hold nothing to find.
  const match = phoneLike ? null : textQuery(q);
  if (match && found.size < limit) {
    // Whole words first ("dupont" ranks Dupont above Dupontel), then the last word as a prefix.
    // Every hit so far ranks above any prefix-only hit: with `limit` of them, the prefix query
    // ("wagner"* merges every word that starts so) would add only rows cut below. A surname with
    // 20 namesakes is answered by the whole-word query alone.
    const words = textQuery(q, false);
    const totals = lazyTotals(db);
    if (!words || words.match === match.match) add(rankedText(db, match, limit, totals), score.text, "text");
    else if (shortWord(match)) {
      // The first letters of a name, as typed: people so named first, the word whole, then as a
      // prefix ("ch" is also every ".ch" address, "sa" every "SA" company). Only when fewer than
      // `limit` are, the whole text fills the list (a company, an address, a city so spelt).
      add(rankedNames(db, words, limit, totals, true), score.textWords, "text");
      if (found.size < limit) add(rankedNames(db, match, limit, totals, false), score.text, "text");
      if (found.size < limit) add(rankedText(db, words, limit, totals), score.text, "text");
      if (found.size < limit) add(rankedText(db, match, limit, totals), score.text, "text");
    } else if (match.groups.length === 1 && match.groups[0]!.length === 1) {
      add(rankedText(db, words, limit, totals), score.textWords, "text");
      if (found.size < limit) add(rankedText(db, match, limit, totals), score.text, "text");
    } else if ((stmt(db, SEARCH_SQL.rowCount).pluck().get({ match: words.match, limit }) as number) >= limit) {
      // Several words, whole, in `limit` rows or more ("De Pury"): they fill the list, and the
      // prefix query is asked only if ranking drops some. Counting stops at `limit`; marking
      // rows is what costs, and the prefix query's would all be cut.
      add(rankMarked(markedCandidates(db, words), words, limit, totals), score.textWords, "text");
      if (found.size < limit) add(rankMarked(markedCandidates(db, match), match, limit, totals), score.text, "text");
    } else {
      // Several words: the prefix query first. When it holds fewer rows than the candidates, it
      // holds every whole-word match as well (its rows, its order), which it tells apart.
      const prefixRows = markedCandidates(db, match);
      const wordRows = prefixRows.length < FTS_CANDIDATES ? prefixRows : markedCandidates(db, words);
      add(rankMarked(wordRows, words, limit, totals), score.textWords, "text");
      if (found.size < limit) add(rankMarked(prefixRows, match, limit, totals), score.text, "text");
    }
  }

  const ranked = [...found.entries()].sort((a, b) => a[1].rank - b[1].rank || a[1].order - b[1].order).slice(0, limit);
  const rows = hitRows(db, ranked.map(([id]) => id));
  return ranked.flatMap(([id, m]) => {
    const row = rows.get(id);
    return row ? [{ ...row, matchedBy: m.by }] : [];
  });
}

/** The index's totals, read once per lookup and only if a text query runs. */
function lazyTotals(db: ReadableDb): () => Totals {
  let totals: Totals | undefined;
  return () => (totals ??= totalsOf(stmt(db, SEARCH_SQL.totals).pluck().get() as Buffer));
}

/**
 * The `limit` best of the first FTS_CANDIDATES rows matching `query`, in bm25's order for one word
 * (db/search-ranking.ts). A row holding one word several times, or the word in its name, ranks
 * higher; of two alike, the shorter row.
 */
function rankedText(db: ReadableDb, query: TextQuery, limit: number, totals: () => Totals): number[] {
  if (query.groups.length > 1 || query.groups[0]!.length > 1) return rankMarked(markedCandidates(db, query), query, limit, totals);
  const rows = stmt(db, SEARCH_SQL.oneWordCandidates).all({ match: query.match }) as ({ id: number; sizes: Buffer | null } & Record<"name" | "company" | "emails" | "city", number>)[];
  if (rows.length === 0) return [];
  const scored = rows.map((row) => {
    const [name, company, emails, city] = COLUMN_WEIGHTS;
    const frequency = row.name * name + row.company * company + row.emails * emails + row.city * city;
    return { id: row.id, score: bm25Part(frequency, rowLength(row.sizes), totals()) };
  });
  return bestFirst(scored, limit);
}

/** One word of 2 or 3 letters: what an agent has typed of a name so far. */
function shortWord(query: TextQuery): boolean {
  if (query.groups.length !== 1 || query.groups[0]!.length !== 1) return false;
  const letters = [...query.groups[0]![0]!.word].length;
  return letters >= SHORT_PREFIX.min && letters <= SHORT_PREFIX.max;
}

/** The `limit` best of the first NAME_CANDIDATES rows holding the word in the name, by bm25 (the name alone). */
function rankedNames(db: ReadableDb, query: TextQuery, limit: number, totals: () => Totals, whole: boolean): number[] {
  const rows = (
    whole ? stmt(db, SEARCH_SQL.wholeNameCandidates).all({ match: query.match }) : stmt(db, SEARCH_SQL.nameCandidates).all({ match: `name : ${query.match}` })
  ) as { id: number; name: number; sizes: Buffer | null }[];
  if (rows.length === 0) return [];
  const [name] = COLUMN_WEIGHTS;
  return bestFirst(rows.map((row) => ({ id: row.id, score: bm25Part(row.name * name, rowLength(row.sizes), totals()) })), limit);
}

/** The rows `query` matches among `rows` (all of them when they are its own candidates), ranked. */
function rankMarked(rows: MarkedRow[], query: TextQuery, limit: number, totals: () => Totals): number[] {
  if (rows.length === 0) return [];
  return bestFirst(
    rows.flatMap((row) => {
      const scored = scoreMarked(row, query.groups, totals());
      return scored === null ? [] : [{ id: row.id, ...scored }];
    }),
    limit,
  );
}

/** Markers that a stored text seldom holds (private use); a row holding them is marked again with others. */
const OPEN = "\ue000";
const CLOSE = "\ue001";
type MarkedColumns = Record<"name" | "company" | "emails" | "city", string>;

/** The first FTS_CANDIDATES rows matching `query`, with the index's word for every token it matched, per column. */
function markedCandidates(db: ReadableDb, query: TextQuery): MarkedRow[] {
  const rows = stmt(db, SEARCH_SQL.markedCandidates).all({ match: query.match, open: OPEN, close: CLOSE }) as (MarkedColumns & {
    id: number;
    holdsMarker: number;
    sizes: Buffer | null;
  })[];
  const marked = rows.map((row) => {
    const columns = row.holdsMarker ? markedAgain(db, query, row.id) : { ...row, open: OPEN, close: CLOSE };
    const tokens = [columns.name, columns.company, columns.emails, columns.city].map((text) => markedTokens(text, columns.open, columns.close));
    return { id: row.id, length: rowLength(row.sizes), nameLength: nameLength(row.sizes), tokens };
  });
  // One call to fold every new token of every row (search-words.ts).
  const words = foldTokens(marked.flatMap((row) => row.tokens.flat()));
  let next = 0;
  return marked.map(({ tokens, ...row }) => ({ ...row, words: tokens.map((column) => column.map(() => words[next++]!)) }));
}

/** One row marked with characters its text does not hold. */
function markedAgain(db: ReadableDb, query: TextQuery, id: number): MarkedColumns & { open: string; close: string } {
  const text = Object.values(stmt(db, SEARCH_SQL.indexedText).get(id) as MarkedColumns).join("");
  const unused: string[] = [];
  for (let code = 0xe000; unused.length < 2; code++) if (!text.includes(String.fromCodePoint(code))) unused.push(String.fromCodePoint(code));
  const [open, close] = unused as [string, string];
  return { ...(stmt(db, SEARCH_SQL.markedRow).get({ match: query.match, open, close, id }) as MarkedColumns), open, close };
}

function recentCallers(db: ReadableDb, limit: number): SearchHit[] {
  const ids = stmt(db, SEARCH_SQL.recent).pluck().all(limit) as number[];
  const rows = hitRows(db, ids);
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [{ ...row, matchedBy: "recent" as const }] : [];
  });
}

/**
 * The columns a result row shows, for a handful of people, in one indexed query. The number
 * stays E.164 as stored: the screen formats it, as it does every other number.
 */
function hitRows(db: ReadableDb, ids: number[]): Map<number, Omit<SearchHit, "matchedBy">> {
  if (ids.length === 0) return new Map();
  const rows = stmt(db, SEARCH_SQL.rows).all(JSON.stringify(ids)) as Omit<SearchHit, "matchedBy">[];
  return new Map(rows.map((r) => [r.personId, r]));
}
