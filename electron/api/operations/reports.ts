import { z } from "zod";
import { getPreference, setPreference } from "../../../db/preferences";
import {
  setKeepForProduct,
  assignReport,
  callbacksDue,
  commentReport,
  createReport,
  getReport,
  listAssignees,
  listProducts,
  listReports,
  logCallback,
  parseReference,
  QUEUE_SORTS,
  reportIdByReference,
  saveProduct,
  setStatus,
  updateReport,
} from "../../../db/reports";
import { CALLBACK_OUTCOMES, FREQUENCIES, REPORT_STATUSES, SEVERITIES } from "../../../db/schema";
import type { Actor } from "../../../db/actor";
import { id, instant, phoneNumber, text, version } from "../../../common/fields";
import { op, STAFF, type HandlerContext } from "../operation";
import { genevaDayEnd, genevaDayOf } from "../../../common/geneva-time";

const SUPPORT = ["support", "manager", "admin"] as const;
const actor = (ctx: HandlerContext): Actor => ({ userId: ctx.user!.id, now: ctx.now() });

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

const reportAudit = { entity: "error_report", entityId: (i: { id: number }) => i.id };

/** Error reports: taken by agents during a call, worked and called back by technical support. */
export const reportOperations = {
  "products.list": op({
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => listProducts(ctx.db, input.includeInactive),
  }),

  "products.save": op({
    input: z.strictObject({ id: id.optional(), name: text(100), versions: z.array(text(50)).max(50), active: z.boolean().default(true) }),
    roles: ["admin"],
    mutates: true,
    handler: (ctx, input) => ({ id: saveProduct(ctx.db, input) }),
    audit: { entity: "product", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  }),

  "reports.create": op({
    input: z.strictObject({ personId: id, ...reportFields, callbackBefore: instant.nullable().optional() }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => createReport(ctx.db, input, actor(ctx)),
    audit: { entity: "error_report", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  }),

  "reports.get": op({
    input: z.union([z.strictObject({ id }), z.strictObject({ reference: z.string().max(30) })]),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => {
      const reportId = "id" in input ? input.id : reportIdByReference(ctx.db, parseReference(input.reference) ?? input.reference);
      return getReport(ctx.db, reportId, ctx.now());
    },
    audit: { entity: "error_report", entityId: (_i, o) => o.id, fields: () => ["report", "reporter"] },
  }),

  "reports.list": op({
    input: queueFilter,
    roles: STAFF,
    mutates: false,
    background: true,
    // Like the caller lookup, the queue is not an audited read (one fsync per page would cost more
    // than the query); opening a report is.
    handler: (ctx, { mine, ...filter }) => listReports(ctx.db, { ...filter, assigneeId: mine ? ctx.user!.id : filter.assigneeId }, ctx.now()),
  }),

  "reports.update": op({
    input: z.strictObject({ id, version, ...z.strictObject(reportFields).partial().shape }),
    roles: SUPPORT,
    mutates: true,
    handler: (ctx, { id: reportId, version: v, ...changes }) => ({ changed: updateReport(ctx.db, reportId, v, changes, actor(ctx)), ...getReport(ctx.db, reportId, ctx.now()) }),
    audit: { ...reportAudit, fields: (_i, o) => o.changed },
  }),

  "reports.setStatus": op({
    input: z.strictObject({
      id,
      version,
      status: z.enum(REPORT_STATUSES),
      resolution: text(20_000, 0).optional(),
      note: text(20_000, 0).optional(),
      nextCallbackAt: instant.nullable().optional(),
    }),
    roles: SUPPORT,
    mutates: true,
    handler: (ctx, { id: reportId, version: v, status, ...extra }) => {
      setStatus(ctx.db, reportId, v, status, extra, actor(ctx));
      return getReport(ctx.db, reportId, ctx.now());
    },
    audit: { ...reportAudit, fields: () => ["status"] },
  }),

  "reports.assign": op({
    input: z.strictObject({ id, version, assigneeId: id.nullable() }),
    roles: SUPPORT,
    mutates: true,
    handler: (ctx, input) => {
      assignReport(ctx.db, input.id, input.version, input.assigneeId, actor(ctx));
      return getReport(ctx.db, input.id, ctx.now());
    },
    audit: { ...reportAudit, fields: () => ["assignee"] },
  }),

  /** A manager's call: on the reporter's erasure, keep this report (stripped of everything personal). */
  "reports.keepForProduct": op({
    input: z.strictObject({ id, version, keep: z.boolean() }),
    roles: ["manager"],
    mutates: true,
    handler: (ctx, input) => {
      setKeepForProduct(ctx.db, input.id, input.version, input.keep, actor(ctx));
      return getReport(ctx.db, input.id, ctx.now());
    },
    audit: { ...reportAudit, fields: () => ["keep_for_product"] },
  }),

  "reports.assignees": op({
    input: z.strictObject({}),
    roles: SUPPORT,
    mutates: false,
    // Staff names only, no caller data: like the queue, not an audited read.
    handler: (ctx) => listAssignees(ctx.db),
  }),

  "reports.comment": op({
    input: z.strictObject({ id, text: text(20_000) }),
    roles: SUPPORT,
    mutates: true,
    handler: (ctx, input) => {
      commentReport(ctx.db, input.id, input.text, actor(ctx));
      return getReport(ctx.db, input.id, ctx.now());
    },
    audit: { ...reportAudit, fields: () => ["comment"] },
  }),

  "reports.logCallback": op({
    input: z.strictObject({ id, outcome: z.enum(CALLBACK_OUTCOMES), note: text(20_000, 0).optional(), nextCallbackAt: instant.nullable().optional() }),
    roles: SUPPORT,
    mutates: true,
    handler: (ctx, { id: reportId, ...input }) => {
      logCallback(ctx.db, reportId, input, actor(ctx));
      return getReport(ctx.db, reportId, ctx.now());
    },
    audit: { ...reportAudit, fields: () => ["callback"] },
  }),

  "reports.callbacksDue": op({
    input: z.strictObject({ until: instant.optional() }),
    roles: SUPPORT,
    mutates: false,
    background: true,
    handler: (ctx, input) => callbacksDue(ctx.db, input.until ?? endOfDayZurich(ctx.now()), ctx.now()),
    audit: { entity: "error_report", fields: () => ["callbacks", "reporter", "phone"] },
  }),

  "reports.savedFilter": op({
    input: z.strictObject({}),
    roles: STAFF,
    mutates: false,
    handler: (ctx) => {
      const saved = queueFilter.safeParse(getPreference(ctx.db, ctx.user!.id, "reports.queue") ?? {});
      return saved.success ? saved.data : queueFilter.parse({});
    },
  }),

  "reports.saveFilter": op({
    input: queueFilter,
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => {
      setPreference(ctx.db, ctx.user!.id, "reports.queue", { ...input, page: 0 });
      return { saved: true };
    },
    audit: { entity: "user_preference", fields: () => ["reports.queue"] },
  }),
};

/** The end of today in Geneva, whatever the machine's time zone: "call-backs today" (23 or 25 hours on a change day). */
function endOfDayZurich(now: number): number {
  return genevaDayEnd(genevaDayOf(now));
}
