CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`language` text DEFAULT 'fr' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_username_len" CHECK(length("users"."username") BETWEEN 1 AND 64),
	CONSTRAINT "users_display_name_len" CHECK(length("users"."display_name") BETWEEN 1 AND 120),
	CONSTRAINT "users_role" CHECK("users"."role" IN ('agent','support','manager','admin')),
	CONSTRAINT "users_language" CHECK("users"."language" IN ('fr','en')),
	CONSTRAINT "users_hash_len" CHECK(length("users"."password_hash") <= 512)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`operation` text NOT NULL,
	`entity_type` text,
	`entity_id` text,
	`fields` text DEFAULT '[]' NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "audit_log_operation_len" CHECK(length("audit_log"."operation") <= 100),
	CONSTRAINT "audit_log_entity_type_len" CHECK(length("audit_log"."entity_type") <= 60),
	CONSTRAINT "audit_log_entity_id_len" CHECK(length("audit_log"."entity_id") <= 100),
	CONSTRAINT "audit_log_fields_len" CHECK(length("audit_log"."fields") <= 4000)
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_user_at` ON `audit_log` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_operation_at` ON `audit_log` (`operation`,`at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	CONSTRAINT "settings_key_len" CHECK(length("settings"."key") <= 100),
	CONSTRAINT "settings_value_len" CHECK(length("settings"."value") <= 100000)
);
