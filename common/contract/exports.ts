import { z } from "zod";
import { instant } from "../date-fields";
import type { InteractionPurpose } from "../enums";
import { MANAGERS, STAFF } from "../roles";
import { operation, returns } from "./operation";

/*
 * Exports (any record set to CSV, Excel or JSON, in a worker) and the managers' dashboard. What a
 * record set holds and how its query is built stays in db/export/record-sets.ts; the screens need
 * only the names, the filters and the formats below.
 */

/** Every list a manager can export, in the order the export screen offers them. */
export const RECORD_SET_KEYS = [
  "people",
  "companies",
  "interactions",
  "errorReports",
  "errorReportEvents",
  "trainingRequests",
  "trainingSessions",
  "privacyRequests",
  "mailingList",
  "auditLog",
] as const;
export type RecordSetKey = (typeof RECORD_SET_KEYS)[number];

export const EXPORT_FORMATS = ["csv", "xlsx", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Semicolon for a French or German Excel, comma for the rest. */
export const EXPORT_DELIMITERS = [";", ","] as const;
/** Dates as 25.11.2026 09:00 (Geneva) or as ISO 8601. */
export const EXPORT_DATE_STYLES = ["swiss", "iso"] as const;
/**
 * Columns of codes (status, channel, reason, kind…) as their labels in the reader's language
 * ("Trié", common/labels.ts) — what a manager reads, the default — or as the stored codes
 * ("triaged"), which another program can match on whatever the language. JSON always keeps codes.
 */
export const EXPORT_CODE_STYLES = ["labels", "codes"] as const;
export type ExportCodeStyle = (typeof EXPORT_CODE_STYLES)[number];

/** instant: epoch ms; day: YYYY-MM-DD text; boolean: 0/1. */
export type ColumnType = "text" | "integer" | "number" | "instant" | "day" | "boolean";

const exportId = z.number().int().positive();
const code = z.string().min(1).max(40);

/**
 * Every filter any record set may accept; each record set says which ones apply to it (a filter it
 * does not accept is refused, with its field, when the export is built).
 */
export const exportFilters = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  status: z.array(code).min(1).max(20).optional(),
  severity: z.array(code).min(1).max(10).optional(),
  purpose: z.array(code).min(1).max(10).optional(),
  channel: z.array(code).min(1).max(10).optional(),
  kind: z.array(code).min(1).max(10).optional(),
  language: z.array(code).min(1).max(10).optional(),
  topic: z.array(code).min(1).max(10).optional(),
  productId: exportId.optional(),
  courseId: exportId.optional(),
  assigneeId: exportId.optional(),
  agentId: exportId.optional(),
  userId: exportId.optional(),
});
export type ExportFilters = z.output<typeof exportFilters>;
export type ExportFilterKey = keyof ExportFilters;

/** A column as the screens show it: its key, its type and its label in the reader's language. */
export interface ExportColumnChoice {
  key: string;
  type: ColumnType;
  label: string;
  /** A column of codes from a closed list (status, channel…): written as labels or as codes, as asked. */
  coded?: boolean;
}

/** What the export screen shows to choose from, for one record set. */
export interface RecordSetDescription {
  key: RecordSetKey;
  label: string;
  columns: ExportColumnChoice[];
  /** Columns chosen when the user picks none. */
  defaults: string[];
  /** The filters it accepts; a list filter with the values it may take. */
  filters: { key: ExportFilterKey; values: string[] | undefined; labels: Record<string, string> | undefined }[];
  /** Filters that must be given (the mailing list's topic). */
  required: ExportFilterKey[];
}

export interface ExportPreview {
  columns: ExportColumnChoice[];
  /** The first rows, as arrays in column order (raw values: the screen formats them). */
  rows: unknown[][];
  total: number;
}

export type ExportJobStatus = "running" | "done" | "failed" | "cancelled";

/** An export as its owner follows it: progress, then the address to download the file from. */
export interface ExportJobView {
  id: string;
  status: ExportJobStatus;
  done: number;
  total: number;
  startedAt: number;
  finishedAt: number | null;
  /** Estimated from the rate so far; null until there is a rate. */
  msLeft: number | null;
  downloadUrl: string | null;
  fileName: string;
  bytes: number;
}

/** The managers' overview: a handful of counts over the last weeks. */
export interface DashboardSummary {
  generatedAt: number;
  calls: { day: string; counts: Record<InteractionPurpose, number>; total: number }[];
  openReports: { status: string; counts: Record<string, number>; total: number }[];
  weekly: { week: string; opened: number; resolved: number }[];
  overdueCallbacks: number;
  training: { status: string; count: number }[];
  /** Null on a database from before the privacy register. */
  privacy: { overdue: number; dueSoon: number } | null;
}

const selection = {
  recordSet: z.enum(RECORD_SET_KEYS),
  columns: z.array(z.string().min(1).max(40)).max(60).default([]),
  filters: exportFilters.default({}),
  codes: z.enum(EXPORT_CODE_STYLES).default("labels"),
};
const jobId = z.strictObject({ id: z.uuid() });

export const exportsContract = {
  // Tells the screen (and the navigation rail) whether this user may export at all.
  "exports.recordSets": operation({
    input: z.strictObject({}),
    roles: STAFF,
    mutates: false,
    output: returns<{ allowed: boolean; recordSets: RecordSetDescription[] }>(),
  }),

  // Anyone may ask: the export right (a role or an administrator's grant) is checked by the handler.
  // Detached: the rows and the count are read by a worker thread (seconds on a million people).
  "exports.preview": operation({ input: z.strictObject(selection), roles: STAFF, mutates: false, detached: true, output: returns<ExportPreview>() }),

  "exports.start": operation({
    input: z.strictObject({
      ...selection,
      format: z.enum(EXPORT_FORMATS),
      delimiter: z.enum(EXPORT_DELIMITERS).default(";"),
      dateStyle: z.enum(EXPORT_DATE_STYLES).default("swiss"),
    }),
    roles: STAFF,
    mutates: false,
    output: returns<ExportJobView>(),
  }),

  "exports.progress": operation({ input: jobId, roles: STAFF, mutates: false, background: true, output: returns<ExportJobView>() }),

  "exports.cancel": operation({ input: jobId, roles: STAFF, mutates: false, output: returns<ExportJobView>() }),

  "dashboard.summary": operation({ input: z.strictObject({}), roles: MANAGERS, mutates: false, output: returns<DashboardSummary>() }),
};
