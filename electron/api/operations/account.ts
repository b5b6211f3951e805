import { z } from "zod";
import { AppError } from "../../../db/errors";
import { authenticate, checkPassword, countUsers, createUser, refuseLogin, setLanguage, type PublicUser } from "../../../db/users";
import { getSetting } from "../../../db/settings";
import { displayName, language, password, username } from "../../../common/fields";
import { op, Refusal, type HandlerContext } from "../operation";
import { capabilitiesOf } from "../capabilities";
import { MAX_FAILED_UNLOCKS } from "../sessions";

export interface SessionInfo {
  sessionId: string;
  user: PublicUser;
  idleMinutes: number;
}

function openSession(ctx: HandlerContext, user: PublicUser): SessionInfo {
  const session = ctx.sessions.create(user.id, ctx.now());
  return { sessionId: session.id, user, idleMinutes: getSetting(ctx.db, "session.idleMinutes") };
}

/** First run, login, logout, idle lock: everything about who is at the keyboard. */
export const accountOperations = {
  "setup.status": op({
    input: z.strictObject({}),
    roles: "public",
    mutates: false,
    handler: (ctx) => ({ needsAdmin: countUsers(ctx.db) === 0 }),
  }),

  "setup.createAdmin": op({
    input: z.strictObject({ username, displayName, password, language: language.optional() }),
    roles: "public",
    mutates: true,
    handler: (ctx, input): SessionInfo => {
      if (countUsers(ctx.db) > 0) throw new AppError("FORBIDDEN", "setup_done");
      return openSession(ctx, createUser(ctx.db, { ...input, role: "admin" }, ctx.now()));
    },
    audit: { entity: "user", entityId: (_i, o) => o.user.id, fields: () => ["username", "displayName", "role"] },
  }),

  "session.login": op({
    input: z.strictObject({ username, password: z.string().min(1).max(200) }),
    roles: "public",
    mutates: true,
    handler: (ctx, input): SessionInfo | Refusal => {
      const throttle = ctx.sessions.loginThrottle;
      const now = ctx.now();
      // While throttled the password is not even looked at: same answer, same work as a wrong one.
      const result = throttle.blocked(input.username, now) ? refuseLogin(input.password) : authenticate(ctx.db, input.username, input.password, now);
      if (!result.ok) {
        if (result.error.reason === "bad_credentials" && !throttle.blocked(input.username, now)) throttle.failed(input.username, now);
        return new Refusal({ code: result.error.code, message: result.error.message, reason: result.error.reason });
      }
      throttle.succeeded(input.username);
      return openSession(ctx, result.user);
    },
    audit: { entity: "user", entityId: (_i, o) => (o instanceof Refusal ? null : o.user.id) },
  }),

  "session.me": op({
    input: z.strictObject({}),
    roles: ["agent", "support", "manager", "admin"],
    mutates: false,
    whileLocked: true,
    handler: (ctx) => ({
      user: ctx.user as PublicUser,
      locked: ctx.sessions.get(ctx.sessionId)?.locked ?? false,
      idleMinutes: getSetting(ctx.db, "session.idleMinutes"),
      capabilities: capabilitiesOf(ctx.db, ctx.user as PublicUser),
    }),
  }),

  "session.logout": op({
    input: z.strictObject({}),
    roles: ["agent", "support", "manager", "admin"],
    mutates: true,
    whileLocked: true,
    handler: (ctx) => {
      if (ctx.sessionId) ctx.sessions.delete(ctx.sessionId);
      return { done: true };
    },
    audit: { entity: "user", entityId: (_i, _o) => null },
  }),

  "session.lock": op({
    input: z.strictObject({}),
    roles: ["agent", "support", "manager", "admin"],
    mutates: false,
    whileLocked: true,
    handler: (ctx) => {
      const session = ctx.sessions.get(ctx.sessionId);
      if (session) ctx.sessions.lock(session);
      return { locked: true };
    },
  }),

  "session.unlock": op({
    input: z.strictObject({ password: z.string().min(1).max(200) }),
    roles: ["agent", "support", "manager", "admin"],
    mutates: false,
    whileLocked: true,
    handler: (ctx, input) => {
      const user = ctx.user as PublicUser;
      const session = ctx.sessions.get(ctx.sessionId);
      if (!checkPassword(ctx.db, user.id, input.password)) {
        // The lock screen must not become a place to guess passwords at leisure.
        if (session && ++session.failedUnlocks >= MAX_FAILED_UNLOCKS) {
          ctx.sessions.delete(session.id);
          throw new AppError("UNAUTHENTICATED", "not_logged_in");
        }
        throw new AppError("UNAUTHENTICATED", "bad_credentials", {}, "password");
      }
      if (session) ctx.sessions.unlock(session, ctx.now());
      return { locked: false };
    },
  }),

  "session.setLanguage": op({
    input: z.strictObject({ language }),
    roles: ["agent", "support", "manager", "admin"],
    mutates: true,
    handler: (ctx, input) => {
      const user = ctx.user as PublicUser;
      setLanguage(ctx.db, user.id, input.language, ctx.now());
      return { id: user.id, language: input.language };
    },
    audit: { entity: "user", entityId: (_i, o) => o.id, fields: () => ["language"] },
  }),
};
