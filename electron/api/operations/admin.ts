import { z } from "zod";
import { auditOperations, listAudit, verifyAudit } from "../../../db/audit";
import { advanceAuditAnchor } from "../../../db/audit-anchor";
import { allSettings, settingsPatch, updateSettings } from "../../../db/settings";
import { createUser, getUser, listUsers, setPassword, updateUser } from "../../../db/users";
import { displayName, id, instant, language, password, role, username, version } from "../../../common/fields";
import { op } from "../operation";

/** Accounts, settings and the audit trail: the administrators' and managers' back office. */
export const adminOperations = {
  "users.list": op({
    input: z.strictObject({}),
    roles: ["admin"],
    mutates: false,
    handler: (ctx) => listUsers(ctx.db),
  }),

  "users.create": op({
    input: z.strictObject({ username, displayName, role, password, language: language.optional() }),
    roles: ["admin"],
    mutates: true,
    handler: (ctx, input) => createUser(ctx.db, input, ctx.now()),
    audit: { entity: "user", entityId: (_i, o) => o.id, fields: () => ["username", "displayName", "role", "language"] },
  }),

  "users.update": op({
    input: z.strictObject({
      id,
      version,
      displayName: displayName.optional(),
      role: role.optional(),
      active: z.boolean().optional(),
      language: language.optional(),
    }),
    roles: ["admin"],
    mutates: true,
    audit: {
      entity: "user",
      entityId: (i) => i.id,
      fields: (i) => Object.keys(i).filter((k) => k !== "id" && k !== "version"),
    },
    handler: (ctx, { id: userId, version: v, ...changes }) => {
      const user = updateUser(ctx.db, userId, v, changes, ctx.now());
      if (!user.active) ctx.sessions.deleteForUser(user.id);
      return user;
    },
  }),

  "users.resetPassword": op({
    input: z.strictObject({ id, password }),
    roles: ["admin"],
    mutates: true,
    audit: { entity: "user", entityId: (i) => i.id, fields: () => ["password"] },
    handler: (ctx, input) => {
      setPassword(ctx.db, input.id, input.password, ctx.now());
      ctx.sessions.deleteForUser(input.id);
      // The new password works at once, even if someone was guessing at the old one.
      ctx.sessions.loginThrottle.succeeded(getUser(ctx.db, input.id).username);
      return { done: true };
    },
  }),

  "settings.get": op({
    input: z.strictObject({}),
    roles: ["admin"],
    mutates: false,
    handler: (ctx) => allSettings(ctx.db),
  }),

  "settings.update": op({
    input: settingsPatch,
    roles: ["admin"],
    mutates: true,
    audit: { entity: "settings", fields: (i) => Object.keys(i) },
    handler: (ctx, input) => updateSettings(ctx.db, input),
  }),

  "audit.list": op({
    input: z.strictObject({
      page: z.number().int().min(0).default(0),
      pageSize: z.number().int().min(1).max(500).default(50),
      userId: id.optional(),
      operation: z.string().max(100).optional(),
      from: instant.optional(),
      to: instant.optional(),
    }),
    roles: ["manager", "admin"],
    mutates: false,
    // The staff directory (names only) so managers, who cannot list users, can read and filter the log.
    handler: (ctx, input) => ({
      ...listAudit(ctx.db, input),
      operations: auditOperations(ctx.db),
      users: listUsers(ctx.db).map(({ id: userId, username: name, displayName: shown }) => ({ id: userId, username: name, displayName: shown })),
    }),
  }),

  "audit.verify": op({
    input: z.strictObject({}),
    roles: ["manager", "admin"],
    mutates: false,
    handler: (ctx) => {
      const result = verifyAudit(ctx.db);
      // A verified head becomes the new anchor: deleting entries up to here is detected from now on.
      if (result.ok) advanceAuditAnchor(ctx.db, ctx.now());
      return result;
    },
  }),
};
