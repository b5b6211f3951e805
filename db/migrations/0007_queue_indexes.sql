DROP INDEX `error_reports_callback`;--> statement-breakpoint
CREATE INDEX `error_reports_assignee_created` ON `error_reports` (`assignee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_callback_status` ON `error_reports` (`next_callback_at`,`status`);