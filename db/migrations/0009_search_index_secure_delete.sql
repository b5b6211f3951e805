-- The search indexes keep their own copy of the indexed text again. Measured on SQLite 3.51:
-- with contentless_delete=1 a DELETE only records a tombstone and the words stay in the index
-- pages until a merge, secure-delete or not; a table with content removes a deleted row's
-- words at once under secure-delete, and its content row is zeroed by PRAGMA secure_delete.
-- An erasure must leave nothing behind, so the (small) second copy is the price.
DROP TABLE `people_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `people_fts` USING fts5(
  name, company, emails, city,
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
INSERT INTO `people_fts`(`people_fts`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
INSERT INTO `people_fts` (rowid, name, company, emails, city)
SELECT p.id, p.first_name || ' ' || p.last_name, coalesce(c.name, ''),
       coalesce((SELECT group_concat(email, ' ') FROM emails WHERE person_id = p.id), ''),
       coalesce((SELECT group_concat(city, ' ') FROM addresses WHERE person_id = p.id), '')
FROM people p LEFT JOIN companies c ON c.id = p.company_id;
--> statement-breakpoint
DROP TABLE `error_reports_fts`;
--> statement-breakpoint
-- No prefix indexes here: they triple the entries a secure delete must rewrite (measured: 10
-- reports 62 ms with prefix='2 3', 18 ms without), and the queue's text filter is typed as
-- whole words; a prefix there walks the term range instead, still indexed.
CREATE VIRTUAL TABLE `error_reports_fts` USING fts5(
  reference, title, body,
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `error_reports_fts`(`error_reports_fts`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
INSERT INTO `error_reports_fts` (rowid, reference, title, body)
SELECT id, reference, title, description || ' ' || steps || ' ' || environment FROM error_reports;
