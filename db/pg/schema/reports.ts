import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { SEVERITIES, FREQUENCIES, REPORT_STATUSES, CALLBACK_OUTCOMES, REPORT_EVENT_KINDS } from "../../../common/enums";
import { id, int8 } from "./columns";
import { people } from "./people";
import { users } from "./users";

/** Software products callers report errors in, with the versions offered in the form. */
export const products = pgTable(
  "products",
  {
    id: id(),
    name: text("name").notNull().unique(),
    /** JSON array of version strings, newest first. */
    versions: text("versions").notNull().default("[]"),
    active: boolean("active").notNull().default(true),
  },
  (t) => [check("products_name_len", sql`length(${t.name}) BETWEEN 1 AND 100`), check("products_versions_len", sql`length(${t.versions}) <= 4000`)],
);

/** Yearly counters behind the readable references ER-2026-00042. */
export const reportSequences = pgTable("report_sequences", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
});

export const errorReports = pgTable(
  "error_reports",
  {
    id: id(),
    reference: text("reference").notNull(),
    /** Null only for a report kept for the product after its reporter was erased. */
    personId: int8("person_id").references(() => people.id, { onDelete: "cascade" }),
    productId: int8("product_id")
      .notNull()
      .references(() => products.id),
    productVersion: text("product_version").notNull().default(""),
    environment: text("environment").notNull().default(""),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    steps: text("steps").notNull().default(""),
    frequency: text("frequency", { enum: FREQUENCIES }).notNull().default("once"),
    severity: text("severity", { enum: SEVERITIES }).notNull().default("normal"),
    /** For sorting by severity through an index: low 0 … critical 3. STORED: PostgreSQL 15 has no virtual generated columns. */
    severityRank: integer("severity_rank").generatedAlwaysAs(sql`CASE severity WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END`),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("new"),
    callbackConsent: boolean("callback_consent").notNull().default(false),
    /** The reporter's number to call back on, E.164 (one of their phones when the report was taken). */
    callbackPhone: text("callback_phone"),
    callbackWindow: text("callback_window").notNull().default(""),
    /** When support must call back next (epoch ms); null when no call-back is pending. */
    nextCallbackAt: int8("next_callback_at"),
    assigneeId: int8("assignee_id").references(() => users.id),
    resolution: text("resolution").notNull().default(""),
    /** A manager's choice: on the reporter's erasure keep the report, stripped of everything personal. */
    keepForProduct: boolean("keep_for_product").notNull().default(false),
    createdBy: int8("created_by").references(() => users.id),
    createdAt: int8("created_at").notNull(),
    updatedAt: int8("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("error_reports_reference").on(t.reference),
    index("error_reports_person").on(t.personId, t.createdAt),
    index("error_reports_status_created").on(t.status, t.createdAt),
    index("error_reports_status_severity").on(t.status, t.severityRank, t.createdAt),
    index("error_reports_severity").on(t.severityRank, t.createdAt),
    index("error_reports_assignee").on(t.assigneeId, t.status, t.createdAt),
    index("error_reports_product").on(t.productId, t.createdAt),
    index("error_reports_assignee_created").on(t.assigneeId, t.createdAt),
    // Covers the overdue filter (time and status) for the count, without touching the rows.
    index("error_reports_callback_status").on(t.nextCallbackAt, t.status),
    index("error_reports_created").on(t.createdAt),
    // SQLite: reference GLOB 'ER-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9]*'.
    check("error_reports_reference_fmt", sql`${t.reference} ~ '^ER-[0-9]{4}-[0-9]{5}'`),
    check("error_reports_version_len", sql`length(${t.productVersion}) <= 50`),
    check("error_reports_environment_len", sql`length(${t.environment}) <= 500`),
    check("error_reports_title_len", sql`length(${t.title}) BETWEEN 1 AND 200`),
    check("error_reports_description_len", sql`length(${t.description}) <= 20000`),
    check("error_reports_steps_len", sql`length(${t.steps}) <= 20000`),
    check("error_reports_callback_window_len", sql`length(${t.callbackWindow}) <= 500`),
    check("error_reports_resolution_len", sql`length(${t.resolution}) <= 20000`),
    check("error_reports_callback_phone", sql`${t.callbackPhone} IS NULL OR length(${t.callbackPhone}) <= 16`),
    check("error_reports_status", sql`${t.status} IN ('new','triaged','in_progress','waiting_for_customer','resolved','closed','reopened')`),
    check("error_reports_severity", sql`${t.severity} IN ('low','normal','high','critical')`),
    check("error_reports_frequency", sql`${t.frequency} IN ('once','sometimes','often','always')`),
  ],
);

export const errorReportEvents = pgTable(
  "error_report_events",
  {
    id: id(),
    reportId: int8("report_id")
      .notNull()
      .references(() => errorReports.id, { onDelete: "cascade" }),
    at: int8("at").notNull(),
    userId: int8("user_id").references(() => users.id),
    kind: text("kind", { enum: REPORT_EVENT_KINDS }).notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    assigneeId: int8("assignee_id").references(() => users.id),
    outcome: text("outcome", { enum: CALLBACK_OUTCOMES }),
    nextCallbackAt: int8("next_callback_at"),
    text: text("text").notNull().default(""),
  },
  (t) => [
    index("error_report_events_report").on(t.reportId, t.at),
    // The dashboard's "resolved per week" counts status events by target status and time.
    index("error_report_events_to_status_at").on(t.toStatus, t.at),
    check("error_report_events_text_len", sql`length(${t.text}) <= 20000`),
    check("error_report_events_kind", sql`${t.kind} IN ('created','comment','status','assignment','callback','update')`),
    check("error_report_events_outcome", sql`${t.outcome} IS NULL OR ${t.outcome} IN ('reached','no_answer','left_message','wrong_number')`),
  ],
);

/** Per-user UI preferences (the support queue's saved filter, …), JSON under a key. */
export const userPreferences = pgTable(
  "user_preferences",
  {
    userId: int8("user_id")
      .notNull()
      .references(() => users.id),
    key: text("key").notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), check("user_preferences_key_len", sql`length(${t.key}) <= 100`), check("user_preferences_value_len", sql`length(${t.value}) <= 10000`)],
);
