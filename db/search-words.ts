import Database from "better-sqlite3";

/**
 * The tokenizer of the search indexes (people_fts, error_reports_fts: migration 0009). A test
 * checks the migrated schema still says exactly this.
 */
export const INDEX_TOKENIZER = "unicode61 remove_diacritics 2";

/**
 * The words of a text exactly as the search indexes hold them, cut and folded by SQLite's own
 * unicode61 tokenizer (lower case, diacritics removed), in the order they occur.
 *
 * Why SQLite and not a regular expression: unicode61 decides with its own Unicode 6.1 tables.
 * It keeps combining diacritics inside a word ("Ọ̀jọ́" → "ojo") but splits at other marks, and
 * it treats every character assigned after 6.1 — bidi isolates U+2066–2069, newer currency
 * signs and punctuation — as part of a word, while JavaScript's current tables call them
 * separators. A query cut any other way asks for words the index does not hold, and the caller
 * is never found (issue 12, hostile-strings round trip).
 *
 * ASCII alone is the exception: there unicode61's words are the runs of letters and digits,
 * lower-cased, whatever its tables' version (a test compares the two on generated text); most
 * lookups are typed so and skip the tokenizer's five statements.
 *
 * The tokenizer runs in a private in-memory database: the typed text never reaches a file (a
 * temp table on the app's connection could spill to a temporary file), and its row is never
 * committed.
 */
export function indexWords(text: string): string[] {
  if (ASCII.test(text)) return (text.match(ASCII_WORDS) ?? []).map((word) => word.toLowerCase());
  // The lookup asks twice for the same text (whole words, then with a prefix): cut it once.
  if (last?.text === text) return [...last.words];
  const s = scratch();
  s.begin.run();
  try {
    s.insert.run(text);
    last = { text, words: s.terms.all() as string[] };
  } finally {
    // Rolled back rather than deleted: nothing is ever committed, and it is twice as fast.
    s.rollback.run();
    s.release.run();
  }
  return [...last.words];
}

// eslint-disable-next-line no-control-regex -- every ASCII character, controls included
const ASCII = /^[\u0000-\u007f]*$/;
const ASCII_WORDS = /[A-Za-z0-9]+/g;

/** Folded words of tokens already seen: names repeat, so most lookups need no tokenizer call. */
const folded = new Map<string, string>();
const MAX_FOLDED = 20_000;
/** ASCII letters and digits: one token, which unicode61 only lower-cases. */
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/**
 * The index's word for each token of a stored text (a span highlight() marked), as unicode61
 * folds it. ASCII needs no tokenizer; the others are cut together in one call, joined by spaces
 * (a token holds no separator, so each gives back exactly its own word).
 */
export function foldTokens(tokens: string[]): string[] {
  const unknown = [...new Set(tokens.filter((t) => !ASCII_WORD.test(t) && !folded.has(t)))];
  if (unknown.length > 0) {
    if (folded.size + unknown.length > MAX_FOLDED) folded.clear();
    const words = indexWords(unknown.join(" "));
    // Each alone if a token ever cut otherwise (then it is not the one word it should be).
    unknown.forEach((t, i) => folded.set(t, words.length === unknown.length ? words[i]! : indexWords(t).join(" ")));
  }
  return tokens.map((t) => (ASCII_WORD.test(t) ? t.toLowerCase() : folded.get(t)!));
}

interface Scratch {
  begin: Database.Statement;
  insert: Database.Statement;
  terms: Database.Statement;
  rollback: Database.Statement;
  release: Database.Statement;
}

let opened: Scratch | undefined;
let last: { text: string; words: string[] } | undefined;

function scratch(): Scratch {
  if (opened) return opened;
  const db = new Database(":memory:");
  db.exec(`CREATE VIRTUAL TABLE words USING fts5(text, tokenize='${INDEX_TOKENIZER}', columnsize=0);
           CREATE VIRTUAL TABLE word_instances USING fts5vocab(words, instance);`);
  opened = {
    begin: db.prepare("SAVEPOINT cut"),
    insert: db.prepare("INSERT INTO words (rowid, text) VALUES (1, ?)"),
    terms: db.prepare("SELECT term FROM word_instances ORDER BY offset").pluck(),
    rollback: db.prepare("ROLLBACK TO cut"),
    release: db.prepare("RELEASE cut"),
  };
  return opened;
}
