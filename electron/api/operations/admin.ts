import { adminContract } from "../../../common/contract/admin";
import { auditOperations, listAudit } from "../../../db/audit";
import { recordVerifiedHead } from "../../../db/audit-anchor";
import { allSettings, updateSettings } from "../../../db/settings";
import { createUser, getUser, listUsers, setPassword, updateUser } from "../../../db/users";
import { implement } from "../operation";

/** Accounts, settings and the audit trail: the administrators' and managers' back office. */
export const adminOperations = implement(adminContract, {
  "users.list": {
    handler: (ctx) => listUsers(ctx.tx),
  },

  "users.create": {
    handler: (ctx, input) => createUser(ctx.tx, input, ctx.now()),
    audit: { entity: "user", entityId: (_i, o) => o.id, fields: () => ["username", "displayName", "role", "language"] },
  },

  "users.update": {
    handler: async (ctx, { id: userId, version: v, ...changes }) => {
      const user = await updateUser(ctx.tx, userId, v, changes, ctx.now());
      if (!user.active) ctx.sessions.deleteForUser(user.id);
      return user;
    },
    audit: {
      entity: "user",
      entityId: (i) => i.id,
      fields: (i) => Object.keys(i).filter((k) => k !== "id" && k !== "version"),
    },
  },

  "users.resetPassword": {
    handler: async (ctx, input) => {
      await setPassword(ctx.tx, input.id, input.password, ctx.now());
      ctx.sessions.deleteForUser(input.id);
      // The new password works at once, even if someone was guessing at the old one.
      ctx.sessions.loginThrottle.succeeded((await getUser(ctx.tx, input.id)).username);
      return { done: true };
    },
    audit: { entity: "user", entityId: (i) => i.id, fields: () => ["password"] },
  },

  "settings.get": {
    handler: (ctx) => allSettings(ctx.tx),
  },

  "settings.update": {
    handler: (ctx, input) => updateSettings(ctx.tx, input, ctx.db.dialect === "sqlite" ? ctx.db.file : undefined),
    audit: { entity: "settings", fields: (i) => Object.keys(i) },
  },

  "audit.list": {
    // The staff directory (names only) so managers, who cannot list users, can read and filter the log.
    handler: async (ctx, input) => ({
      ...(await listAudit(ctx.tx, input)),
      operations: await auditOperations(ctx.tx),
      users: (await listUsers(ctx.tx)).map(({ id: userId, username: name, displayName: shown }) => ({ id: userId, username: name, displayName: shown })),
    }),
  },

  "audit.verify": {
    // Walked by a worker thread (SQLite) or the server (PostgreSQL); the anchor file is written
    // here, on the main thread, as every other anchor is (backups, closing), so two writers never meet.
    handler: async (ctx) => {
      const { verification, checked, head } = await ctx.workers.run("audit.verify", { now: ctx.now() });
      // A verified head becomes the new anchor: deleting entries up to here is detected from now on.
      // The anchor is a file outside the database, not a row: the read stays a read.
      if (verification.ok) recordVerifiedHead(ctx.db, checked, head);
      return verification;
    },
  },
});
