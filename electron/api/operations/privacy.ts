import { backupsHeldUntil as lastBackupDeletion } from "../../../db/backups";
import type { Actor } from "../../../db/actor";
import { getPreferences, optOutAll, setPreference } from "../../../db/contact-preferences";
import { listDisclosures, recordDisclosure } from "../../../db/disclosures";
import { emptyWal, erasePerson, erasurePreview, erasureSubject } from "../../../db/erasure";
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
  refuseRequest,
  requireVerified,
  verifyIdentity,
} from "../../../db/privacy-requests";
import { applyRetention, retentionReview } from "../../../db/retention";
import { privacyRequests } from "../../../db/schema";
import { getSettingSync } from "../../../db/settings";
import { genevaDate } from "../../../db/training";
import { eq } from "drizzle-orm";
import { privacyContract, type RetentionDone } from "../../../common/contract/privacy";
import { CATEGORIES } from "../../../common/enums";
import type { Db, ReadableDb } from "../../../db/open";
import { implement, type HandlerContext } from "../operation";

const actor = (ctx: HandlerContext<Db>): Actor => ({ userId: ctx.user!.id, now: ctx.now() });

const requestAudit = { entity: "privacy_request", entityId: (i: { id: number }) => i.id };

/** The revFADP tools (common/contract/privacy.ts says what each one answers). */
export const privacyOperations = implement(privacyContract, {
  "privacy.requests.create": {
    handler: (ctx, input) => createPrivacyRequest(ctx.db, input, actor(ctx)),
    audit: { entity: "privacy_request", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  },

  "privacy.requests.verifyIdentity": {
    handler: (ctx, input) => {
      verifyIdentity(ctx.db, input.id, input.method, actor(ctx));
      return getPrivacyRequest(ctx.db, input.id, ctx.now());
    },
    audit: { ...requestAudit, fields: () => ["identity_method"] },
  },

  "privacy.requests.list": {
    handler: (ctx, input) => ({ ...listPrivacyRequests(ctx.db, input, ctx.now()), counts: privacyRequestCounts(ctx.db, ctx.now()) }),
  },

  /** The navigation rail's badge: no names, just how many are pending, due soon and overdue. */
  "privacy.requests.counts": {
    handler: (ctx) => privacyRequestCounts(ctx.db, ctx.now()),
  },

  "privacy.requests.get": {
    handler: (ctx, input) => getPrivacyRequest(ctx.db, input.id, ctx.now()),
    audit: { ...requestAudit, fields: () => ["request"] },
  },

  "privacy.requests.extend": {
    handler: (ctx, input) => {
      extendRequest(ctx.db, input.id, input.version, input.dueOn, input.reason);
      return getPrivacyRequest(ctx.db, input.id, ctx.now());
    },
    audit: { ...requestAudit, fields: () => ["due_on", "extension_reason"] },
  },

  "privacy.requests.complete": {
    handler: (ctx, input) => {
      completeRequest(ctx.db, input.id, input.version, input.outcome, actor(ctx));
      return getPrivacyRequest(ctx.db, input.id, ctx.now());
    },
    audit: { ...requestAudit, fields: () => ["status", "outcome"] },
  },

  "privacy.requests.refuse": {
    handler: (ctx, input) => {
      refuseRequest(ctx.db, input.id, input.version, input.reason, actor(ctx));
      return getPrivacyRequest(ctx.db, input.id, ctx.now());
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
    handler: (ctx, input) => {
      const request = requireVerified(ctx.db, input.requestId, ["erasure"]);
      return { ...erasurePreview(ctx.db, request.personId), personId: request.personId, backupsHeldUntil: backupsHeldUntil(ctx) };
    },
  },

  "privacy.erase": {
    handler: (ctx, input) => {
      const request = requireVerified(ctx.db, input.requestId, ["erasure"]);
      // Only the name here: the counts are taken once, by erasePerson.
      const person = erasureSubject(ctx.db, request.personId);
      if (fold(input.confirmLastName.normalize("NFC").trim()) !== fold(person.lastName)) throw new AppError("VALIDATION", "confirm_name_mismatch", {}, "confirmLastName");
      const now = ctx.now();
      const { counts, keptReports } = erasePerson(ctx.db, request.personId, { suppressContacts: input.suppressContacts, now });
      const erasedCounts: Record<string, number> = { ...counts, error_reports_kept: keptReports };
      ctx.db.orm
        .update(privacyRequests)
        .set({ status: "completed", erasedCounts: JSON.stringify(erasedCounts), erasedAt: now, erasedBy: ctx.user!.id, closedAt: now, closedBy: ctx.user!.id, version: request.version + 1 })
        .where(eq(privacyRequests.id, request.id))
        .run();
      // The old pages leave the WAL after the answer: the checkpoint (two fsyncs) would otherwise
      // double the erasure's wait (issue 12 item 16). `walEmptied` is therefore false here; the
      // erasure screen asks privacy.erasureStatus, which says when the journal is empty.
      const result = { requestId: request.id, personId: request.personId, counts: erasedCounts, backupsHeldUntil: backupsHeldUntil(ctx), walEmptied: false };
      // The person (the audit entry's entity) is gone, and the request is completed.
      ctx.changed("privacy_request", request.id);
      ctx.afterCommit(() => {
        // Exports running or waiting to be downloaded may hold the person: they go. Their workers'
        // snapshots also keep the WAL from being emptied, so it is tried again once they stopped.
        const exportsStopped = exportJobsFor(ctx.db).discardAll();
        // Once committed, the old pages leave the WAL too: right after this answer (the host's
        // next turn), or as soon as readers let go. Without a host (a bare dispatcher), the
        // status operation's retry empties it.
        markWalPending(ctx.db, `erasure:${request.id}`);
        ctx.host?.emptyWalSoon();
        void exportsStopped.then(() => ctx.host?.emptyWalSoon());
      });
      return result;
    },
    audit: { entity: "person", entityId: (_i, o) => o.personId, fields: (_i, o) => Object.keys(o.counts).filter((k) => o.counts[k]! > 0) },
  },

  /**
   * Whether an erasure's traces have left the database journal (WAL): the erasure screen asks
   * until they have. Asking also tries the checkpoint again.
   */
  "privacy.erasureStatus": {
    handler: (ctx, input) => {
      if (!ctx.db.orm.select({ id: privacyRequests.id }).from(privacyRequests).where(eq(privacyRequests.id, input.requestId)).get()) {
        throw new AppError("NOT_FOUND", "not_found", { entity: "privacy_request" }, "requestId");
      }
      if (walPendingFor(ctx.db, `erasure:${input.requestId}`)) retryWalTruncation(ctx.db);
      return { requestId: input.requestId, walEmptied: !walPendingFor(ctx.db, `erasure:${input.requestId}`) };
    },
  },

  "preferences.get": {
    handler: (ctx, input) => getPreferences(ctx.db, input.personId),
  },

  "preferences.set": {
    handler: (ctx, input) => {
      const changed = setPreference(ctx.db, input, actor(ctx));
      return { ...getPreferences(ctx.db, input.personId), changed };
    },
    audit: { entity: "person", entityId: (i) => i.personId, fields: (i) => [`preference.${i.topic}.${i.channel}`] },
  },

  "preferences.optOutAll": {
    handler: (ctx, input) => {
      const changed = optOutAll(ctx.db, input.personId, input.source, actor(ctx));
      return { ...getPreferences(ctx.db, input.personId), changed };
    },
    audit: { entity: "person", entityId: (i) => i.personId, fields: () => ["preferences"] },
  },

  /** The current list of a topic on a channel, as a CSV file: opted-in only, suppressions removed. */
  "mailing.export": {
    handler: (ctx, input) => ctx.workers.run("mailing.export", { topic: input.topic, channel: input.channel, language: ctx.user!.language }),
    audit: { entity: "mailing_list", entityId: (i) => `${i.topic}.${i.channel}`, fields: (_i, o) => [`rows:${o.rows}`, `sha256:${o.sha256}`] },
  },

  "disclosures.create": {
    handler: (ctx, input) => {
      if (input.disclosedOn > genevaDate(ctx.now())) throw new AppError("VALIDATION", "date_in_future", {}, "disclosedOn");
      return { id: recordDisclosure(ctx.db, input, actor(ctx)) };
    },
    audit: { entity: "disclosure", entityId: (_i, o) => o.id, fields: (i) => i.categories },
  },

  "disclosures.list": {
    handler: (ctx, input) => listDisclosures(ctx.db, input),
  },

  "retention.review": {
    handler: (ctx) => retentionReview(ctx.db, ctx.now()),
  },

  "retention.apply": {
    handler: (ctx, input) => {
      const done = applyRetention(ctx.db, input.rules, ctx.now());
      // Answered after the commit: walEmptied is filled in then.
      const result: RetentionDone = { done, walEmptied: false };
      ctx.afterCommit(() => {
        result.walEmptied = emptyWal(ctx.db);
        // A reader held an older snapshot: the host tries again until it lets go.
        if (!result.walEmptied) {
          markWalPending(ctx.db, "retention");
          ctx.host?.emptyWalSoon();
        }
      });
      return result;
    },
    audit: { entity: "retention", fields: (_i, o) => Object.entries(o.done).map(([rule, n]) => `${rule}:${n}`) },
  },
});

/** Until when old backups may still hold erased data: they are deleted after the backup retention. */
function backupsHeldUntil(ctx: HandlerContext<ReadableDb>): string {
  return genevaDate(lastBackupDeletion(getSettingSync(ctx.db, "backup.retentionDays"), ctx.now()));
}
