import type { Db, ReadableDb } from "./open";
import type { SearchHit } from "../common/contract/people";
import { indexWords } from "./search-words";
import { phoneSearch, reversedDigits } from "../common/phone";
import { statement as stmt } from "./statements";

export type { SearchHit };

export const MAX_HITS = 20;
/** FTS candidates ranked by bm25: bounded, because ranking every match of "mü" costs 100× more (100: see npm run bench). */
const FTS_CANDIDATES = 100;
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
  db.sqlite.prepare("DELETE FROM people_fts WHERE rowid = ?").run(personId);
  if (row) db.sqlite.prepare("INSERT INTO people_fts (rowid, name, company, emails, city) VALUES (?, ?, ?, ?, ?)").run(personId, row.name, row.company, row.emails, row.city);
}

export function removeFromIndex(db: Db, personId: number): void {
  stmt(db, "DELETE FROM people_fts WHERE rowid = ?").run(personId);
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
  const nfc = text.normalize("NFC");
  const nfkc = text.normalize("NFKC");
  const typed = allWords(indexWords(nfc), prefixLast);
  const plain = nfkc === nfc ? typed : allWords(indexWords(nfkc), prefixLast);
  if (typed === null || plain === null || typed === plain) return typed ?? plain;
  return `(${typed}) OR (${plain})`;
}

function allWords(words: string[], prefixLast: boolean): string | null {
  const kept = words.slice(0, MAX_QUERY_WORDS);
  if (kept.length === 0) return null;
  return kept
    .map((w, i) => {
      const quoted = `"${w.replaceAll('"', '""')}"`;
      // A one-letter prefix would merge the postings of every word with that letter; wait for two.
      return prefixLast && i === kept.length - 1 && [...w].length >= 2 ? `${quoted}*` : quoted;
    })
    .join(" ");
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
  text: `SELECT id FROM (SELECT rowid AS id, bm25(people_fts, 10.0, 3.0, 5.0, 1.0) AS s FROM people_fts WHERE people_fts MATCH ? LIMIT ${FTS_CANDIDATES})
         ORDER BY s LIMIT ?`,
  /**
   * One typed word: the same candidates as `text`, with what bm25 weighs for each (the word's
   * occurrences per column, counted as the markers highlight() adds, and the row's length in
   * tokens), ranked in searchPeople without bm25's pass over every row holding the word.
   */
  oneWordCandidates: `SELECT f.rowid AS id,
            length(highlight(people_fts, 0, char(1), '')) - length(f.name) AS name,
            length(highlight(people_fts, 1, char(1), '')) - length(f.company) AS company,
            length(highlight(people_fts, 2, char(1), '')) - length(f.emails) AS emails,
            length(highlight(people_fts, 3, char(1), '')) - length(f.city) AS city,
            (SELECT sz FROM people_fts_docsize WHERE id = f.rowid) AS sizes
     FROM people_fts f WHERE people_fts MATCH ? LIMIT ${FTS_CANDIDATES}`,
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
  const match = phoneLike ? null : ftsQuery(q);
  if (match && found.size < limit) {
    // Whole words first ("dupont" ranks Dupont above Dupontel), then the last word as a prefix.
    const words = ftsQuery(q, false);
    if (words && words !== match) add(rankedText(db, words, limit), score.textWords, "text");
    // Every hit so far ranks above any prefix-only hit: with `limit` of them, the prefix query
    // ("wagner"* merges every word that starts so, and bm25 walks them all again) would add only
    // rows cut below. A surname with 20 namesakes is answered by the whole-word query alone.
    if (found.size < limit) add(rankedText(db, match, limit), score.text, "text");
  }

  const ranked = [...found.entries()].sort((a, b) => a[1].rank - b[1].rank || a[1].order - b[1].order).slice(0, limit);
  const rows = hitRows(db, ranked.map(([id]) => id));
  return ranked.flatMap(([id, m]) => {
    const row = rows.get(id);
    return row ? [{ ...row, matchedBy: m.by }] : [];
  });
}

/** bm25's weights of the columns name, company, emails, city (SEARCH_SQL.text). */
const WEIGHTS = { name: 10, company: 3, emails: 5, city: 1 } as const;
/** FTS5's bm25 constants (sqlite/ext/fts5/fts5_aux.c). */
const K1 = 1.2;
const B = 0.75;
/** An FTS5 query of one quoted word, maybe a prefix: `"wagner"*`. */
const ONE_WORD = /^"(?:[^"]|"")*"\*?$/;

/**
 * The `limit` best of the first FTS_CANDIDATES rows matching `match`, in bm25's order.
 *
 * For one word, without bm25: its score is the word's weight (IDF) times a part of the row's own,
 * and the weight is the same for every row, so only that part orders them. SQLite's bm25 first
 * counts every row holding the word to get the weight — 27,000 rows for "wa"* among a million
 * people, at every keystroke of a name being typed. Here the same part is computed from the same
 * figures (occurrences per column, row length, average row length), so the order is the same.
 */
function rankedText(db: ReadableDb, match: string, limit: number): number[] {
  if (!ONE_WORD.test(match)) return stmt(db, SEARCH_SQL.text).pluck().all(match, limit) as number[];
  const rows = stmt(db, SEARCH_SQL.oneWordCandidates).all(match) as ({ id: number; sizes: Buffer | null } & Record<keyof typeof WEIGHTS, number>)[];
  if (rows.length === 0) return [];
  const [rowCount = 0, ...columnTokens] = varints(stmt(db, SEARCH_SQL.totals).pluck().get() as Buffer);
  const averageLength = columnTokens.reduce((sum, n) => sum + n, 0) / rowCount;
  const scored = rows.map((row, order) => {
    const frequency = row.name * WEIGHTS.name + row.company * WEIGHTS.company + row.emails * WEIGHTS.emails + row.city * WEIGHTS.city;
    const length = row.sizes ? varints(row.sizes).reduce((sum, n) => sum + n, 0) : 0;
    // As fts5_aux.c writes it, so equal rows tie exactly as they do there.
    const part = (frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + (B * length) / averageLength));
    return { id: row.id, part, order };
  });
  // Ties keep the index's order, as SQLite's sort does.
  scored.sort((x, y) => y.part - x.part || x.order - y.order);
  return scored.slice(0, limit).map((row) => row.id);
}

/** SQLite's variable-length integers, one after another (FTS5's size records). */
function varints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let value = 0;
    for (let n = 0; n < 9 && i < bytes.length; n++) {
      const byte = bytes[i++]!;
      if (n === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) break;
    }
    out.push(value);
  }
  return out;
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
