import { accountContract, type PublicUser, type SessionInfo } from "../../../common/contract/account";
import { AppError } from "../../../db/errors";
import type { Reads } from "../../../db/engine";
import { getSetting } from "../../../db/settings";
import { authenticate, checkPassword, countUsers, createUser, refuseLogin, setLanguage } from "../../../db/users";
import { capabilitiesOf } from "../capabilities";
import { implement, Refusal, type HandlerContext } from "../operation";
import { MAX_FAILED_UNLOCKS } from "../sessions";

export type { SessionInfo };

async function openSession(ctx: HandlerContext, tx: Reads, user: PublicUser): Promise<SessionInfo> {
  const idleMinutes = await getSetting(tx, "session.idleMinutes");
  const session = ctx.sessions.create(user.id, ctx.now());
  return { sessionId: session.id, user, idleMinutes };
}

/**
 * Logins one at a time, per session store (one dispatcher's): the throttle is looked at before the
 * password check and told of a failure after it, with transactions awaited in between. Logins let
 * through side by side would all find the throttle open and make their guesses in parallel.
 * (Before the check awaited anything, the engine's mutex gave the same order.)
 */
const loginTurns = new WeakMap<object, Promise<unknown>>();
function oneLoginAtATime<T>(store: object, login: () => Promise<T>): Promise<T> {
  const turn = (loginTurns.get(store) ?? Promise.resolve()).then(login);
  loginTurns.set(store, turn.catch(() => undefined));
  return turn;
}

/** First run, login, logout, idle lock: everything about who is at the keyboard. */
export const accountOperations = implement(accountContract, {
  "setup.status": {
    handler: async (ctx) => ({ needsAdmin: (await countUsers(ctx.tx)) === 0 }),
  },

  "setup.createAdmin": {
    handler: async (ctx, input) => {
      if ((await countUsers(ctx.tx)) > 0) throw new AppError("FORBIDDEN", "setup_done");
      return openSession(ctx, ctx.tx, await createUser(ctx.tx, { ...input, role: "admin" }, ctx.now()));
    },
    audit: { entity: "user", entityId: (_i, o) => o.user.id, fields: () => ["username", "displayName", "role"] },
  },

  "session.login": {
    // Detached (outside any transaction): the check reads and rewrites in short transactions of its
    // own around the scrypt (db/users.ts), and the idle delay is read in one more.
    handler: (ctx, input) => oneLoginAtATime(ctx.sessions, async () => {
      const { loginThrottle: byName, addressThrottle: byAddress } = ctx.sessions;
      const address = ctx.remoteAddress;
      const now = ctx.now();
      // Per name, and per source address on the LAN (many names tried from one machine).
      const blocked = byName.blocked(input.username, now) || (address !== undefined && byAddress.blocked(address, now));
      // While throttled the password is not even looked at: same answer, same work as a wrong one.
      const result = blocked ? refuseLogin(input.password) : await authenticate(ctx.db.engine, input.username, input.password, now);
      if (!result.ok) {
        if (result.error.reason === "bad_credentials" && !blocked) {
          byName.failed(input.username, now);
          if (address !== undefined) byAddress.failed(address, now);
        }
        return new Refusal({ code: result.error.code, message: result.error.message, reason: result.error.reason });
      }
      // The address is not forgotten on a success (see ADDRESS_THROTTLE).
      byName.succeeded(input.username);
      return ctx.db.engine.transaction("read", (tx) => openSession(ctx, tx, result.user));
    }),
    // A refusal is answered before the audit step: only logins that open a session are entries.
    audit: { entity: "user", entityId: (_i, o) => o.user.id },
  },

  "session.me": {
    handler: async (ctx) => ({
      user: ctx.user!,
      locked: ctx.sessions.get(ctx.sessionId)?.locked ?? false,
      idleMinutes: await getSetting(ctx.tx, "session.idleMinutes"),
      capabilities: await capabilitiesOf(ctx.tx, ctx.user!, ctx.db.dialect),
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
    handler: async (ctx, input) => {
      const user = ctx.user!;
      const session = ctx.sessions.get(ctx.sessionId);
      if (!(await checkPassword(ctx.tx, user.id, input.password))) {
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
    handler: async (ctx, input) => {
      const user = ctx.user!;
      await setLanguage(ctx.tx, user.id, input.language, ctx.now());
      return { id: user.id, language: input.language };
    },
    audit: { entity: "user", entityId: (_i, o) => o.id, fields: () => ["language"] },
  },
});
