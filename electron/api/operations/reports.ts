import { queueFilter, reportsContract } from "../../../common/contract/reports";
import type { Actor } from "../../../db/actor";
import type { Db } from "../../../db/open";
import { getPreference, setPreference } from "../../../db/preferences";
import {
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
  reportIdByReference,
  saveProduct,
  setKeepForProduct,
  setStatus,
  updateReport,
} from "../../../db/reports";
import { implement, type HandlerContext } from "../operation";
import { genevaDayEnd, genevaDayOf } from "../../../common/geneva-time";

const actor = (ctx: HandlerContext<Db>): Actor => ({ userId: ctx.user!.id, now: ctx.now() });

const reportAudit = { entity: "error_report", entityId: (i: { id: number }) => i.id };

/** The reporter's card lists their reports: it changed too (live updates). */
function reporterChanged<R extends { personId: number | null }>(ctx: HandlerContext, report: R): R {
  if (report.personId !== null) ctx.changed("person", report.personId);
  return report;
}

/** Error reports: taken by agents during a call, worked and called back by technical support. */
export const reportOperations = implement(reportsContract, {
  "products.list": {
    handler: (ctx, input) => listProducts(ctx.tx, input.includeInactive),
  },

  "products.save": {
    handler: async (ctx, input) => ({ id: await saveProduct(ctx.tx, input) }),
    audit: { entity: "product", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  },

  "reports.create": {
    handler: async (ctx, input) => {
      const created = await createReport(ctx.tx, input, actor(ctx));
      ctx.changed("person", input.personId);
      return created;
    },
    audit: { entity: "error_report", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  },

  "reports.get": {
    handler: async (ctx, input) => {
      const reportId = "id" in input ? input.id : await reportIdByReference(ctx.tx, parseReference(input.reference) ?? input.reference);
      return getReport(ctx.tx, reportId, ctx.now());
    },
    audit: { entity: "error_report", entityId: (_i, o) => o.id, fields: () => ["report", "reporter"] },
  },

  "reports.list": {
    // Like the caller lookup, the queue is not an audited read (one fsync per page would cost more
    // than the query); opening a report is.
    handler: (ctx, { mine, ...filter }) => listReports(ctx.tx, { ...filter, assigneeId: mine ? ctx.user!.id : filter.assigneeId }, ctx.now()),
  },

  "reports.update": {
    handler: async (ctx, { id: reportId, version: v, ...changes }) => {
      const changed = await updateReport(ctx.tx, reportId, v, changes, actor(ctx));
      return reporterChanged(ctx, { changed, ...(await getReport(ctx.tx, reportId, ctx.now())) });
    },
    audit: { ...reportAudit, fields: (_i, o) => o.changed },
  },

  "reports.setStatus": {
    handler: async (ctx, { id: reportId, version: v, status, ...extra }) => {
      await setStatus(ctx.tx, reportId, v, status, extra, actor(ctx));
      return reporterChanged(ctx, await getReport(ctx.tx, reportId, ctx.now()));
    },
    audit: { ...reportAudit, fields: () => ["status"] },
  },

  "reports.assign": {
    handler: async (ctx, input) => {
      await assignReport(ctx.tx, input.id, input.version, input.assigneeId, actor(ctx));
      return reporterChanged(ctx, await getReport(ctx.tx, input.id, ctx.now()));
    },
    audit: { ...reportAudit, fields: () => ["assignee"] },
  },

  "reports.keepForProduct": {
    handler: async (ctx, input) => {
      await setKeepForProduct(ctx.tx, input.id, input.version, input.keep, actor(ctx));
      return reporterChanged(ctx, await getReport(ctx.tx, input.id, ctx.now()));
    },
    audit: { ...reportAudit, fields: () => ["keep_for_product"] },
  },

  "reports.assignees": {
    // Staff names only, no caller data: like the queue, not an audited read.
    handler: (ctx) => listAssignees(ctx.tx),
  },

  "reports.comment": {
    handler: async (ctx, input) => {
      await commentReport(ctx.tx, input.id, input.text, actor(ctx));
      return reporterChanged(ctx, await getReport(ctx.tx, input.id, ctx.now()));
    },
    audit: { ...reportAudit, fields: () => ["comment"] },
  },

  "reports.logCallback": {
    handler: async (ctx, { id: reportId, ...input }) => {
      await logCallback(ctx.tx, reportId, input, actor(ctx));
      return reporterChanged(ctx, await getReport(ctx.tx, reportId, ctx.now()));
    },
    audit: { ...reportAudit, fields: () => ["callback"] },
  },

  "reports.callbacksDue": {
    handler: (ctx, input) => callbacksDue(ctx.tx, input.until ?? endOfDayZurich(ctx.now()), ctx.now()),
    audit: { entity: "error_report", fields: () => ["callbacks", "reporter", "phone"] },
  },

  "reports.savedFilter": {
    handler: async (ctx) => {
      const saved = queueFilter.safeParse((await getPreference(ctx.tx, ctx.user!.id, "reports.queue")) ?? {});
      return saved.success ? saved.data : queueFilter.parse({});
    },
  },

  "reports.saveFilter": {
    handler: async (ctx, input) => {
      await setPreference(ctx.tx, ctx.user!.id, "reports.queue", { ...input, page: 0 });
      return { saved: true };
    },
    audit: { entity: "user_preference", fields: () => ["reports.queue"] },
  },
});

/** The end of today in Geneva, whatever the machine's time zone: "call-backs today" (23 or 25 hours on a change day). */
function endOfDayZurich(now: number): number {
  return genevaDayEnd(genevaDayOf(now));
}
