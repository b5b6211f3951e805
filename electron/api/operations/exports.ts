import { z } from "zod";
import { dashboardSummary } from "../../../db/dashboard";
import { AppError } from "../../../db/errors";
import { buildExportQuery, countExportRows, describeRecordSets, exportFilters, previewExportRows, RECORD_SET_KEYS, type RecordSetKey } from "../../../db/export/record-sets";
import { EXPORT_FORMATS } from "../../../db/export/run-export";
import { exportJobsFor } from "../../export/jobs";
import { hasExportRight, mayReadRecordSet } from "../export-rights";
import { op, STAFF, type HandlerContext } from "../operation";

const MANAGERS = ["manager", "admin"] as const;
export const PREVIEW_ROWS = 50;

/** The export right, and the right to read that record set through the API (export-rights.ts). */
function requireExportRight(ctx: HandlerContext, recordSet: RecordSetKey): void {
  if (!hasExportRight(ctx.db, ctx.user!) || !mayReadRecordSet(ctx.user!.role, recordSet)) throw new AppError("FORBIDDEN", "forbidden", {}, "recordSet");
}

const selection = {
  recordSet: z.enum(RECORD_SET_KEYS),
  columns: z.array(z.string().min(1).max(40)).max(60).default([]),
  filters: exportFilters.default({}),
};
const jobId = z.strictObject({ id: z.uuid() });

/** Exports (any record set to CSV, Excel or JSON, in a worker) and the managers' dashboard. */
export const exportOperations = {
  "exports.recordSets": op({
    input: z.strictObject({}),
    roles: STAFF,
    mutates: false,
    // Tells the screen (and the navigation rail) whether this user may export at all.
    handler: (ctx) => {
      const recordSets = hasExportRight(ctx.db, ctx.user!) ? describeRecordSets(ctx.user!.language).filter((set) => mayReadRecordSet(ctx.user!.role, set.key)) : [];
      return { allowed: recordSets.length > 0, recordSets };
    },
  }),

  "exports.preview": op({
    input: z.strictObject(selection),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => {
      requireExportRight(ctx, input.recordSet);
      const query = buildExportQuery(input.recordSet, input.columns, input.filters, ctx.user!.language);
      return {
        columns: query.columns.map(({ key, type, label }) => ({ key, type, label })),
        rows: previewExportRows(ctx.db.sqlite, query, PREVIEW_ROWS),
        total: countExportRows(ctx.db.sqlite, query),
      };
    },
    // Fifty rows of personal data on screen: an audited read (which list and columns, not the rows).
    audit: { entity: "export", entityId: (i) => i.recordSet, fields: (i) => ["preview", ...i.columns] },
  }),

  "exports.start": op({
    input: z.strictObject({
      ...selection,
      format: z.enum(EXPORT_FORMATS),
      delimiter: z.enum([";", ","]).default(";"),
      dateStyle: z.enum(["swiss", "iso"]).default("swiss"),
    }),
    roles: STAFF,
    mutates: false,
    // Audited by the job when the file is complete, with its row count and SHA-256.
    handler: (ctx, input) => {
      requireExportRight(ctx, input.recordSet);
      const language = ctx.user!.language;
      // Built here first so a wrong column or filter is refused now, with its field, not in the worker.
      const query = buildExportQuery(input.recordSet, input.columns, input.filters, language);
      const columns = query.columns.map((c) => c.key);
      return exportJobsFor(ctx.db, ctx.host?.log).start(ctx.user!.id, { ...input, columns, language });
    },
  }),

  "exports.progress": op({
    input: jobId,
    roles: STAFF,
    mutates: false,
    background: true,
    handler: (ctx, input) => exportJobsFor(ctx.db).progress(input.id, ctx.user!.id),
  }),

  "exports.cancel": op({
    input: jobId,
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => exportJobsFor(ctx.db).cancel(input.id, ctx.user!.id),
  }),

  "dashboard.summary": op({
    input: z.strictObject({}),
    roles: MANAGERS,
    mutates: false,
    handler: (ctx) => dashboardSummary(ctx.db, ctx.now()),
  }),
};
