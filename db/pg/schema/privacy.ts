import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { people } from "./people";
import { users } from "./users";
import { id, int8 } from "./columns";
import { PRIVACY_REQUEST_KINDS, PRIVACY_CHANNELS, PRIVACY_STATUSES, IDENTITY_METHODS, PREFERENCE_TOPICS, PREFERENCE_CHANNELS, PREFERENCE_STATUSES, PREFERENCE_SOURCES } from "../../../common/enums";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/**
 * The register of revFADP requests. After an erasure the row stays, unlinked and without free
 * text: kind, dates, who checked and who executed, and the counts of what was removed.
 */
export const privacyRequests = pgTable(
  "privacy_requests",
  {
    id: id(),
    reference: text("reference").notNull(),
    personId: int8("person_id").references(() => people.id, { onDelete: "set null" }),
    kind: text("kind", { enum: PRIVACY_REQUEST_KINDS }).notNull(),
    channel: text("channel", { enum: PRIVACY_CHANNELS }).notNull(),
    /** Calendar dates in Geneva, YYYY-MM-DD. */
    receivedOn: text("received_on").notNull(),
    dueOn: text("due_on").notNull(),
    /** The legal due date (received + 30 days) before any extension. */
    originalDueOn: text("original_due_on").notNull(),
    status: text("status", { enum: PRIVACY_STATUSES }).notNull().default("open"),
    /** What the person asked, in the agent's words. */
    details: text("details").notNull().default(""),
    extensionReason: text("extension_reason").notNull().default(""),
    refusalReason: text("refusal_reason").notNull().default(""),
    outcome: text("outcome").notNull().default(""),
    identityMethod: text("identity_method", { enum: IDENTITY_METHODS }),
    identityCheckedBy: int8("identity_checked_by").references(() => users.id),
    identityCheckedAt: int8("identity_checked_at"),
    /** JSON counts per kind of data removed by an erasure; never values. */
    erasedCounts: text("erased_counts"),
    erasedAt: int8("erased_at"),
    erasedBy: int8("erased_by").references(() => users.id),
    createdBy: int8("created_by").references(() => users.id),
    createdAt: int8("created_at").notNull(),
    closedBy: int8("closed_by").references(() => users.id),
    closedAt: int8("closed_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("privacy_requests_reference").on(t.reference),
    index("privacy_requests_person").on(t.personId, t.receivedOn),
    index("privacy_requests_status_due").on(t.status, t.dueOn),
    check("privacy_requests_reference_fmt", sql`${t.reference} ~ '^DP-[0-9]{4}-[0-9]{4}'`),
    check("privacy_requests_kind", sql`${t.kind} IN (${inList(PRIVACY_REQUEST_KINDS)})`),
    check("privacy_requests_channel", sql`${t.channel} IN (${inList(PRIVACY_CHANNELS)})`),
    check("privacy_requests_status", sql`${t.status} IN (${inList(PRIVACY_STATUSES)})`),
    check("privacy_requests_identity_method", sql`${t.identityMethod} IS NULL OR ${t.identityMethod} IN (${inList(IDENTITY_METHODS)})`),
    check("privacy_requests_dates", sql`${t.receivedOn} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND ${t.dueOn} >= ${t.receivedOn}`),
    check("privacy_requests_details_len", sql`length(${t.details}) <= 4000`),
    check("privacy_requests_extension_len", sql`length(${t.extensionReason}) <= 1000`),
    check("privacy_requests_refusal_len", sql`length(${t.refusalReason}) <= 1000`),
    check("privacy_requests_outcome_len", sql`length(${t.outcome}) <= 4000`),
    check("privacy_requests_counts_len", sql`length(${t.erasedCounts}) <= 2000`),
  ],
);

/** The current choice per person, topic and channel; no row means "never asked". */
export const contactPreferences = pgTable(
  "contact_preferences",
  {
    personId: int8("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    topic: text("topic", { enum: PREFERENCE_TOPICS }).notNull(),
    channel: text("channel", { enum: PREFERENCE_CHANNELS }).notNull(),
    status: text("status", { enum: PREFERENCE_STATUSES }).notNull(),
    source: text("source", { enum: PREFERENCE_SOURCES }).notNull(),
    changedAt: int8("changed_at").notNull(),
    changedBy: int8("changed_by").references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.topic, t.channel] }),
    // The mailing-list export walks one topic's opted-in people.
    index("contact_preferences_topic").on(t.topic, t.status, t.channel),
    check("contact_preferences_topic", sql`${t.topic} IN (${inList(PREFERENCE_TOPICS)})`),
    check("contact_preferences_channel", sql`${t.channel} IN (${inList(PREFERENCE_CHANNELS)})`),
    check("contact_preferences_status", sql`${t.status} IN (${inList(PREFERENCE_STATUSES)})`),
    check("contact_preferences_source", sql`${t.source} IN (${inList(PREFERENCE_SOURCES)})`),
  ],
);

/** Every change of a contact preference, with its source and time (proof of consent). */
export const contactPreferenceChanges = pgTable(
  "contact_preference_changes",
  {
    id: id(),
    personId: int8("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    topic: text("topic", { enum: PREFERENCE_TOPICS }).notNull(),
    channel: text("channel", { enum: PREFERENCE_CHANNELS }).notNull(),
    status: text("status", { enum: PREFERENCE_STATUSES }).notNull(),
    source: text("source", { enum: PREFERENCE_SOURCES }).notNull(),
    changedAt: int8("changed_at").notNull(),
    changedBy: int8("changed_by").references(() => users.id),
  },
  (t) => [
    index("contact_preference_changes_person").on(t.personId, t.changedAt),
    check("contact_preference_changes_status", sql`${t.status} IN (${inList(PREFERENCE_STATUSES)})`),
  ],
);

/**
 * People who asked never to be contacted again and were erased: only a salted hash of a
 * normalised email or E.164 number, so an import or a mailing list cannot bring them back.
 */
export const suppressionList = pgTable(
  "suppression_list",
  {
    hash: text("hash").primaryKey(),
    kind: text("kind", { enum: ["email", "phone"] }).notNull(),
    addedAt: int8("added_at").notNull(),
  },
  (t) => [check("suppression_list_kind", sql`${t.kind} IN ('email','phone')`), check("suppression_list_hash_len", sql`length(${t.hash}) = 64`)],
);

/** Data disclosed to an authority under a legal obligation ("By law" in the privacy policy). */
export const disclosures = pgTable(
  "disclosures",
  {
    id: id(),
    personId: int8("person_id").references(() => people.id, { onDelete: "set null" }),
    recipient: text("recipient").notNull(),
    legalBasis: text("legal_basis").notNull(),
    /** JSON array of personal-data categories disclosed. */
    categories: text("categories").notNull(),
    disclosedOn: text("disclosed_on").notNull(),
    note: text("note").notNull().default(""),
    recordedBy: int8("recorded_by").references(() => users.id),
    recordedAt: int8("recorded_at").notNull(),
  },
  (t) => [
    index("disclosures_person").on(t.personId),
    index("disclosures_on").on(t.disclosedOn),
    check("disclosures_recipient_len", sql`length(${t.recipient}) BETWEEN 1 AND 200`),
    check("disclosures_basis_len", sql`length(${t.legalBasis}) BETWEEN 1 AND 500`),
    check("disclosures_categories_len", sql`length(${t.categories}) <= 1000`),
    check("disclosures_note_len", sql`length(${t.note}) <= 2000`),
    check("disclosures_on_fmt", sql`${t.disclosedOn} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
  ],
);
