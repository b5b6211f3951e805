import { exportsContract, type RecordSetKey } from "../../../common/contract/exports";
import { dashboardSummary } from "../../../db/dashboard";
import { AppError } from "../../../db/errors";
import { buildExportQuery, describeRecordSets } from "../../../db/export/record-sets";
import type { Reads } from "../../../db/engine";
import type { PublicUser } from "../../../db/users";
import { exportJobsFor } from "../../export/jobs";
import { hasExportRight, mayReadRecordSet } from "../export-rights";
import { implement } from "../operation";

export const PREVIEW_ROWS = 50;

/** The export right, and the right to read that record set through the API (export-rights.ts). */
async function requireExportRight(tx: Reads, user: PublicUser, recordSet: RecordSetKey): Promise<void> {
  if (!(await hasExportRight(tx, user)) || !mayReadRecordSet(user.role, recordSet)) throw new AppError("FORBIDDEN", "forbidden", {}, "recordSet");
}

/** Exports (any record set to CSV, Excel or JSON, in a worker) and the managers' dashboard. */
export const exportOperations = implement(exportsContract, {
  "exports.recordSets": {
    // Tells the screen (and the navigation rail) whether this user may export at all.
    handler: async (ctx) => {
      const recordSets = (await hasExportRight(ctx.tx, ctx.user!)) ? describeRecordSets(ctx.user!.language).filter((set) => mayReadRecordSet(ctx.user!.role, set.key)) : [];
      return { allowed: recordSets.length > 0, recordSets };
    },
  },

  "exports.preview": {
    handler: async (ctx, input) => {
      // Detached (it waits in the workers' line outside any transaction): the right is read in a
      // short read transaction of its own.
      await ctx.db.engine.transaction("read", (tx) => requireExportRight(tx, ctx.user!, input.recordSet));
      // Built here first, as for exports.start: a wrong column or filter is refused with its field
      // without waiting in the workers' line.
      buildExportQuery(input.recordSet, input.columns, input.filters, ctx.user!.language, input.codes);
      const { recordSet, columns, filters, codes } = input;
      return ctx.workers.run("exports.preview", { recordSet, columns, filters, codes, language: ctx.user!.language, limit: PREVIEW_ROWS });
    },
    // Fifty rows of personal data on screen: an audited read (which list and columns, not the rows).
    audit: { entity: "export", entityId: (i) => i.recordSet, fields: (i) => ["preview", ...i.columns] },
  },

  "exports.start": {
    // Audited by the job when the file is complete, with its row count and SHA-256.
    handler: async (ctx, input) => {
      await requireExportRight(ctx.tx, ctx.user!, input.recordSet);
      const language = ctx.user!.language;
      // Built here first so a wrong column or filter is refused now, with its field, not in the worker.
      const query = buildExportQuery(input.recordSet, input.columns, input.filters, language, input.codes);
      const columns = query.columns.map((c) => c.key);
      return exportJobsFor(ctx.db, ctx.host?.log).start(ctx.user!.id, { ...input, columns, language });
    },
  },

  "exports.progress": {
    handler: (ctx, input) => exportJobsFor(ctx.db).progress(input.id, ctx.user!.id),
  },

  "exports.cancel": {
    handler: (ctx, input) => exportJobsFor(ctx.db).cancel(input.id, ctx.user!.id),
  },

  "dashboard.summary": {
    handler: (ctx) => dashboardSummary(ctx.tx, ctx.now()),
  },
});
