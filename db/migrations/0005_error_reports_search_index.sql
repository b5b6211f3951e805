-- The support queue's text filter: reference, title, description, steps and environment.
-- Contentless and secure-delete like the people index: erasing a reporter leaves no text behind.
CREATE VIRTUAL TABLE `error_reports_fts` USING fts5(
  reference, title, body,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
INSERT INTO `error_reports_fts`(`error_reports_fts`, `rank`) VALUES ('secure-delete', 1);
