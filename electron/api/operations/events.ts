import { eventsContract } from "../../../common/contract/events";
import { AppError } from "../../../db/errors";
import { implement } from "../operation";

/**
 * Live updates: the desk's one held call. Detached, so the dispatcher awaits it outside any
 * transaction; it reads nothing from the database while it waits.
 */
export const eventsOperations = implement(eventsContract, {
  "events.wait": {
    handler: async (ctx, input) => {
      const sessionId = ctx.sessionId!;
      // Logged out, expired, deactivated or locked while held: the call ends at once with the
      // refusal the next call would get, so no event reaches a session that may not read any.
      const interruption = new AbortController();
      const stop = ctx.sessions.onInterrupted((id, why) => {
        if (id !== sessionId) return;
        interruption.abort(why === "locked" ? new AppError("LOCKED", "session_locked") : new AppError("UNAUTHENTICATED", "not_logged_in"));
      });
      try {
        return await ctx.feed.wait(input.after, sessionId, interruption.signal);
      } finally {
        stop();
      }
    },
  },
});
