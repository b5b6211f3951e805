import { z } from "zod";
import {
  CATEGORIES,
  IDENTITY_METHODS,
  PREFERENCE_CHANNELS,
  PREFERENCE_SOURCES,
  PREFERENCE_STATUSES,
  PREFERENCE_TOPICS,
  PRIVACY_CHANNELS,
  PRIVACY_REQUEST_KINDS,
  RETENTION_RULES,
  type Category,
  type IdentityMethod,
  type PersonLanguage,
  type PreferenceChannel,
  type PreferenceSource,
  type PreferenceStatus,
  type PreferenceTopic,
  type PrivacyChannel,
  type PrivacyRequestKind,
  type PrivacyStatus,
  type RetentionRule,
} from "../enums";
import { calendarDay, id, text, version } from "../fields";
import { PRIVACY_DESK, PRIVACY_OFFICERS, STAFF } from "../roles";
import { operation, returns } from "./operation";

// ---------------------------------------------------------------- the request register

/** The register's views: still to answer, past their due date, answered or refused, everything. */
export const REGISTER_FILTERS = ["pending", "overdue", "closed", "all"] as const;
export type RegisterFilter = (typeof REGISTER_FILTERS)[number];

/** Pending, due within 7 days, overdue: the navigation rail's badge and the register's header. */
export interface PrivacyRequestCounts {
  pending: number;
  overdue: number;
  dueSoon: number;
}

/** One line of the register. */
export interface PrivacyRequestRow {
  id: number;
  reference: string;
  /** Null once the person was erased: the request stays, anonymous. */
  personId: number | null;
  person: string | null;
  kind: PrivacyRequestKind;
  channel: PrivacyChannel;
  /** Calendar days in Geneva, YYYY-MM-DD. */
  receivedOn: string;
  dueOn: string;
  status: PrivacyStatus;
  identityChecked: boolean;
  closedAt: number | null;
  overdue: boolean;
}

export interface PrivacyRequestPage {
  rows: PrivacyRequestRow[];
  total: number;
  counts: PrivacyRequestCounts;
}

/** One request with who did what, and for a correction the card's changes since it came in. */
export interface PrivacyRequest {
  id: number;
  reference: string;
  personId: number | null;
  kind: PrivacyRequestKind;
  channel: PrivacyChannel;
  receivedOn: string;
  dueOn: string;
  /** The legal due date (received + 30 days) before any extension. */
  originalDueOn: string;
  status: PrivacyStatus;
  details: string;
  extensionReason: string;
  refusalReason: string;
  outcome: string;
  identityMethod: IdentityMethod | null;
  identityCheckedBy: number | null;
  identityCheckedAt: number | null;
  /** What an erasure removed, per kind of data: counts, never values. */
  erasedCounts: Record<string, number> | null;
  erasedAt: number | null;
  erasedBy: number | null;
  createdBy: number | null;
  createdAt: number;
  closedBy: number | null;
  closedAt: number | null;
  version: number;
  overdue: boolean;
  person: { id: number; firstName: string; lastName: string; language: PersonLanguage } | null;
  createdByName: string | null;
  identityCheckedByName: string | null;
  closedByName: string | null;
  erasedByName: string | null;
  corrections: { at: number; field: string; oldValue: string | null; newValue: string | null }[];
}

// ---------------------------------------------------------------- the access report

/** Who answers for the data (revFADP Art. 19/25), as the settings hold it. */
export interface PrivacyController {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  phone: string;
  email: string;
}

/** A service provider that receives personal data (hosting, mailing, …). */
export interface PrivacyRecipient {
  name: string;
  purpose: string;
  country: string;
}

/** The languages the access report is written in: French for French, German and Italian speakers. */
export type ReportLanguage = "fr" | "en";
export type AccessReportValue = string | number | boolean | null;

export interface AccessReportSection {
  category: Category;
  title: string;
  purpose: string;
  source: string;
  retention: string;
  /** Table name → rows (column name → value); times as ISO 8601, booleans as booleans. */
  tables: { table: string; rows: Record<string, AccessReportValue>[] }[];
}

export interface AccessReport {
  /** revFADP Art. 25: what the controller must tell beside the data. */
  controller: PrivacyController;
  recipients: PrivacyRecipient[];
  generatedAt: string;
  language: ReportLanguage;
  requestReference: string;
  subject: { id: number; name: string };
  sections: AccessReportSection[];
}

/** The report as data (shown, and saved as JSON for portability) and as the printable PDF. */
export interface AccessReportAnswer {
  report: AccessReport;
  pdfBase64: string;
  /** The JSON file as the person receives it: codes with their labels, times with Geneva's offset. */
  json: string;
  pdfName: string;
  jsonName: string;
  personId: number;
}

// ---------------------------------------------------------------- erasure

/** How many rows of each kind an erasure removes (or unlinks), keyed by table; never values. */
export type ErasureCounts = Record<string, number>;

export interface ErasurePreview {
  person: { firstName: string; lastName: string };
  counts: ErasureCounts;
  /** Reports kept for the product: they stay, stripped of everything personal. */
  keptReports: number;
  personId: number;
  /** YYYY-MM-DD: until then, older backups may still hold the person (the app's own backups, SQLite's). */
  backupsHeldUntil: string;
  /** What follows the erasure (ErasureCleanup): the engine's, so the screen says what remains where. */
  cleanup: ErasureCleanup["cleanup"];
}

/**
 * Why a team server's vacuum after an erasure did not happen: the server was started without the
 * schema's owner (`--database-owner`), PostgreSQL skipped tables the owner's role does not own,
 * the VACUUM failed (the connection, the server stopping), or the server holds no record of it
 * (restarted since, or nothing was erased).
 */
export const VACUUM_FAILURES = ["no_owner", "skipped", "failed", "not_recorded"] as const;
export type VacuumFailure = (typeof VACUUM_FAILURES)[number];

/**
 * What follows an erasure's commit, by engine: a desk's SQLite file (or a team server's) empties
 * its journal (WAL); a team server on PostgreSQL vacuums the tables the erasure changed, on the
 * owner's connection. Both after the answer: `done` says whether it has happened (the erasure
 * screen asks privacy.erasureStatus until it has, or until `vacuumFailed` says it will not).
 */
export type ErasureCleanup =
  | {
      cleanup: "wal";
      /** The erased data's old pages have left the database journal (WAL). */
      walEmptied: boolean;
      done: boolean;
    }
  | {
      cleanup: "vacuum";
      /** VACUUM (ANALYZE) of every table the erasure changed has run. */
      done: boolean;
      /** Set when it did not and will not run: the vacuum is never reported done then. */
      vacuumFailed?: VacuumFailure;
    };

export type ErasureDone = {
  requestId: number;
  personId: number;
  counts: ErasureCounts;
  backupsHeldUntil: string;
} & ErasureCleanup;

/** The clean-up after an erasure: `done` false in the erasure's answer, as it runs after it. */
export type ErasureStatus = { requestId: number } & ErasureCleanup;

// ---------------------------------------------------------------- contact preferences, mailing lists, disclosures, retention

/** One topic on one channel: the current choice, null when never asked. */
export interface PreferenceChoice {
  topic: PreferenceTopic;
  channel: PreferenceChannel;
  status: PreferenceStatus | null;
  source: PreferenceSource | null;
  changedAt: number | null;
}

/** One entry of the proof of consent. */
export interface PreferenceChange {
  topic: PreferenceTopic;
  channel: PreferenceChannel;
  status: PreferenceStatus;
  source: PreferenceSource;
  changedAt: number;
  changedBy: string | null;
}

export interface ContactPreferences {
  personId: number;
  choices: PreferenceChoice[];
  changes: PreferenceChange[];
}

/** A mailing list as a CSV file (semicolons, Swiss dates), with its row count and checksum for the audit. */
export interface MailingList {
  csv: string;
  rows: number;
  sha256: string;
  fileName: string;
}

export interface Disclosure {
  id: number;
  personId: number | null;
  person: string | null;
  recipient: string;
  legalBasis: string;
  categories: Category[];
  disclosedOn: string;
  note: string;
  recordedBy: string | null;
  recordedAt: number;
}

export interface DisclosurePage {
  rows: Disclosure[];
  total: number;
}

/** One retention rule: what is past its period, how much and since when. */
export interface RetentionReviewRow {
  rule: RetentionRule;
  cutoff: number;
  count: number;
  oldest: number | null;
}

/**
 * A retention run's removals, and its clean-up: SQLite's journal emptied before the answer (or
 * not, while a reader held it); PostgreSQL's vacuum of the changed tables after it, unless it
 * cannot run (`vacuumFailed`: the server has no owner's connection).
 */
export type RetentionDone = { done: Record<RetentionRule, number> } & ({ cleanup: "wal"; walEmptied: boolean } | { cleanup: "vacuum"; vacuumFailed?: VacuumFailure });

// ---------------------------------------------------------------- the operations

/**
 * The revFADP tools: the request register with its identity check and 30-day due dates, the
 * access report, erasure, contact preferences and mailing lists, disclosures and retention.
 */
export const privacyContract = {
  "privacy.requests.create": operation({
    input: z.strictObject({
      personId: id,
      kind: z.enum(PRIVACY_REQUEST_KINDS),
      channel: z.enum(PRIVACY_CHANNELS),
      receivedOn: calendarDay.optional(),
      details: text(4000, 0).optional(),
    }),
    roles: STAFF,
    mutates: true,
    output: returns<{ id: number; reference: string }>(),
  }),

  "privacy.requests.verifyIdentity": operation({
    input: z.strictObject({ id, method: z.enum(IDENTITY_METHODS) }),
    roles: STAFF,
    mutates: true,
    output: returns<PrivacyRequest>(),
  }),

  "privacy.requests.list": operation({
    input: z.strictObject({
      status: z.enum(REGISTER_FILTERS).default("pending"),
      kind: z.enum(PRIVACY_REQUEST_KINDS).optional(),
      personId: id.optional(),
      page: z.number().int().min(0).default(0),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
    roles: STAFF,
    mutates: false,
    output: returns<PrivacyRequestPage>(),
  }),

  /** The navigation rail's badge: no names, just how many are pending, due soon and overdue. */
  "privacy.requests.counts": operation({ input: z.strictObject({}), roles: STAFF, mutates: false, background: true, output: returns<PrivacyRequestCounts>() }),

  "privacy.requests.get": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: false, output: returns<PrivacyRequest>() }),

  "privacy.requests.extend": operation({
    input: z.strictObject({ id, version, dueOn: calendarDay, reason: text(1000) }),
    roles: PRIVACY_OFFICERS,
    mutates: true,
    output: returns<PrivacyRequest>(),
  }),

  "privacy.requests.complete": operation({
    input: z.strictObject({ id, version, outcome: text(4000) }),
    roles: STAFF,
    mutates: true,
    output: returns<PrivacyRequest>(),
  }),

  "privacy.requests.refuse": operation({
    input: z.strictObject({ id, version, reason: text(1000) }),
    roles: PRIVACY_OFFICERS,
    mutates: true,
    output: returns<PrivacyRequest>(),
  }),

  /** Everything held about the requester. Detached: a worker thread reads it and draws the PDF. */
  "privacy.accessReport": operation({ input: z.strictObject({ requestId: id }), roles: PRIVACY_DESK, mutates: false, detached: true, output: returns<AccessReportAnswer>() }),

  "privacy.erasePreview": operation({ input: z.strictObject({ requestId: id }), roles: PRIVACY_DESK, mutates: false, output: returns<ErasurePreview>() }),

  "privacy.erase": operation({
    input: z.strictObject({
      requestId: id,
      /** The person's last name typed again: an erasure cannot be undone. */
      confirmLastName: z.string().max(100),
      /** The person asked never to be contacted again: keep a keyed hash of their email and numbers. */
      suppressContacts: z.boolean().default(false),
    }),
    roles: PRIVACY_DESK,
    mutates: true,
    output: returns<ErasureDone>(),
  }),

  /**
   * Whether the clean-up after an erasure has happened: SQLite's journal (WAL) emptied, or on a
   * PostgreSQL server the vacuum of the changed tables run. The erasure screen asks until it has
   * (or a failed vacuum says it will not). On SQLite asking also tries the checkpoint again.
   */
  "privacy.erasureStatus": operation({
    input: z.strictObject({ requestId: id }),
    roles: PRIVACY_DESK,
    mutates: false,
    // Polled by the erasure screen until the clean-up is done: not the user's activity.
    background: true,
    output: returns<ErasureStatus>(),
  }),

  "preferences.get": operation({ input: z.strictObject({ personId: id }), roles: STAFF, mutates: false, output: returns<ContactPreferences>() }),

  "preferences.set": operation({
    input: z.strictObject({
      personId: id,
      topic: z.enum(PREFERENCE_TOPICS),
      channel: z.enum(PREFERENCE_CHANNELS),
      status: z.enum(PREFERENCE_STATUSES),
      source: z.enum(PREFERENCE_SOURCES),
    }),
    roles: STAFF,
    mutates: true,
    /** `changed`: false when the same choice was already on file (nothing was recorded). */
    output: returns<ContactPreferences & { changed: boolean }>(),
  }),

  "preferences.optOutAll": operation({
    input: z.strictObject({ personId: id, source: z.enum(PREFERENCE_SOURCES) }),
    roles: STAFF,
    mutates: true,
    /** `changed`: how many topic × channel choices this changed. */
    output: returns<ContactPreferences & { changed: number }>(),
  }),

  /** The current list of a topic on a channel, as a CSV file: opted-in only, suppressions removed. */
  "mailing.export": operation({
    input: z.strictObject({ topic: z.enum(PREFERENCE_TOPICS), channel: z.enum(PREFERENCE_CHANNELS).default("email") }),
    roles: PRIVACY_OFFICERS,
    mutates: false,
    // Detached: a worker thread writes the list (every opted-in person of a topic).
    detached: true,
    output: returns<MailingList>(),
  }),

  "disclosures.create": operation({
    input: z.strictObject({
      personId: id.nullable().optional(),
      recipient: text(200),
      legalBasis: text(500),
      categories: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length),
      disclosedOn: calendarDay,
      note: text(2000, 0).optional(),
    }),
    roles: PRIVACY_OFFICERS,
    mutates: true,
    output: returns<{ id: number }>(),
  }),

  "disclosures.list": operation({
    input: z.strictObject({ personId: id.optional(), page: z.number().int().min(0).default(0), pageSize: z.number().int().min(1).max(200).default(50) }),
    roles: PRIVACY_OFFICERS,
    mutates: false,
    output: returns<DisclosurePage>(),
  }),

  "retention.review": operation({ input: z.strictObject({}), roles: PRIVACY_OFFICERS, mutates: false, output: returns<RetentionReviewRow[]>() }),

  "retention.apply": operation({
    input: z.strictObject({ rules: z.array(z.enum(RETENTION_RULES)).min(1).max(RETENTION_RULES.length) }),
    roles: PRIVACY_OFFICERS,
    mutates: true,
    output: returns<RetentionDone>(),
  }),
};
