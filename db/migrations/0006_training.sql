CREATE TABLE `training_courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title_fr` text NOT NULL,
	`title_en` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`languages` text DEFAULT '["fr"]' NOT NULL,
	`duration_value` integer NOT NULL,
	`duration_unit` text DEFAULT 'days' NOT NULL,
	`format` text DEFAULT 'premises' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "training_courses_code_len" CHECK(length("training_courses"."code") BETWEEN 1 AND 20),
	CONSTRAINT "training_courses_title_fr_len" CHECK(length("training_courses"."title_fr") BETWEEN 1 AND 200),
	CONSTRAINT "training_courses_title_en_len" CHECK(length("training_courses"."title_en") BETWEEN 1 AND 200),
	CONSTRAINT "training_courses_description_len" CHECK(length("training_courses"."description") <= 4000),
	CONSTRAINT "training_courses_languages_len" CHECK(length("training_courses"."languages") <= 100),
	CONSTRAINT "training_courses_duration" CHECK("training_courses"."duration_value" BETWEEN 1 AND 1000),
	CONSTRAINT "training_courses_unit" CHECK("training_courses"."duration_unit" IN ('days','hours')),
	CONSTRAINT "training_courses_format" CHECK("training_courses"."format" IN ('premises','client','online'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_courses_code` ON `training_courses` (`code`);--> statement-breakpoint
CREATE TABLE `training_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`preferred_period` text DEFAULT '' NOT NULL,
	`participants` integer DEFAULT 1 NOT NULL,
	`language` text DEFAULT 'fr' NOT NULL,
	`format` text DEFAULT 'premises' NOT NULL,
	`company_id` integer,
	`notes` text DEFAULT '' NOT NULL,
	`callback_consent` integer DEFAULT false NOT NULL,
	`callback_phone` text,
	`status` text DEFAULT 'requested' NOT NULL,
	`cancel_reason` text DEFAULT '' NOT NULL,
	`session_id` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`session_id`) REFERENCES `training_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "training_requests_participants" CHECK("training_requests"."participants" BETWEEN 1 AND 200),
	CONSTRAINT "training_requests_period_len" CHECK(length("training_requests"."preferred_period") <= 200),
	CONSTRAINT "training_requests_notes_len" CHECK(length("training_requests"."notes") <= 4000),
	CONSTRAINT "training_requests_cancel_len" CHECK(length("training_requests"."cancel_reason") <= 500),
	CONSTRAINT "training_requests_callback_phone" CHECK("training_requests"."callback_phone" IS NULL OR length("training_requests"."callback_phone") <= 16),
	CONSTRAINT "training_requests_status" CHECK("training_requests"."status" IN ('requested','contacted','scheduled','confirmed','completed','cancelled')),
	CONSTRAINT "training_requests_language" CHECK("training_requests"."language" IN ('fr','de','en','it')),
	CONSTRAINT "training_requests_format" CHECK("training_requests"."format" IN ('premises','client','online'))
);
--> statement-breakpoint
CREATE INDEX `training_requests_person` ON `training_requests` (`person_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `training_requests_status` ON `training_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `training_requests_course` ON `training_requests` (`course_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `training_requests_company` ON `training_requests` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `training_requests_session` ON `training_requests` (`session_id`,`status`);--> statement-breakpoint
CREATE INDEX `training_requests_created` ON `training_requests` (`created_at`);--> statement-breakpoint
CREATE TABLE `training_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`capacity` integer NOT NULL,
	`trainer` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "training_sessions_dates" CHECK("training_sessions"."starts_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND "training_sessions"."ends_on" >= "training_sessions"."starts_on"),
	CONSTRAINT "training_sessions_place_len" CHECK(length("training_sessions"."place") <= 200),
	CONSTRAINT "training_sessions_trainer_len" CHECK(length("training_sessions"."trainer") <= 120),
	CONSTRAINT "training_sessions_capacity" CHECK("training_sessions"."capacity" BETWEEN 1 AND 500),
	CONSTRAINT "training_sessions_status" CHECK("training_sessions"."status" IN ('planned','confirmed','cancelled','held'))
);
--> statement-breakpoint
CREATE INDEX `training_sessions_course` ON `training_sessions` (`course_id`,`starts_on`);--> statement-breakpoint
CREATE INDEX `training_sessions_starts` ON `training_sessions` (`starts_on`);