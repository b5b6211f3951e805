import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { companies, people } from "./people";
import { users } from "./users";
import { id, int8 } from "./columns";
import { COURSE_FORMATS, DURATION_UNITS, SESSION_STATUSES, TRAINING_STATUSES, TRAINING_LANGUAGES } from "../../../common/enums";

export const trainingCourses = pgTable(
  "training_courses",
  {
    id: id(),
    code: text("code").notNull(),
    titleFr: text("title_fr").notNull(),
    titleEn: text("title_en").notNull(),
    description: text("description").notNull().default(""),
    /** JSON array of the languages the course is taught in. */
    languages: text("languages").notNull().default('["fr"]'),
    durationValue: integer("duration_value").notNull(),
    durationUnit: text("duration_unit", { enum: DURATION_UNITS }).notNull().default("days"),
    format: text("format", { enum: COURSE_FORMATS }).notNull().default("premises"),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("training_courses_code").on(t.code),
    check("training_courses_code_len", sql`length(${t.code}) BETWEEN 1 AND 20`),
    check("training_courses_title_fr_len", sql`length(${t.titleFr}) BETWEEN 1 AND 200`),
    check("training_courses_title_en_len", sql`length(${t.titleEn}) BETWEEN 1 AND 200`),
    check("training_courses_description_len", sql`length(${t.description}) <= 4000`),
    check("training_courses_languages_len", sql`length(${t.languages}) <= 100`),
    check("training_courses_duration", sql`${t.durationValue} BETWEEN 1 AND 1000`),
    check("training_courses_unit", sql`${t.durationUnit} IN ('days','hours')`),
    check("training_courses_format", sql`${t.format} IN ('premises','client','online')`),
  ],
);

export const trainingSessions = pgTable(
  "training_sessions",
  {
    id: id(),
    courseId: int8("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    /** Calendar dates in Geneva, YYYY-MM-DD. */
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    place: text("place").notNull().default(""),
    capacity: integer("capacity").notNull(),
    trainer: text("trainer").notNull().default(""),
    status: text("status", { enum: SESSION_STATUSES }).notNull().default("planned"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("training_sessions_course").on(t.courseId, t.startsOn),
    index("training_sessions_starts").on(t.startsOn),
    check("training_sessions_dates", sql`${t.startsOn} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND ${t.endsOn} >= ${t.startsOn}`),
    check("training_sessions_place_len", sql`length(${t.place}) <= 200`),
    check("training_sessions_trainer_len", sql`length(${t.trainer}) <= 120`),
    check("training_sessions_capacity", sql`${t.capacity} BETWEEN 1 AND 500`),
    check("training_sessions_status", sql`${t.status} IN ('planned','confirmed','cancelled','held')`),
  ],
);

export const trainingRequests = pgTable(
  "training_requests",
  {
    id: id(),
    personId: int8("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    courseId: int8("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    preferredPeriod: text("preferred_period").notNull().default(""),
    participants: integer("participants").notNull().default(1),
    language: text("language", { enum: TRAINING_LANGUAGES }).notNull().default("fr"),
    format: text("format", { enum: COURSE_FORMATS }).notNull().default("premises"),
    companyId: int8("company_id").references(() => companies.id, { onDelete: "set null" }),
    notes: text("notes").notNull().default(""),
    callbackConsent: boolean("callback_consent").notNull().default(false),
    callbackPhone: text("callback_phone"),
    status: text("status", { enum: TRAINING_STATUSES }).notNull().default("requested"),
    cancelReason: text("cancel_reason").notNull().default(""),
    sessionId: int8("session_id").references(() => trainingSessions.id),
    createdBy: int8("created_by").references(() => users.id),
    createdAt: int8("created_at").notNull(),
    updatedAt: int8("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("training_requests_person").on(t.personId, t.createdAt),
    index("training_requests_status").on(t.status, t.createdAt),
    index("training_requests_course").on(t.courseId, t.createdAt),
    index("training_requests_company").on(t.companyId, t.createdAt),
    index("training_requests_session").on(t.sessionId, t.status),
    index("training_requests_created").on(t.createdAt),
    check("training_requests_participants", sql`${t.participants} BETWEEN 1 AND 200`),
    check("training_requests_period_len", sql`length(${t.preferredPeriod}) <= 200`),
    check("training_requests_notes_len", sql`length(${t.notes}) <= 4000`),
    check("training_requests_cancel_len", sql`length(${t.cancelReason}) <= 500`),
    check("training_requests_callback_phone", sql`${t.callbackPhone} IS NULL OR length(${t.callbackPhone}) <= 16`),
    check("training_requests_status", sql`${t.status} IN ('requested','contacted','scheduled','confirmed','completed','cancelled')`),
    check("training_requests_language", sql`${t.language} IN ('fr','de','en','it')`),
    check("training_requests_format", sql`${t.format} IN ('premises','client','online')`),
  ],
);
