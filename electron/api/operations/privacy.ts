import { sqliteOnly } from "../../../db/served";
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
  privacyRequestExists,
  recordErasure,
  refuseRequest,
  requireVerified,
  verifyIdentity,
} from "../../../db/privacy-requests";
import { applyRetention, retentionReview } from "../../../db/retention";
import { getSetting } from "../../../db/settings";
import { genevaDate } from "../../../db/training";

import { privacyContract, type RetentionDone } from "../../../common/contract/privacy";
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
    handler: async (ctx, input) => {
      const request = await requireVerified(ctx.tx, input.requestId, ["erasure"]);
      return { ...(await erasurePreview(ctx.tx, request.personId)), personId: request.personId, backupsHeldUntil: await backupsHeldUntil(ctx) };
    },
  },

  "privacy.erase": {
    handler: async (ctx, input) => {
      const request = await requireVerified(ctx.tx, input.requestId, ["erasure"]);
      // Only the name here: the counts are taken once, by erasePerson.
      const person = await erasureSubject(ctx.tx, request.personId);
      if (fold(input.confirmLastName.normalize("NFC").trim()) !== fold(person.lastName)) throw new AppError("VALIDATION", "confirm_name_mismatch", {}, "confirmLastName");
      const by = actor(ctx);
      const { counts, keptReports } = await erasePerson(ctx.tx, request.personId, { suppressContacts: input.suppressContacts, now: by.now });
      const erasedCounts: Record<string, number> = { ...counts, error_reports_kept: keptReports };
      await recordErasure(ctx.tx, request.id, request.version, erasedCounts, by);
      // The old pages leave the WAL after the answer: the checkpoint (two fsyncs) would otherwise
      // double the erasure's wait (issue 12 item 16). `walEmptied` is therefore false here; the
      // erasure screen asks privacy.erasureStatus, which says when the journal is empty.
      const result = { requestId: request.id, personId: request.personId, counts: erasedCounts, backupsHeldUntil: await backupsHeldUntil(ctx), walEmptied: false };
      // The person (the audit entry's entity) is gone, and the request is completed.
      ctx.changed("privacy_request", request.id);
      // These steps are SQLite's (its WAL, its export files). PostgreSQL's counterpart, a VACUUM of
      // the touched tables after the commit (issue 16), needs the tables' owner on PostgreSQL 15,
      // which the server's everyday role is not: it comes with a later stage.
      const db = ctx.db;
      if (db.dialect === "sqlite") ctx.afterCommit(() => {
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
      return result;
    },
    audit: { entity: "person", entityId: (_i, o) => o.personId, fields: (_i, o) => Object.keys(o.counts).filter((k) => o.counts[k]! > 0) },
  },

  /**
   * Whether an erasure's traces have left the database journal (WAL): the erasure screen asks
   * until they have. Asking also tries the checkpoint again.
   */
  "privacy.erasureStatus": {
    handler: async (ctx, input) => {
      if (!(await privacyRequestExists(ctx.tx, input.requestId))) throw new AppError("NOT_FOUND", "not_found", { entity: "privacy_request" }, "requestId");
      const db = sqliteOnly(ctx.db);
      if (walPendingFor(db, `erasure:${input.requestId}`)) retryWalTruncation(db);
      return { requestId: input.requestId, walEmptied: !walPendingFor(db, `erasure:${input.requestId}`) };
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
    handler: async (ctx, input) => {
      const done = await applyRetention(ctx.tx, input.rules, ctx.now());
      // Answered after the commit: walEmptied is filled in then.
      const result: RetentionDone = { done, walEmptied: false };
      const db = ctx.db;
      if (db.dialect === "sqlite") ctx.afterCommit(() => {
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
