CREATE TABLE `contact_preference_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`topic` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`changed_at` integer NOT NULL,
	`changed_by` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contact_preference_changes_status" CHECK("contact_preference_changes"."status" IN ('opted_in','opted_out'))
);
--> statement-breakpoint
CREATE INDEX `contact_preference_changes_person` ON `contact_preference_changes` (`person_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `contact_preferences` (
	`person_id` integer NOT NULL,
	`topic` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`changed_at` integer NOT NULL,
	`changed_by` integer,
	PRIMARY KEY(`person_id`, `topic`, `channel`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contact_preferences_topic" CHECK("contact_preferences"."topic" IN ('newsletter','training_announcements','product_updates','service_messages')),
	CONSTRAINT "contact_preferences_channel" CHECK("contact_preferences"."channel" IN ('email','phone','post')),
	CONSTRAINT "contact_preferences_status" CHECK("contact_preferences"."status" IN ('opted_in','opted_out')),
	CONSTRAINT "contact_preferences_source" CHECK("contact_preferences"."source" IN ('call','email','web_form','letter','in_person','privacy_request'))
);
--> statement-breakpoint
CREATE INDEX `contact_preferences_topic` ON `contact_preferences` (`topic`,`status`,`channel`);--> statement-breakpoint
CREATE TABLE `disclosures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer,
	`recipient` text NOT NULL,
	`legal_basis` text NOT NULL,
	`categories` text NOT NULL,
	`disclosed_on` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "disclosures_recipient_len" CHECK(length("disclosures"."recipient") BETWEEN 1 AND 200),
	CONSTRAINT "disclosures_basis_len" CHECK(length("disclosures"."legal_basis") BETWEEN 1 AND 500),
	CONSTRAINT "disclosures_categories_len" CHECK(length("disclosures"."categories") <= 1000),
	CONSTRAINT "disclosures_note_len" CHECK(length("disclosures"."note") <= 2000),
	CONSTRAINT "disclosures_on_fmt" CHECK("disclosures"."disclosed_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
--> statement-breakpoint
CREATE INDEX `disclosures_person` ON `disclosures` (`person_id`);--> statement-breakpoint
CREATE INDEX `disclosures_on` ON `disclosures` (`disclosed_on`);--> statement-breakpoint
CREATE TABLE `privacy_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`person_id` integer,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`received_on` text NOT NULL,
	`due_on` text NOT NULL,
	`original_due_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`extension_reason` text DEFAULT '' NOT NULL,
	`refusal_reason` text DEFAULT '' NOT NULL,
	`outcome` text DEFAULT '' NOT NULL,
	`identity_method` text,
	`identity_checked_by` integer,
	`identity_checked_at` integer,
	`erased_counts` text,
	`erased_at` integer,
	`erased_by` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`closed_by` integer,
	`closed_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`identity_checked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`erased_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "privacy_requests_reference_fmt" CHECK("privacy_requests"."reference" GLOB 'DP-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
	CONSTRAINT "privacy_requests_kind" CHECK("privacy_requests"."kind" IN ('access','rectification','erasure','portability','objection','information')),
	CONSTRAINT "privacy_requests_channel" CHECK("privacy_requests"."channel" IN ('phone','email','letter','in_person')),
	CONSTRAINT "privacy_requests_status" CHECK("privacy_requests"."status" IN ('open','extended','completed','refused')),
	CONSTRAINT "privacy_requests_identity_method" CHECK("privacy_requests"."identity_method" IS NULL OR "privacy_requests"."identity_method" IN ('callback_on_file','email_on_file','identity_document','in_person')),
	CONSTRAINT "privacy_requests_dates" CHECK("privacy_requests"."received_on" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND "privacy_requests"."due_on" >= "privacy_requests"."received_on"),
	CONSTRAINT "privacy_requests_details_len" CHECK(length("privacy_requests"."details") <= 4000),
	CONSTRAINT "privacy_requests_extension_len" CHECK(length("privacy_requests"."extension_reason") <= 1000),
	CONSTRAINT "privacy_requests_refusal_len" CHECK(length("privacy_requests"."refusal_reason") <= 1000),
	CONSTRAINT "privacy_requests_outcome_len" CHECK(length("privacy_requests"."outcome") <= 4000),
	CONSTRAINT "privacy_requests_counts_len" CHECK(length("privacy_requests"."erased_counts") <= 2000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `privacy_requests_reference` ON `privacy_requests` (`reference`);--> statement-breakpoint
CREATE INDEX `privacy_requests_person` ON `privacy_requests` (`person_id`,`received_on`);--> statement-breakpoint
CREATE INDEX `privacy_requests_status_due` ON `privacy_requests` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `suppression_list` (
	`hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`added_at` integer NOT NULL,
	CONSTRAINT "suppression_list_kind" CHECK("suppression_list"."kind" IN ('email','phone')),
	CONSTRAINT "suppression_list_hash_len" CHECK(length("suppression_list"."hash") = 64)
);
--> statement-breakpoint
-- The runner switches foreign keys off around the whole upgrade (a PRAGMA is a no-op inside its
-- transaction): dropping the old table must not cascade into error_report_events.
CREATE TABLE `__new_error_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`person_id` integer,
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
	`keep_for_product` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "error_reports_reference_fmt" CHECK("__new_error_reports"."reference" GLOB 'ER-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9]*'),
	CONSTRAINT "error_reports_version_len" CHECK(length("__new_error_reports"."product_version") <= 50),
	CONSTRAINT "error_reports_environment_len" CHECK(length("__new_error_reports"."environment") <= 500),
	CONSTRAINT "error_reports_title_len" CHECK(length("__new_error_reports"."title") BETWEEN 1 AND 200),
	CONSTRAINT "error_reports_description_len" CHECK(length("__new_error_reports"."description") <= 20000),
	CONSTRAINT "error_reports_steps_len" CHECK(length("__new_error_reports"."steps") <= 20000),
	CONSTRAINT "error_reports_callback_window_len" CHECK(length("__new_error_reports"."callback_window") <= 500),
	CONSTRAINT "error_reports_resolution_len" CHECK(length("__new_error_reports"."resolution") <= 20000),
	CONSTRAINT "error_reports_callback_phone" CHECK("__new_error_reports"."callback_phone" IS NULL OR length("__new_error_reports"."callback_phone") <= 16),
	CONSTRAINT "error_reports_status" CHECK("__new_error_reports"."status" IN ('new','triaged','in_progress','waiting_for_customer','resolved','closed','reopened')),
	CONSTRAINT "error_reports_severity" CHECK("__new_error_reports"."severity" IN ('low','normal','high','critical')),
	CONSTRAINT "error_reports_frequency" CHECK("__new_error_reports"."frequency" IN ('once','sometimes','often','always'))
);
--> statement-breakpoint
INSERT INTO `__new_error_reports`("id", "reference", "person_id", "product_id", "product_version", "environment", "title", "description", "steps", "frequency", "severity", "status", "callback_consent", "callback_phone", "callback_window", "next_callback_at", "assignee_id", "resolution", "created_by", "created_at", "updated_at", "version") SELECT "id", "reference", "person_id", "product_id", "product_version", "environment", "title", "description", "steps", "frequency", "severity", "status", "callback_consent", "callback_phone", "callback_window", "next_callback_at", "assignee_id", "resolution", "created_by", "created_at", "updated_at", "version" FROM `error_reports`;--> statement-breakpoint
DROP TABLE `error_reports`;--> statement-breakpoint
ALTER TABLE `__new_error_reports` RENAME TO `error_reports`;--> statement-breakpoint
CREATE UNIQUE INDEX `error_reports_reference` ON `error_reports` (`reference`);--> statement-breakpoint
CREATE INDEX `error_reports_person` ON `error_reports` (`person_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_status_created` ON `error_reports` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_status_severity` ON `error_reports` (`status`,`severity_rank`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_severity` ON `error_reports` (`severity_rank`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_assignee` ON `error_reports` (`assignee_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_product` ON `error_reports` (`product_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_assignee_created` ON `error_reports` (`assignee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `error_reports_callback_status` ON `error_reports` (`next_callback_at`,`status`);--> statement-breakpoint
CREATE INDEX `error_reports_created` ON `error_reports` (`created_at`);