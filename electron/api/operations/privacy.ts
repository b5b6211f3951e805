import { backupsHeldUntil as lastBackupDeletion } from "../../../db/backups";
import type { Actor } from "../../../db/actor";
import { getPreferences, optOutAll, setPreference } from "../../../db/contact-preferences";
import { listDisclosures, recordDisclosure } from "../../../db/disclosures";
import { emptyWal, erasePerson, erasurePreview, erasureSubject, ERASURE_TABLES } from "../../../db/erasure";
import { vacuumAfterCommit, vacuumStatus } from "../../../db/erasure-vacuum";
import { AppError } from "../../../db/errors";
import { fold } from "../../../db/open";
import { markWalPending, retryWalTruncation, walPendingFor } from "../../../db/wal-truncation";
import { exportJobsFor } from "../../export/jobs";
import {
  completeRequest,
  createPrivacyRequest,
  extendRequest,
  getPrivacyRequest,
  listPrivacyRequests,
  privacyRequestCounts,
  privacyRequestExists,
  recordErasure,
  refuseRequest,
  requireVerified,
  verifyIdentity,
} from "../../../db/privacy-requests";
import { applyRetention, retentionReview, retentionTables } from "../../../db/retention";
import { getSetting } from "../../../db/settings";
import { genevaDate } from "../../../db/training";

import { privacyContract, type ErasureDone, type ErasurePreview, type ErasureStatus, type RetentionDone } from "../../../common/contract/privacy";
import { CATEGORIES } from "../../../common/enums";
import type { Db, ReadableDb } from "../../../db/open";
import { implement, type HandlerContext } from "../operation";

const actor = (ctx: HandlerContext<Db>): Actor => ({ userId: ctx.user!.id, now: ctx.now() });

const requestAudit = { entity: "privacy_request", entityId: (i: { id: number }) => i.id };

/** The revFADP tools (common/contract/privacy.ts says what each one answers). */
export const privacyOperations = implement(privacyContract, {
  "privacy.requests.create": {
    handler: (ctx, input) => createPrivacyRequest(ctx.tx, input, actor(ctx)),
    audit: { entity: "privacy_request", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  },

  "privacy.requests.verifyIdentity": {
    handler: async (ctx, input) => {
      await verifyIdentity(ctx.tx, input.id, input.method, actor(ctx));
      return getPrivacyRequest(ctx.tx, input.id, ctx.now());
    },
    audit: { ...requestAudit, fields: () => ["identity_method"] },
  },

  "privacy.requests.list": {
    handler: async (ctx, input) => ({ ...(await listPrivacyRequests(ctx.tx, input, ctx.now())), counts: await privacyRequestCounts(ctx.tx, ctx.now()) }),
  },

  /** The navigation rail's badge: no names, just how many are pending, due soon and overdue. */
  "privacy.requests.counts": {
    handler: (ctx) => privacyRequestCounts(ctx.tx, ctx.now()),
  },

  "privacy.requests.get": {
    handler: (ctx, input) => getPrivacyRequest(ctx.tx, input.id, ctx.now()),
    audit: { ...requestAudit, fields: () => ["request"] },
  },

  "privacy.requests.extend": {
    handler: async (ctx, input) => {
      await extendRequest(ctx.tx, input.id, input.version, input.dueOn, input.reason);
      return getPrivacyRequest(ctx.tx, input.id, ctx.now());
    },
    audit: { ...requestAudit, fields: () => ["due_on", "extension_reason"] },
  },

  "privacy.requests.complete": {
    handler: async (ctx, input) => {
      await completeRequest(ctx.tx, input.id, input.version, input.outcome, actor(ctx));
      return getPrivacyRequest(ctx.tx, input.id, ctx.now());
    },
    audit: { ...requestAudit, fields: () => ["status", "outcome"] },
  },

  "privacy.requests.refuse": {
    handler: async (ctx, input) => {
      await refuseRequest(ctx.tx, input.id, input.version, input.reason, actor(ctx));
      return getPrivacyRequest(ctx.tx, input.id, ctx.now());
    },
    audit: { ...requestAudit, fields: () => ["status", "refusal_reason"] },
  },

  /**
   * Everything held about the requester, as data (shown, and saved as the JSON file for
   * portability) and as the printable PDF, read and drawn by a worker thread (electron/workers/).
   */
  "privacy.accessReport": {
    handler: (ctx, input) => ctx.workers.run("privacy.accessReport", { requestId: input.requestId, now: ctx.now() }),
    audit: { entity: "person", entityId: (_i, o) => o.personId, fields: () => [...CATEGORIES] },
  },

  "privacy.erasePreview": {
    handler: async (ctx, input): Promise<ErasurePreview> => {
      const request = await requireVerified(ctx.tx, input.requestId, ["erasure"]);
      return {
        ...(await erasurePreview(ctx.tx, request.personId)),
        personId: request.personId,
        backupsHeldUntil: await backupsHeldUntil(ctx),
        cleanup: ctx.db.dialect === "pg" ? "vacuum" : "wal",
      };
    },
  },

  "privacy.erase": {
    handler: async (ctx, input): Promise<ErasureDone> => {
      const request = await requireVerified(ctx.tx, input.requestId, ["erasure"]);
      // Only the name here: the counts are taken once, by erasePerson.
      const person = await erasureSubject(ctx.tx, request.personId);
      if (fold(input.confirmLastName.normalize("NFC").trim()) !== fold(person.lastName)) throw new AppError("VALIDATION", "confirm_name_mismatch", {}, "confirmLastName");
      const by = actor(ctx);
      const { counts, keptReports } = await erasePerson(ctx.tx, request.personId, { suppressContacts: input.suppressContacts, now: by.now });
      const erasedCounts: Record<string, number> = { ...counts, error_reports_kept: keptReports };
      await recordErasure(ctx.tx, request.id, request.version, erasedCounts, by);
      const erased = { requestId: request.id, personId: request.personId, counts: erasedCounts, backupsHeldUntil: await backupsHeldUntil(ctx) };
      // The person (the audit entry's entity) is gone, and the request is completed.
      ctx.changed("privacy_request", request.id);
      // The clean-up runs after the answer on either engine (done: false here); the erasure screen
      // asks privacy.erasureStatus until it has happened.
      const db = ctx.db;
      if (db.dialect === "pg") {
        // The person is unreachable from the commit on; the vacuum of what the erasure changed
        // follows it, on the owner's connection (db/erasure-vacuum.ts). Without one, the answer
        // already says it will not happen.
        const result: ErasureDone = { ...erased, cleanup: "vacuum", done: false };
        ctx.afterCommit(() => {
          // Exports running or waiting to be downloaded may hold the person: they go.
          void exportJobsFor(db).discardAll();
          const key = `erasure:${request.id}` as const;
          vacuumAfterCommit(db, key, ERASURE_TABLES, ctx.host?.log);
          Object.assign(result, vacuumStatus(db, key));
        });
        return result;
      }
      // The old pages leave the WAL after the answer: the checkpoint (two fsyncs) would otherwise
      // double the erasure's wait (issue 12 item 16).
      ctx.afterCommit(() => {
        // Exports running or waiting to be downloaded may hold the person: they go. Their workers'
        // snapshots also keep the WAL from being emptied, so it is tried again once they stopped.
        const exportsStopped = exportJobsFor(db).discardAll();
        // Once committed, the old pages leave the WAL too: right after this answer (the host's
        // next turn), or as soon as readers let go. Without a host (a bare dispatcher), the
        // status operation's retry empties it.
        markWalPending(db, `erasure:${request.id}`);
        ctx.host?.emptyWalSoon();
        void exportsStopped.then(() => ctx.host?.emptyWalSoon());
      });
      return { ...erased, cleanup: "wal", walEmptied: false, done: false };
    },
    audit: { entity: "person", entityId: (_i, o) => o.personId, fields: (_i, o) => Object.keys(o.counts).filter((k) => o.counts[k]! > 0) },
  },

  /**
   * Whether the clean-up after an erasure has happened: SQLite's journal (WAL) emptied (asking
   * tries the checkpoint again), or on PostgreSQL the vacuum run. The erasure screen asks until it
   * has.
   */
  "privacy.erasureStatus": {
    handler: async (ctx, input): Promise<ErasureStatus> => {
      if (!(await privacyRequestExists(ctx.tx, input.requestId))) throw new AppError("NOT_FOUND", "not_found", { entity: "privacy_request" }, "requestId");
      const key = `erasure:${input.requestId}` as const;
      const db = ctx.db;
      if (db.dialect === "pg") return { requestId: input.requestId, cleanup: "vacuum", ...vacuumStatus(db, key) };
      if (walPendingFor(db, key)) retryWalTruncation(db);
      const walEmptied = !walPendingFor(db, key);
      return { requestId: input.requestId, cleanup: "wal", walEmptied, done: walEmptied };
    },
  },

  "preferences.get": {
    handler: (ctx, input) => getPreferences(ctx.tx, input.personId),
  },

  "preferences.set": {
    handler: async (ctx, input) => {
      const changed = await setPreference(ctx.tx, input, actor(ctx));
      return { ...(await getPreferences(ctx.tx, input.personId)), changed };
    },
    audit: { entity: "person", entityId: (i) => i.personId, fields: (i) => [`preference.${i.topic}.${i.channel}`] },
  },

  "preferences.optOutAll": {
    handler: async (ctx, input) => {
      const changed = await optOutAll(ctx.tx, input.personId, input.source, actor(ctx));
      return { ...(await getPreferences(ctx.tx, input.personId)), changed };
    },
    audit: { entity: "person", entityId: (i) => i.personId, fields: () => ["preferences"] },
  },

  /** The current list of a topic on a channel, as a CSV file: opted-in only, suppressions removed. */
  "mailing.export": {
    handler: (ctx, input) => ctx.workers.run("mailing.export", { topic: input.topic, channel: input.channel, language: ctx.user!.language }),
    audit: { entity: "mailing_list", entityId: (i) => `${i.topic}.${i.channel}`, fields: (_i, o) => [`rows:${o.rows}`, `sha256:${o.sha256}`] },
  },

  "disclosures.create": {
    handler: async (ctx, input) => {
      if (input.disclosedOn > genevaDate(ctx.now())) throw new AppError("VALIDATION", "date_in_future", {}, "disclosedOn");
      return { id: await recordDisclosure(ctx.tx, input, actor(ctx)) };
    },
    audit: { entity: "disclosure", entityId: (_i, o) => o.id, fields: (i) => i.categories },
  },

  "disclosures.list": {
    handler: (ctx, input) => listDisclosures(ctx.tx, input),
  },

  "retention.review": {
    handler: (ctx) => retentionReview(ctx.tx, ctx.now()),
  },

  "retention.apply": {
    handler: async (ctx, input): Promise<RetentionDone> => {
      const done = await applyRetention(ctx.tx, input.rules, ctx.now());
      const db = ctx.db;
      if (db.dialect === "pg") {
        // As after an erasure: the vacuum of the changed tables follows the answer; only its not
        // happening at all (no owner's connection) is known by then.
        const result: RetentionDone = { done, cleanup: "vacuum" };
        ctx.afterCommit(() => {
          vacuumAfterCommit(db, "retention", retentionTables(done), ctx.host?.log);
          const { vacuumFailed } = vacuumStatus(db, "retention");
          if (vacuumFailed) result.vacuumFailed = vacuumFailed;
        });
        return result;
      }
      // Answered after the commit: walEmptied is filled in then.
      const result = { done, cleanup: "wal" as const, walEmptied: false };
      ctx.afterCommit(() => {
        result.walEmptied = emptyWal(db);
        // A reader held an older snapshot: the host tries again until it lets go.
        if (!result.walEmptied) {
          markWalPending(db, "retention");
          ctx.host?.emptyWalSoon();
        }
      });
      return result;
    },
    audit: { entity: "retention", fields: (_i, o) => Object.entries(o.done).map(([rule, n]) => `${rule}:${n}`) },
  },
});

/** Until when old backups may still hold erased data: they are deleted after the backup retention. */
async function backupsHeldUntil(ctx: HandlerContext<ReadableDb>): Promise<string> {
  return genevaDate(lastBackupDeletion(await getSetting(ctx.tx, "backup.retentionDays"), ctx.now()));
}
