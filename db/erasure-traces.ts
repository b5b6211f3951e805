import type { ReadableDb } from "./open";

/**
 * After an erasure, the bytes SQLite's own page handling leaves behind (SQLite only; the pg
 * erasure vacuums instead). `secure_delete` zeroes what a DELETE frees, but when a b-tree page is
 * rebuilt (its cells moved to make room, or spread over siblings) the space between the cell
 * pointers and the new start of the cells keeps whatever the page held there before: older copies
 * of cells that still exist, or existed then. The search index's pages change most (FTS5 rewrites a
 * leaf in place for every word it forgets, secure-delete or not), and a scan of the file found an
 * erased person's folded name there (tests/api/hostile-roundtrip.test.ts).
 *
 * FTS5's 'optimize' writes each index again as one new segment and frees every old page, which
 * secure_delete zeroes: the index's pages then hold only what the index holds. The cost grows
 * with the index (measured on 1M people in the report of issue 16's search step).
 */
const SEARCH_INDEXES = ["people_fts", "people_names_fts"] as const;

const scrubbed = new WeakMap<ReadableDb, Set<string>>();

/**
 * Rewrites the people search indexes once for the erasures among `pending` (the keys of
 * db/wal-truncation.ts) not yet handled, on the writer, outside any transaction: called on the
 * way to emptying the WAL, so that the rewritten pages leave it too. An in-memory database leaves
 * nothing on disk and is skipped.
 */
export function scrubErasedTraces(db: ReadableDb, pending: Iterable<string>): void {
  if (db.file === ":memory:") return;
  const done = scrubbed.get(db) ?? new Set<string>();
  const fresh = [...pending].filter((key) => key.startsWith("erasure:") && !done.has(key));
  if (fresh.length === 0) return;
  for (const table of SEARCH_INDEXES) db.writer.prepare(`INSERT INTO ${table} (${table}) VALUES ('optimize')`).run();
  for (const key of fresh) done.add(key);
  scrubbed.set(db, done);
}
