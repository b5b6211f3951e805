/**
 * The lookup's ranking, computed in JavaScript from the figures FTS5 keeps — the same figures and
 * the same formula as SQLite's bm25 (sqlite/ext/fts5/fts5_aux.c), without its first step.
 *
 * bm25 scores a row as the sum, over the query's phrases, of each phrase's weight (IDF) times a
 * part that depends only on that row: the phrase's occurrences per column (weighted) and the row's
 * length against the average. To know the weights, SQLite first counts every row holding each
 * phrase: 27,000 rows for "wa"* among a million people, every word of a full name again, at every
 * keystroke. The lookup ranks at most 100 candidates, so that pass is most of its cost.
 *
 * - One phrase: the weight is the same for every row, so the parts alone give bm25's very order
 *   (tests/db/search-ranking.test.ts compares it with SQLite's bm25).
 * - Several phrases (a name and a first name, a compatibility spelling): the sum of the parts, each
 *   typed word counting the same — bm25 without the weights. The test checks it against the sum of
 *   SQLite's own bm25 for each word alone, divided by that word's weight.
 */

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

/** bm25's weights of the columns name, company, emails, city, in the index's column order. */
export const COLUMN_WEIGHTS = [10, 3, 5, 1] as const;
/** FTS5's bm25 constants (fts5_aux.c). */
const K1 = 1.2;
const B = 0.75;

/** One quoted word of an FTS5 query: `"wagner"`, or as a prefix `"wagner"*`. */
export interface Phrase {
  word: string;
  prefix: boolean;
}

/** Whether a word of the index is one the phrase matches (FTS5 compares the folded words). */
export function phraseMatches(phrase: Phrase, word: string): boolean {
  return phrase.prefix ? word.startsWith(phrase.word) : word === phrase.word;
}

/** The index's row count and average row length in tokens (FTS5's "averages" record). */
export interface Totals {
  rows: number;
  averageLength: number;
}

export function totalsOf(block: Uint8Array): Totals {
  const rows = varintsSum(block, 0, 1);
  return { rows, averageLength: rows === 0 ? 0 : varintsSum(block, 1) / rows };
}

/** A row's length in tokens, all columns, from its docsize record. */
export function rowLength(sizes: Uint8Array | null): number {
  return sizes ? varintsSum(sizes, 0) : 0;
}

/** Tokens in the row's first column (the name), from its docsize record. */
export function nameLength(sizes: Uint8Array | null): number {
  return sizes ? varintsSum(sizes, 0, 1) : 0;
}

/** bm25's part for one phrase and one row: `frequency` is the phrase's weighted occurrences there. */
export function bm25Part(frequency: number, length: number, totals: Totals): number {
  // As fts5_aux.c writes it, so equal rows tie exactly as they do there.
  return (frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + (B * length) / totals.averageLength));
}

/**
 * The ids of the `limit` best candidates, best first: those named exactly as typed (`named`), then
 * by score; ties keep the index's order, as SQLite's sort does.
 */
export function bestFirst(candidates: { id: number; score: number; named?: boolean }[], limit: number): number[] {
  const named = (i: number) => (candidates[i]!.named ? 1 : 0);
  return candidates
    .map((_, i) => i)
    .sort((x, y) => named(y) - named(x) || candidates[y]!.score - candidates[x]!.score || x - y)
    .slice(0, limit)
    .map((i) => candidates[i]!.id);
}

/** A candidate row with the index's words that matched in each column (from highlight()). */
export interface MarkedRow {
  id: number;
  length: number;
  /** Tokens in the name column. */
  nameLength: number;
  /** Per column, in COLUMN_WEIGHTS' order: each marked token, as the index's folded word. */
  words: string[][];
}

/**
 * Scores rows for a query made of `groups` (any group, every phrase of it): null for a row the
 * query does not match (a row found by the prefix query that lacks a whole word), else the sum of
 * each phrase's bm25 part. Every phrase of every group counts, as bm25 counts every phrase of the
 * query's expression.
 *
 * `named`: the row's name is the typed words and nothing else, in any order ("Jean Christen" typed,
 * not Jean-Pierre Christen, whose e-mail address holds both words once more and outscores him).
 */
export function scoreMarked(row: MarkedRow, groups: Phrase[][], totals: Totals): { score: number; named: boolean } | null {
  let score = 0;
  let matches = false;
  const [nameWords = []] = row.words;
  // Every token of the name is marked, and there are as many as typed words, each found there.
  const named = nameWords.length === row.nameLength && groups.some((group) => group.length === row.nameLength && group.every((phrase) => nameWords.some((word) => phraseMatches(phrase, word))));
  for (const group of groups) {
    let wholeGroup = true;
    for (const phrase of group) {
      let frequency = 0;
      row.words.forEach((words, column) => {
        for (const word of words) if (phraseMatches(phrase, word)) frequency += COLUMN_WEIGHTS[column]!;
      });
      if (frequency === 0) wholeGroup = false;
      else score += bm25Part(frequency, row.length, totals);
    }
    matches ||= wholeGroup;
  }
  return matches ? { score, named } : null;
}

/**
 * The marked tokens of a highlight() result: the text between each `open` and the next `close`.
 * The caller makes sure neither marker occurs in the column's own text.
 */
export function markedTokens(highlighted: string, open: string, close: string): string[] {
  const tokens: string[] = [];
  let at = highlighted.indexOf(open);
  while (at >= 0) {
    const end = highlighted.indexOf(close, at + open.length);
    if (end < 0) break;
    tokens.push(highlighted.slice(at + open.length, end));
    at = highlighted.indexOf(open, end + close.length);
  }
  return tokens;
}

/**
 * The sum of SQLite's variable-length integers `from` the given one, `count` of them at most
 * (FTS5's size records: one after another). Summed as read: this runs for every candidate.
 */
function varintsSum(bytes: Uint8Array, from: number, count = Infinity): number {
  let sum = 0;
  let i = 0;
  for (let index = 0; i < bytes.length && index < from + count; index++) {
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
    if (index >= from) sum += value;
  }
  return sum;
}
