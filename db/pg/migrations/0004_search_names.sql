-- The name's words in a tsvector of their own, with a GIN index of their own: what SQLite's
-- people_names_fts is to people_fts (migration 0012 there). A GIN index keeps no weights, so the
-- name-only query (`'le':A`) read every row holding the word in any column to recheck its weight:
-- "Le" is a word of 7,600 addresses among a million people and of no name, 31 ms to find nothing,
-- four times per keystroke. Derived from the document by PostgreSQL itself (ts_filter keeps the
-- lexemes weighted A, the name's): nothing for the app to write.
ALTER TABLE people_search ADD COLUMN names tsvector GENERATED ALWAYS AS (ts_filter(document, '{a}')) STORED;
--> statement-breakpoint
CREATE INDEX people_search_names ON people_search USING gin (names);
