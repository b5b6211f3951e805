CREATE TABLE `addresses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`street` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`city` text NOT NULL,
	`country` text DEFAULT 'CH' NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "addresses_street_len" CHECK(length("addresses"."street") <= 200),
	CONSTRAINT "addresses_postal_code_len" CHECK(length("addresses"."postal_code") <= 12),
	CONSTRAINT "addresses_city_len" CHECK(length("addresses"."city") BETWEEN 1 AND 100),
	CONSTRAINT "addresses_country_len" CHECK(length("addresses"."country") = 2)
);
--> statement-breakpoint
CREATE INDEX `addresses_person` ON `addresses` (`person_id`);--> statement-breakpoint
CREATE INDEX `addresses_postal_code` ON `addresses` (`postal_code`);--> statement-breakpoint
CREATE TABLE `companies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`street` text,
	`postal_code` text,
	`city` text,
	`country` text DEFAULT 'CH' NOT NULL,
	`website` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT "companies_name_len" CHECK(length("companies"."name") BETWEEN 1 AND 200),
	CONSTRAINT "companies_phone_len" CHECK(length("companies"."phone") <= 16),
	CONSTRAINT "companies_street_len" CHECK(length("companies"."street") <= 200),
	CONSTRAINT "companies_postal_code_len" CHECK(length("companies"."postal_code") <= 12),
	CONSTRAINT "companies_city_len" CHECK(length("companies"."city") <= 100),
	CONSTRAINT "companies_country_len" CHECK(length("companies"."country") = 2),
	CONSTRAINT "companies_website_len" CHECK(length("companies"."website") <= 300)
);
--> statement-breakpoint
CREATE INDEX `companies_name_lower` ON `companies` (lower("name"));--> statement-breakpoint
CREATE TABLE `emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`email` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "emails_email_len" CHECK(length("emails"."email") BETWEEN 3 AND 254 AND "emails"."email" = lower("emails"."email"))
);
--> statement-breakpoint
CREATE INDEX `emails_email` ON `emails` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `emails_person_email` ON `emails` (`person_id`,`email`);--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`channel` text NOT NULL,
	`purpose` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`agent_id` integer,
	`at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "interactions_channel" CHECK("interactions"."channel" IN ('call_in','call_out','email','web_form','letter','visit')),
	CONSTRAINT "interactions_purpose" CHECK("interactions"."purpose" IN ('information','error_report','training','comment','data_protection','other')),
	CONSTRAINT "interactions_summary_len" CHECK(length("interactions"."summary") <= 4000)
);
--> statement-breakpoint
CREATE INDEX `interactions_person_at` ON `interactions` (`person_id`,`at`);--> statement-breakpoint
CREATE INDEX `interactions_purpose_at` ON `interactions` (`purpose`,`at`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`salutation` text,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text NOT NULL,
	`language` text DEFAULT 'fr' NOT NULL,
	`company_id` integer,
	`last_contact_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "people_salutation" CHECK("people"."salutation" IS NULL OR "people"."salutation" IN ('ms','mr','mx')),
	CONSTRAINT "people_language" CHECK("people"."language" IN ('fr','de','en','it')),
	CONSTRAINT "people_first_name_len" CHECK(length("people"."first_name") <= 100),
	CONSTRAINT "people_last_name_len" CHECK(length("people"."last_name") BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE INDEX `people_company` ON `people` (`company_id`);--> statement-breakpoint
CREATE INDEX `people_last_contact` ON `people` (`last_contact_at`);--> statement-breakpoint
CREATE INDEX `people_last_name_lower` ON `people` (lower("last_name"));--> statement-breakpoint
CREATE TABLE `person_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "person_history_field_len" CHECK(length("person_history"."field") <= 100),
	CONSTRAINT "person_history_old_len" CHECK(length("person_history"."old_value") <= 4000),
	CONSTRAINT "person_history_new_len" CHECK(length("person_history"."new_value") <= 4000)
);
--> statement-breakpoint
CREATE INDEX `person_history_person_at` ON `person_history` (`person_id`,`at`);--> statement-breakpoint
CREATE TABLE `phones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`e164` text NOT NULL,
	`digits_reversed` text NOT NULL,
	`kind` text DEFAULT 'mobile' NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "phones_e164_format" CHECK("phones"."e164" GLOB '+[1-9]*' AND length("phones"."e164") BETWEEN 4 AND 16),
	CONSTRAINT "phones_kind" CHECK("phones"."kind" IN ('mobile','landline','work','home','fax','other'))
);
--> statement-breakpoint
CREATE INDEX `phones_e164` ON `phones` (`e164`);--> statement-breakpoint
CREATE INDEX `phones_digits_reversed` ON `phones` (`digits_reversed`);--> statement-breakpoint
CREATE UNIQUE INDEX `phones_person_e164` ON `phones` (`person_id`,`e164`);