CREATE TABLE `error_report_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`assignee_id` integer,
	`outcome` text,
	`next_callback_at` integer,
	`text` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `error_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "error_report_events_text_len" CHECK(length("error_report_events"."text") <= 20000),
	CONSTRAINT "error_report_events_kind" CHECK("error_report_events"."kind" IN ('created','comment','status','assignment','callback','update')),
	CONSTRAINT "error_report_events_outcome" CHECK("error_report_events"."outcome" IS NULL OR "error_report_events"."outcome" IN ('reached','no_answer','left_message','wrong_number'))
);
--> statement-breakpoint
CREATE INDEX `error_report_events_report` ON `error_report_events` (`report_id`,`at`);--> statement-breakpoint
CREATE TABLE `error_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`person_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`product_version` text DEFAULT '' NOT NULL,
	`environment` text DEFAULT '' NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`steps` text DEFAULT '' NOT NULL,
	`frequency` text DEFAULT 'once' NOT NULL,
	`severity` text DEFAULT 'normal' NOT NULL,
	`severity_rank` integer GENERATED ALWAYS AS (CASE severity WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END) VIRTUAL,
	`status` text DEFAULT 'new' NOT NULL,
	`callback_consent` integer DEFAULT false NOT NULL,
	`callback_phone` text,
	`callback_window` text DEFAULT '' NOT NULL,
	`next_callback_at` integer,
	`assignee_id` integer,
	`resolution` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "error_reports_reference_fmt" CHECK("error_reports"."reference" GLOB 'ER-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9]*'),
	CONSTRAINT "error_reports_version_len" CHECK(length("error_reports"."product_version") <= 50),
	CONSTRAINT "error_reports_environment_len" CHECK(length("error_reports"."environment") <= 500),
	CONSTRAINT "error_reports_title_len" CHECK(length("error_reports"."title") BETWEEN 1 AND 200),
	CONSTRAINT "error_reports_description_len" CHECK(length("error_reports"."description") <= 20000),
	CONSTRAINT "error_reports_steps_len" CHECK(length("error_reports"."steps") <= 20000),
	CONSTRAINT "error_reports_callback_window_len" CHECK(length("error_reports"."callback_window") <= 500),
	CONSTRAINT "error_reports_resolution_len" CHECK(length("error_reports"."resolution") <= 20000),
	CONSTRAINT "error_reports_callback_phone" CHECK("error_reports"."callback_phone" IS NULL OR length("error_reports"."callback_phone") <= 16),
	CONSTRAINT "error_reports_status" CHECK("error_reports"."status" IN ('new','triaged','in_progress','waiting_for_customer','resolved','closed','reopened')),
	CONSTRAINT "error_reports_severity" CHECK("error_reports"."severity" IN ('low','normal','high','critical')),
	CONSTRAINT "error_reports_frequency" CHECK("error_reports"."frequency" IN ('once','sometimes','often','always'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `error_reports_reference` ON `error_reports` (`reference`);--> statement-breakpoint
CREATE INDEX `error_reports_person` ON `error_reports` (`person_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_status_created` ON `error_reports` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_status_severity` ON `error_reports` (`status`,`severity_rank`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_severity` ON `error_reports` (`severity_rank`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_assignee` ON `error_reports` (`assignee_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_product` ON `error_reports` (`product_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_callback` ON `error_reports` (`next_callback_at`);--> statement-breakpoint
CREATE INDEX `error_reports_created` ON `error_reports` (`created_at`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`versions` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	CONSTRAINT "products_name_len" CHECK(length("products"."name") BETWEEN 1 AND 100),
	CONSTRAINT "products_versions_len" CHECK(length("products"."versions") <= 4000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_name_unique` ON `products` (`name`);--> statement-breakpoint
CREATE TABLE `report_sequences` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user_preferences` (
	`user_id` integer NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`user_id`, `key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "user_preferences_key_len" CHECK(length("user_preferences"."key") <= 100),
	CONSTRAINT "user_preferences_value_len" CHECK(length("user_preferences"."value") <= 10000)
);
