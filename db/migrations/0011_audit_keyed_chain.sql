-- INSERT OR REPLACE deletes the row it replaces without firing the DELETE trigger (recursive
-- triggers are off): refuse any insert that names an id already in the log.
CREATE TRIGGER `audit_log_no_replace` BEFORE INSERT ON `audit_log`
WHEN EXISTS (SELECT 1 FROM `audit_log` WHERE `id` = NEW.`id`)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- From here on each entry's hash is an HMAC under the installation's key (audit.key, outside this
-- file). Entries written before keep their plain SHA-256 links: the boundary is recorded once.
CREATE TABLE `audit_chain` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `unkeyed_until` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `audit_chain` (`id`, `unkeyed_until`) SELECT 1, coalesce(max(`id`), 0) FROM `audit_log`;
--> statement-breakpoint
CREATE TRIGGER `audit_chain_no_update` BEFORE UPDATE ON `audit_chain`
BEGIN
  SELECT RAISE(ABORT, 'audit_chain is fixed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_chain_no_delete` BEFORE DELETE ON `audit_chain`
BEGIN
  SELECT RAISE(ABORT, 'audit_chain is fixed');
END;
