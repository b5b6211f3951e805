-- The people search indexes hold each text folded by the app's fold() (common/person-name.ts),
-- and the lookup folds what is typed the same way: "soren" finds Søren and "strasse" Straße,
-- which unicode61's remove_diacritics cannot (ø and ß carry no mark to remove). PostgreSQL's
-- search index is built from the same fold(), so both engines find the same people.
-- Rebuilt rather than updated: a table dropped whole leaves no secure-delete work per row.
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
SELECT p.id, fold(p.first_name || ' ' || p.last_name), fold(coalesce(c.name, '')),
       fold(coalesce((SELECT group_concat(email, ' ') FROM emails WHERE person_id = p.id), '')),
       fold(coalesce((SELECT group_concat(city, ' ') FROM addresses WHERE person_id = p.id), ''))
FROM people p LEFT JOIN companies c ON c.id = p.company_id;
--> statement-breakpoint
DROP TABLE `people_names_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `people_names_fts` USING fts5(
  name,
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `people_names_fts`(`people_names_fts`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
INSERT INTO `people_names_fts` (rowid, name) SELECT rowid, name FROM `people_fts`;
