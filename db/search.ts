import { PlainQuery, type Dialect, type Query, type Reads } from "./engine";
import type { SearchHit } from "../common/contract/people";
import { foldTokens, indexWords } from "./search-words";
import { bestFirst, bm25Part, COLUMN_WEIGHTS, FTS_CANDIDATES, NAME_CANDIDATES, markedTokens, nameLength, rowLength, scoreMarked, totalsOf, type MarkedRow, type Phrase, type Totals } from "./search-ranking";
import { tsquery, tsvectorIndex, TSVECTOR_SQL } from "./search-tsvector";
import { phoneSearch, reversedDigits } from "../common/phone";
import { fold } from "../common/person-name";

export type { SearchHit };

export const MAX_HITS = 20;
export { FTS_CANDIDATES, NAME_CANDIDATES } from "./search-ranking";
/** The letters of a prefix read as the beginning of a name (shorter ones wait: see allWords). */
const SHORT_PREFIX = { min: 2, max: 3 } as const;
/** Past the last digit of a range: ":" sorts right after "9". */
const AFTER_DIGITS = ":";

/**
 * Index maintenance lives in db/search-index.ts (one place per engine); re-exported here, where the
 * modules that keep the index in step have always found it.
 */
export { reindexPerson, reindexPersonSync, removeFromIndex } from "./search-index";

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

/**
 * The tsquery for a text filter typed by a user on PostgreSQL, as `ftsQuery` gives FTS5's: its
 * folded words (the search documents are folded, db/search-index.ts), the last one as a prefix.
 */
export function tsqueryOf(text: string, prefixLast = true): string | null {
  const query = textQuery(fold(text.normalize("NFC")), prefixLast);
  return query && tsquery(query);
}

/** "022 735…", "+41 022…", "(022) 7…" as the start of an E.164 number (common/phone.ts); null for bare digits or text. */
export function e164Prefix(query: string): string | null {
  const phone = phoneSearch(query);
  return phone?.from === "start" ? phone.start : null;
}

/**
 * Every query shape the lookup runs on SQLite; tests check each one's plan uses an index. The
 * number, e-mail and recent-callers queries are plain SQL and run as they are on PostgreSQL too
 * (through `bound`); the full-text ones have their PostgreSQL twins in db/search-tsvector.ts.
 */
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


/**
 * A SEARCH_SQL text with its values, as a query either engine runs: `?` takes the next of a list,
 * `@name` the value of that name (the texts hold neither in any other sense). The texts stay plain
 * strings: the plan test and the bench prepare them as they are.
 */
export function bound(text: string, values: readonly unknown[] | Record<string, unknown> = []): PlainQuery {
  if (Array.isArray(values)) return new PlainQuery(text, values);
  // `@name`s become `?`s, once per text; the values follow in the names' order.
  let plain = namedTexts.get(text);
  if (!plain) {
    const names: string[] = [];
    plain = { text: text.replace(/@([A-Za-z]+)/g, (_all, name: string) => (names.push(name), "?")), names };
    namedTexts.set(text, plain);
  }
  return new PlainQuery(plain.text, plain.names.map((name) => (values as Record<string, unknown>)[name]));
}
const namedTexts = new Map<string, { text: string; names: string[] }>();

/** A candidate of a one-word query: the word's occurrences weighted by column, and the row's length in tokens. */
export interface WordCandidate {
  id: number;
  frequency: number;
  length: number;
}

/**
 * What the lookup asks of a full-text index, whichever engine holds it: candidates (at most
 * FTS_CANDIDATES, or NAME_CANDIDATES from the names), with the figures bm25 weighs, so the ranking
 * and the order rules (db/search-ranking.ts, searchPeople) are one for both engines.
 */
export interface TextIndex {
  totals(): Promise<Totals>;
  /** One phrase in any column: its weighted occurrences per row. */
  oneWord(query: TextQuery): Promise<WordCandidate[]>;
  /** One phrase in the name only (`whole`: the word whole, else as the query says), weighted as the name. */
  names(query: TextQuery, whole: boolean): Promise<WordCandidate[]>;
  /** The rows matching the query, with the index's word of every token that matched, per column. */
  marked(query: TextQuery): Promise<MarkedRow[]>;
  /** How many rows the query matches, counting up to `limit`. */
  rowCount(query: TextQuery, limit: number): Promise<number>;
}

/** The engine's full-text index: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL (db/search-tsvector.ts). */
const TEXT_INDEX: Record<Dialect, (tx: Reads) => TextIndex> = { sqlite: (tx) => fts5Index(tx), pg: (tx) => tsvectorIndex(tx) };

/** The rows a result shows, for a handful of ids (SQLite reads a JSON array; PostgreSQL an int8[]). */
const HIT_ROWS: Record<Dialect, (ids: number[]) => Query> = {
  sqlite: (ids) => bound(SEARCH_SQL.rows, [JSON.stringify(ids)]),
  pg: (ids) => TSVECTOR_SQL.rows(ids),
};

const score = { exact: 0, phonePrefix: 1, emailPrefix: 2, textWords: 3, text: 4 } as const;

export async function searchPeople(tx: Reads, query: string, limit = MAX_HITS): Promise<SearchHit[]> {
  const q = query.normalize("NFC").trim();
  if (q === "") return recentCallers(tx, limit);

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
    const rows = await tx.all<{ id: number; e164: string }>(bound(SEARCH_SQL.phonePrefix, [phone.start, phone.start + AFTER_DIGITS]));
    add(rows.filter((r) => r.e164 === phone.whole).map((r) => r.id), score.exact, "phone");
    add(rows.map((r) => r.id), score.phonePrefix, "phone");
  } else if (phone) {
    const reversed = reversedDigits(phone.digits);
    const rows = await tx.all<{ person_id: number }>(bound(SEARCH_SQL.trailingDigits, [reversed, reversed + AFTER_DIGITS]));
    add(rows.map((r) => r.person_id), score.phonePrefix, "phone");
  }

  if (q.includes("@")) {
    const email = q.toLowerCase();
    const rows = await tx.all<{ id: number; email: string }>(bound(SEARCH_SQL.emailPrefix, [email, email + "\uffff"]));
    add(rows.filter((r) => r.email === email).map((r) => r.id), score.exact, "email");
    add(rows.map((r) => r.id), score.emailPrefix, "email");
  }

  // Digits and phone punctuation only: names, companies and cities hold nothing to find.
  // The index holds folded text (migration 0013): "soren" finds Søren, "Søren" too.
  const folded = fold(q);
  const match = phoneLike ? null : textQuery(folded);
  if (match && found.size < limit) {
    // Whole words first ("dupont" ranks Dupont above Dupontel), then the last word as a prefix.
    // Every hit so far ranks above any prefix-only hit: with `limit` of them, the prefix query
    // ("wagner"* merges every word that starts so) would add only rows cut below. A surname with
    // 20 namesakes is answered by the whole-word query alone.
    const words = textQuery(folded, false);
    const index = TEXT_INDEX[tx.dialect](tx);
    const totals = lazyTotals(index);
    if (!words || words.match === match.match) add(await rankedText(index, match, limit, totals), score.text, "text");
    else if (shortWord(match)) {
      // The first letters of a name, as typed: people so named first, the word whole, then as a
      // prefix ("ch" is also every ".ch" address, "sa" every "SA" company). Only when fewer than
      // `limit` are, the whole text fills the list (a company, an address, a city so spelt).
      add(await rankedNames(index, words, limit, totals, true), score.textWords, "text");
      if (found.size < limit) add(await rankedNames(index, match, limit, totals, false), score.text, "text");
      if (found.size < limit) add(await rankedText(index, words, limit, totals), score.text, "text");
      if (found.size < limit) add(await rankedText(index, match, limit, totals), score.text, "text");
    } else if (match.groups.length === 1 && match.groups[0]!.length === 1) {
      add(await rankedText(index, words, limit, totals), score.textWords, "text");
      if (found.size < limit) add(await rankedText(index, match, limit, totals), score.text, "text");
    } else if ((await index.rowCount(words, limit)) >= limit) {
      // Several words, whole, in `limit` rows or more ("De Pury"): they fill the list, and the
      // prefix query is asked only if ranking drops some. Counting stops at `limit`; marking
      // rows is what costs, and the prefix query's would all be cut.
      add(await rankMarked(await index.marked(words), words, limit, totals), score.textWords, "text");
      if (found.size < limit) add(await rankMarked(await index.marked(match), match, limit, totals), score.text, "text");
    } else {
      // Several words: the prefix query first. When it holds fewer rows than the candidates, it
      // holds every whole-word match as well (its rows, its order), which it tells apart.
      const prefixRows = await index.marked(match);
      const wordRows = prefixRows.length < FTS_CANDIDATES ? prefixRows : await index.marked(words);
      add(await rankMarked(wordRows, words, limit, totals), score.textWords, "text");
      if (found.size < limit) add(await rankMarked(prefixRows, match, limit, totals), score.text, "text");
    }
  }

  const ranked = [...found.entries()].sort((a, b) => a[1].rank - b[1].rank || a[1].order - b[1].order).slice(0, limit);
  const rows = await hitRows(tx, ranked.map(([id]) => id));
  return ranked.flatMap(([id, m]) => {
    const row = rows.get(id);
    return row ? [{ ...row, matchedBy: m.by }] : [];
  });
}

/** The index's totals, read once per lookup and only if a text query runs. */
function lazyTotals(index: TextIndex): () => Promise<Totals> {
  let totals: Promise<Totals> | undefined;
  return () => (totals ??= index.totals());
}

/**
 * The `limit` best of the first FTS_CANDIDATES rows matching `query`, in bm25's order for one word
 * (db/search-ranking.ts). A row holding one word several times, or the word in its name, ranks
 * higher; of two alike, the shorter row.
 */
async function rankedText(index: TextIndex, query: TextQuery, limit: number, totals: () => Promise<Totals>): Promise<number[]> {
  if (query.groups.length > 1 || query.groups[0]!.length > 1) return rankMarked(await index.marked(query), query, limit, totals);
  const rows = await index.oneWord(query);
  if (rows.length === 0) return [];
  const all = await totals();
  return bestFirst(
    rows.map((row) => ({ id: row.id, score: bm25Part(row.frequency, row.length, all) })),
    limit,
  );
}

/** One word of 2 or 3 letters: what an agent has typed of a name so far. */
function shortWord(query: TextQuery): boolean {
  if (query.groups.length !== 1 || query.groups[0]!.length !== 1) return false;
  const letters = [...query.groups[0]![0]!.word].length;
  return letters >= SHORT_PREFIX.min && letters <= SHORT_PREFIX.max;
}

/** The `limit` best of the first NAME_CANDIDATES rows holding the word in the name, by bm25 (the name alone). */
async function rankedNames(index: TextIndex, query: TextQuery, limit: number, totals: () => Promise<Totals>, whole: boolean): Promise<number[]> {
  const rows = await index.names(query, whole);
  if (rows.length === 0) return [];
  const all = await totals();
  return bestFirst(
    rows.map((row) => ({ id: row.id, score: bm25Part(row.frequency, row.length, all) })),
    limit,
  );
}

/** The rows `query` matches among `rows` (all of them when they are its own candidates), ranked. */
async function rankMarked(rows: MarkedRow[], query: TextQuery, limit: number, totals: () => Promise<Totals>): Promise<number[]> {
  if (rows.length === 0) return [];
  const all = await totals();
  return bestFirst(
    rows.flatMap((row) => {
      const scored = scoreMarked(row, query.groups, all);
      return scored === null ? [] : [{ id: row.id, ...scored }];
    }),
    limit,
  );
}

/** SQLite's FTS5 tables (people_fts, people_names_fts), asked with SEARCH_SQL. */
function fts5Index(tx: Reads): TextIndex {
  const [name, company, emails, city] = COLUMN_WEIGHTS;
  return {
    totals: async () => totalsOf((await tx.one<{ block: Uint8Array }>(bound(SEARCH_SQL.totals)))!.block),
    oneWord: async (query) => {
      const rows = await tx.all<{ id: number; sizes: Uint8Array | null } & Record<"name" | "company" | "emails" | "city", number>>(
        bound(SEARCH_SQL.oneWordCandidates, { match: query.match }),
      );
      return rows.map((row) => ({ id: row.id, frequency: row.name * name + row.company * company + row.emails * emails + row.city * city, length: rowLength(row.sizes) }));
    },
    names: async (query, whole) => {
      const rows = await tx.all<{ id: number; name: number; sizes: Uint8Array | null }>(
        whole ? bound(SEARCH_SQL.wholeNameCandidates, { match: query.match }) : bound(SEARCH_SQL.nameCandidates, { match: `name : ${query.match}` }),
      );
      return rows.map((row) => ({ id: row.id, frequency: row.name * name, length: rowLength(row.sizes) }));
    },
    marked: (query) => markedCandidates(tx, query),
    rowCount: async (query, limit) => Number(Object.values((await tx.one(bound(SEARCH_SQL.rowCount, { match: query.match, limit })))!)[0]),
  };
}

/** Markers that a stored text seldom holds (private use); a row holding them is marked again with others. */
const OPEN = "\ue000";
const CLOSE = "\ue001";
type MarkedColumns = Record<"name" | "company" | "emails" | "city", string>;

/** The first FTS_CANDIDATES rows matching `query`, with the index's word for every token it matched, per column. */
async function markedCandidates(tx: Reads, query: TextQuery): Promise<MarkedRow[]> {
  const rows = await tx.all<MarkedColumns & { id: number; holdsMarker: number; sizes: Uint8Array | null }>(
    bound(SEARCH_SQL.markedCandidates, { match: query.match, open: OPEN, close: CLOSE }),
  );
  const marked = [];
  for (const row of rows) {
    const columns = row.holdsMarker ? await markedAgain(tx, query, row.id) : { ...row, open: OPEN, close: CLOSE };
    const tokens = [columns.name, columns.company, columns.emails, columns.city].map((text) => markedTokens(text, columns.open, columns.close));
    marked.push({ id: row.id, length: rowLength(row.sizes), nameLength: nameLength(row.sizes), tokens });
  }
  // One call to fold every new token of every row (search-words.ts).
  const words = foldTokens(marked.flatMap((row) => row.tokens.flat()));
  let next = 0;
  return marked.map(({ tokens, ...row }) => ({ ...row, words: tokens.map((column) => column.map(() => words[next++]!)) }));
}

/** One row marked with characters its text does not hold. */
async function markedAgain(tx: Reads, query: TextQuery, id: number): Promise<MarkedColumns & { open: string; close: string }> {
  const text = Object.values((await tx.one<MarkedColumns>(bound(SEARCH_SQL.indexedText, [id])))!).join("");
  const unused: string[] = [];
  for (let code = 0xe000; unused.length < 2; code++) if (!text.includes(String.fromCodePoint(code))) unused.push(String.fromCodePoint(code));
  const [open, close] = unused as [string, string];
  return { ...(await tx.one<MarkedColumns>(bound(SEARCH_SQL.markedRow, { match: query.match, open, close, id })))!, open, close };
}

async function recentCallers(tx: Reads, limit: number): Promise<SearchHit[]> {
  const ids = (await tx.all<{ id: number }>(bound(SEARCH_SQL.recent, [limit]))).map((r) => r.id);
  const rows = await hitRows(tx, ids);
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [{ ...row, matchedBy: "recent" as const }] : [];
  });
}

/**
 * The columns a result row shows, for a handful of people, in one indexed query. The number
 * stays E.164 as stored: the screen formats it, as it does every other number.
 */
async function hitRows(tx: Reads, ids: number[]): Promise<Map<number, Omit<SearchHit, "matchedBy">>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.all<Omit<SearchHit, "matchedBy">>(HIT_ROWS[tx.dialect](ids));
  return new Map(rows.map((r) => [r.personId, r]));
}
