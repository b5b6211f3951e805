import { z } from "zod";
import {
  CALLBACK_OUTCOMES,
  FREQUENCIES,
  QUEUE_SORTS,
  REPORT_STATUSES,
  SEVERITIES,
  type CallbackOutcome,
  type Frequency,
  type PhoneKind,
  type ReportEventKind,
  type ReportStatus,
  type Role,
  type Salutation,
  type Severity,
} from "../enums";
import { id, instant, phoneNumber, text, version } from "../fields";
import { STAFF, SUPPORT_DESK } from "../roles";
import { operation, returns } from "./operation";

/** A software product callers report errors in, with the versions the form offers. */
export interface Product {
  id: number;
  name: string;
  /** Newest first. */
  versions: string[];
  active: boolean;
}

/** One line of a report's timeline, with its author's and (for an assignment) the assignee's name. */
export interface ReportEvent {
  id: number;
  at: number;
  kind: ReportEventKind;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus | null;
  outcome: CallbackOutcome | null;
  nextCallbackAt: number | null;
  text: string;
  author: string | null;
  assignee: string | null;
}

/** An error report as its page shows it: the report, its reporter's numbers, its timeline. */
export interface ReportDetail {
  id: number;
  reference: string;
  /** Null once the reporter was erased and the report kept for the product. */
  personId: number | null;
  productId: number;
  productName: string;
  productVersion: string;
  environment: string;
  title: string;
  description: string;
  steps: string;
  frequency: Frequency;
  severity: Severity;
  status: ReportStatus;
  callbackConsent: boolean;
  /** E.164. */
  callbackPhone: string | null;
  callbackPhoneDisplay: string | null;
  callbackWindow: string;
  nextCallbackAt: number | null;
  overdue: boolean;
  assigneeId: number | null;
  assignee: { id: number; displayName: string } | null;
  resolution: string;
  keepForProduct: boolean;
  createdBy: number | null;
  createdAt: number;
  updatedAt: number;
  version: number;
  /** The statuses the workflow allows next. */
  allowedStatuses: readonly ReportStatus[];
  reporter: {
    id: number;
    firstName: string;
    lastName: string;
    salutation: Salutation | null;
    phones: { e164: string; kind: PhoneKind; isPrimary: boolean; display: string }[];
  } | null;
  events: ReportEvent[];
}

/** One line of the support queue. */
export interface QueueRow {
  id: number;
  reference: string;
  title: string;
  status: ReportStatus;
  severity: Severity;
  productName: string;
  personId: number | null;
  /** The reporter's name; empty once the reporter was erased. */
  reporter: string;
  assignee: string | null;
  assigneeId: number | null;
  nextCallbackAt: number | null;
  createdAt: number;
  updatedAt: number;
  overdue: boolean;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Counted up to a cap: `totalCapped` says there are more (the queue shows "10 000+"). */
  total: number;
  totalCapped: boolean;
}

/** Someone a report can be assigned to. */
export interface Assignee {
  id: number;
  displayName: string;
  role: Role;
}

/** A call-back due, with the number to dial. */
export interface CallbackDue {
  id: number;
  reference: string;
  title: string;
  severity: Severity;
  status: ReportStatus;
  nextCallbackAt: number;
  /** E.164, and as dialled. */
  callbackPhone: string | null;
  dial: string | null;
  callbackWindow: string;
  personId: number;
  reporter: string;
  assignee: string | null;
  overdue: boolean;
}

const reportFields = {
  productId: id,
  productVersion: text(50, 0).optional(),
  environment: text(500, 0).optional(),
  title: text(200),
  description: text(20_000, 0).optional(),
  steps: text(20_000, 0).optional(),
  frequency: z.enum(FREQUENCIES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  callbackConsent: z.boolean().optional(),
  callbackPhone: phoneNumber.nullable().optional(),
  callbackWindow: text(500, 0).optional(),
};

/** The support queue's filter: what `reports.list` takes and `reports.saveFilter` keeps per user. */
export const queueFilter = z.strictObject({
  status: z.array(z.enum(REPORT_STATUSES)).max(7).optional(),
  severity: z.array(z.enum(SEVERITIES)).max(4).optional(),
  productId: id.optional(),
  /** A user id, or null for "unassigned". */
  assigneeId: id.nullable().optional(),
  mine: z.boolean().optional(),
  overdue: z.boolean().optional(),
  text: z.string().max(200).optional(),
  sort: z.enum(QUEUE_SORTS).default("createdAt"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(0).max(100_000).default(0),
  pageSize: z.number().int().min(1).max(200).default(50),
});
/** A queue filter with its defaults filled in (what `reports.savedFilter` answers). */
export type QueueFilter = z.output<typeof queueFilter>;

/** Error reports: taken by agents during a call, worked and called back by technical support. */
export const reportsContract = {
  "products.list": operation({
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    roles: STAFF,
    mutates: false,
    output: returns<Product[]>(),
  }),

  "products.save": operation({
    input: z.strictObject({ id: id.optional(), name: text(100), versions: z.array(text(50)).max(50), active: z.boolean().default(true) }),
    roles: ["admin"],
    mutates: true,
    output: returns<{ id: number }>(),
  }),

  "reports.create": operation({
    input: z.strictObject({ personId: id, ...reportFields, callbackBefore: instant.nullable().optional() }),
    roles: STAFF,
    mutates: true,
    output: returns<{ id: number; reference: string }>(),
  }),

  "reports.get": operation({
    input: z.union([z.strictObject({ id }), z.strictObject({ reference: z.string().max(30) })]),
    roles: STAFF,
    mutates: false,
    output: returns<ReportDetail>(),
  }),

  "reports.list": operation({ input: queueFilter, roles: STAFF, mutates: false, background: true, output: returns<QueuePage>() }),

  "reports.update": operation({
    input: z.strictObject({ id, version, ...z.strictObject(reportFields).partial().shape }),
    roles: SUPPORT_DESK,
    mutates: true,
    /** The report as saved, and the names of the fields that changed. */
    output: returns<ReportDetail & { changed: string[] }>(),
  }),

  "reports.setStatus": operation({
    input: z.strictObject({
      id,
      version,
      status: z.enum(REPORT_STATUSES),
      resolution: text(20_000, 0).optional(),
      note: text(20_000, 0).optional(),
      nextCallbackAt: instant.nullable().optional(),
    }),
    roles: SUPPORT_DESK,
    mutates: true,
    output: returns<ReportDetail>(),
  }),

  "reports.assign": operation({
    input: z.strictObject({ id, version, assigneeId: id.nullable() }),
    roles: SUPPORT_DESK,
    mutates: true,
    output: returns<ReportDetail>(),
  }),

  /** A manager's call (not an administrator's): on the reporter's erasure, keep this report, stripped of everything personal. */
  "reports.keepForProduct": operation({
    input: z.strictObject({ id, version, keep: z.boolean() }),
    roles: ["manager"],
    mutates: true,
    output: returns<ReportDetail>(),
  }),

  "reports.assignees": operation({ input: z.strictObject({}), roles: SUPPORT_DESK, mutates: false, output: returns<Assignee[]>() }),

  "reports.comment": operation({ input: z.strictObject({ id, text: text(20_000) }), roles: SUPPORT_DESK, mutates: true, output: returns<ReportDetail>() }),

  "reports.logCallback": operation({
    input: z.strictObject({ id, outcome: z.enum(CALLBACK_OUTCOMES), note: text(20_000, 0).optional(), nextCallbackAt: instant.nullable().optional() }),
    roles: SUPPORT_DESK,
    mutates: true,
    output: returns<ReportDetail>(),
  }),

  "reports.callbacksDue": operation({
    input: z.strictObject({ until: instant.optional() }),
    roles: SUPPORT_DESK,
    mutates: false,
    background: true,
    output: returns<CallbackDue[]>(),
  }),

  "reports.savedFilter": operation({ input: z.strictObject({}), roles: STAFF, mutates: false, output: returns<QueueFilter>() }),

  "reports.saveFilter": operation({ input: queueFilter, roles: STAFF, mutates: true, output: returns<{ saved: boolean }>() }),
};
