import { accountContract, type PublicUser, type SessionInfo } from "../../../common/contract/account";
import { AppError } from "../../../db/errors";
import type { Db } from "../../../db/open";
import { getSetting } from "../../../db/settings";
import { authenticate, checkPassword, countUsers, createUser, refuseLogin, setLanguage } from "../../../db/users";
import { capabilitiesOf } from "../capabilities";
import { implement, Refusal, type HandlerContext } from "../operation";
import { MAX_FAILED_UNLOCKS } from "../sessions";

export type { SessionInfo };

function openSession(ctx: HandlerContext<Db>, user: PublicUser): SessionInfo {
  const session = ctx.sessions.create(user.id, ctx.now());
  return { sessionId: session.id, user, idleMinutes: getSetting(ctx.db, "session.idleMinutes") };
}

/** First run, login, logout, idle lock: everything about who is at the keyboard. */
export const accountOperations = implement(accountContract, {
  "setup.status": {
    handler: (ctx) => ({ needsAdmin: countUsers(ctx.db) === 0 }),
  },

  "setup.createAdmin": {
    handler: (ctx, input) => {
      if (countUsers(ctx.db) > 0) throw new AppError("FORBIDDEN", "setup_done");
      return openSession(ctx, createUser(ctx.db, { ...input, role: "admin" }, ctx.now()));
    },
    audit: { entity: "user", entityId: (_i, o) => o.user.id, fields: () => ["username", "displayName", "role"] },
  },

  "session.login": {
    handler: (ctx, input) => {
      const { loginThrottle: byName, addressThrottle: byAddress } = ctx.sessions;
      const address = ctx.remoteAddress;
      const now = ctx.now();
      // Per name, and per source address on the LAN (many names tried from one machine).
      const blocked = byName.blocked(input.username, now) || (address !== undefined && byAddress.blocked(address, now));
      // While throttled the password is not even looked at: same answer, same work as a wrong one.
      const result = blocked ? refuseLogin(input.password) : authenticate(ctx.db, input.username, input.password, now);
      if (!result.ok) {
        if (result.error.reason === "bad_credentials" && !blocked) {
          byName.failed(input.username, now);
          if (address !== undefined) byAddress.failed(address, now);
        }
        return new Refusal({ code: result.error.code, message: result.error.message, reason: result.error.reason });
      }
      // The address is not forgotten on a success (see ADDRESS_THROTTLE).
      byName.succeeded(input.username);
      return openSession(ctx, result.user);
    },
    // A refusal is answered before the audit step: only logins that open a session are entries.
    audit: { entity: "user", entityId: (_i, o) => o.user.id },
  },

  "session.me": {
    handler: (ctx) => ({
      user: ctx.user!,
      locked: ctx.sessions.get(ctx.sessionId)?.locked ?? false,
      idleMinutes: getSetting(ctx.db, "session.idleMinutes"),
      capabilities: capabilitiesOf(ctx.db, ctx.user!),
    }),
  },

  "session.logout": {
    handler: (ctx) => {
      if (ctx.sessionId) ctx.sessions.delete(ctx.sessionId);
      return { done: true };
    },
    audit: { entity: "user", entityId: () => null },
  },

  "session.lock": {
    handler: (ctx) => {
      const session = ctx.sessions.get(ctx.sessionId);
      if (session) ctx.sessions.lock(session);
      return { locked: true };
    },
  },

  "session.unlock": {
    handler: (ctx, input) => {
      const user = ctx.user!;
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
  },

  "session.setLanguage": {
    handler: (ctx, input) => {
      const user = ctx.user!;
      setLanguage(ctx.db, user.id, input.language, ctx.now());
      return { id: user.id, language: input.language };
    },
    audit: { entity: "user", entityId: (_i, o) => o.id, fields: () => ["language"] },
  },
});
