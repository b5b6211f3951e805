-- Caller lookup by name, company, email and city. unicode61 with diacritics removed makes
-- "muller" find "Müller"; prefix indexes of 2 and 3 characters keep "as typed" queries fast.
-- Contentless (no second copy of the text) and secure-delete, so an erased person leaves nothing
-- in the index.
CREATE VIRTUAL TABLE `people_fts` USING fts5(
  name, company, emails, city,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
INSERT INTO `people_fts`(`people_fts`, `rank`) VALUES ('secure-delete', 1);
