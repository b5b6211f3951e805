import type { AccessReportAnswer, MailingList } from "../../common/contract/privacy";
import type { AuditVerification } from "../../common/contract/admin";
import type { ExportPreview } from "../../common/contract/exports";
import type { ExportCodeStyle, ExportFilters, RecordSetKey } from "../../common/contract/exports";
import { buildAccessReport } from "../../db/access-report";
import { accessReportJson } from "../../db/access-report-json";
import { verifyAudit } from "../../db/audit";
import { auditChainHead, readAuditAnchor, type AuditAnchor } from "../../db/audit-anchor";
import { mailingCsv, mailingCsvSync } from "../../db/contact-preferences";
import { previewExport, type ExportSource } from "../../db/export/export-source";
import { buildExportQuery, countExportRows, previewExportRows } from "../../db/export/record-sets";
import { databaseFacts, type FileFacts } from "../../db/file-check";
import { sqliteOnly, type PgDb, type ReadableServedDb } from "../../db/served";
import { requireVerified } from "../../db/privacy-requests";
import type { Language } from "../../db/schema";
import type { PreferenceChannel, PreferenceTopic } from "../../common/enums";

/**
 * The heavy reads, by name: what a worker thread of the pool (pool.ts) runs on its own read-only
 * connection, so that the main thread, which serves every desk, is never held by them. Each is the
 * db/ functions the handlers called before, unchanged; the handler keeps what needs the session
 * (rights, the audit entry) and hands the rest over here. Arguments and answers cross a thread
 * boundary: plain data only (no Buffer, no class), and `now` is passed, never read here.
 */
export const HEAVY_JOBS = {
  /** The first rows and the count of a selection (seconds on a million people with a filter on an unindexed column). */
  "exports.preview": (
    db: ReadableServedDb,
    a: { recordSet: RecordSetKey; columns: string[]; filters: ExportFilters; language: Language; codes: ExportCodeStyle; limit: number },
  ): ExportPreview | Promise<ExportPreview> => {
    const query = buildExportQuery(a.recordSet, a.columns, a.filters, a.language, a.codes);
    const columns = query.columns.map(({ key, type, label }) => ({ key, type, label }));
    if (db.dialect === "pg") return pgSourceOf(db).then(async (source) => ({ columns, ...(await previewExport(source, query, a.limit)) }));
    // One snapshot for both: the count is the count of the list whose first rows are shown.
    return db.sqlite.transaction(() => ({ columns, rows: previewExportRows(db.sqlite, query, a.limit), total: countExportRows(db.sqlite, query) }))();
  },

  /**
   * The whole chain walked and hashed (3.7 s per 300,000 entries), with the head it reached and the
   * anchor it was checked against, all from one snapshot: the handler records that head as the new
   * anchor on the main thread, so entries written meanwhile are never anchored unverified. On
   * PostgreSQL it runs on the server's thread, a page of entries between two awaits (db/audit.ts).
   */
  "audit.verify": async (served: ReadableServedDb, a: { now: number }): Promise<{ verification: AuditVerification; checked: AuditAnchor | null; head: AuditAnchor }> => {
    const anchor = readAuditAnchor(served);
    return served.engine.transaction("read", async (tx) => ({
      verification: await verifyAudit(tx, served.auditKey, anchor),
      checked: anchor === "unreadable" ? null : anchor,
      head: await auditChainHead(tx, a.now),
    }));
  },

  /** Everything held about a verified requester, as data, JSON file and PDF (fonts, shaping, drawing). */
  "privacy.accessReport": async (db: ReadableServedDb, a: { requestId: number; now: number }): Promise<AccessReportAnswer> => {
    // Read in one transaction before the drawing: the drawing then needs no database.
    const { request, report } = await db.engine.transaction("read", async (tx) => {
      const verified = await requireVerified(tx, a.requestId, ["access", "portability"]);
      return { request: verified, report: await buildAccessReport(tx, verified.personId, verified.reference, a.now) };
    });
    // Loaded at the first report only: pdfkit, fontkit and the shaping tables take seconds to load
    // from sources, which every thread would pay at its start for a job most of them never run.
    const { renderAccessReportPdf } = await import("../../db/access-report-pdf");
    const pdf = await renderAccessReportPdf(report);
    const stem = `acces-${request.reference}`;
    return { report, pdfBase64: pdf.toString("base64"), json: accessReportJson(report), pdfName: `${stem}.pdf`, jsonName: `${stem}.json`, personId: request.personId };
  },

  /** `integrity_check` reads every page (about 5 s on a 124 MB file), then `foreign_key_check`. */
  "diagnostics.integrityCheck": (db: ReadableServedDb): FileFacts => databaseFacts(sqliteOnly(db).sqlite),

  /** A mailing list as CSV: every opted-in person of a topic (hundreds of thousands of rows). */
  "mailing.export": (db: ReadableServedDb, a: { topic: PreferenceTopic; channel: PreferenceChannel; language: Language }): MailingList | Promise<MailingList> =>
    db.dialect === "pg" ? pgSourceOf(db).then((source) => mailingCsv(source, a.topic, a.channel, a.language)) : mailingCsvSync(db, a.topic, a.channel, a.language),
};

/**
 * A team server's PostgreSQL read, on the engine's pool in one REPEATABLE READ snapshot: the
 * exports' cursor source, which also leaves the mailing list's suppressed contacts out row by row.
 * (These jobs run in the main thread there: the server does the reading.) Loaded at the first such
 * job, so that a desk's worker threads never load the PostgreSQL client.
 */
async function pgSourceOf(db: PgDb): Promise<ExportSource> {
  const { pgSource } = await import("../../db/export/pg-export-source");
  return pgSource(db.pool);
}

export type HeavyJobs = typeof HEAVY_JOBS;
export type JobName = keyof HeavyJobs;
export type JobArgs<N extends JobName> = Parameters<HeavyJobs[N]>[1];
export type JobResult<N extends JobName> = Awaited<ReturnType<HeavyJobs[N]>>;

/** Runs heavy reads: the pool's worker threads, or (no pool: a bare dispatcher) this thread. */
export interface HeavyWork {
  run<N extends JobName>(name: N, ...args: JobArgs<N> extends undefined ? [] : [JobArgs<N>]): Promise<JobResult<N>>;
}

/** Runs one job of the table on a connection (the worker's, or the main one in-process). */
export function runJob(db: ReadableServedDb, name: JobName, args: unknown): unknown {
  if (!Object.hasOwn(HEAVY_JOBS, name)) throw new Error(`Unknown heavy job ${String(name)}`);
  return (HEAVY_JOBS[name] as (db: ReadableServedDb, args: unknown) => unknown)(db, args);
}
