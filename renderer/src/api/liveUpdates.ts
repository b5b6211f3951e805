import { useEffect, useRef } from "react";
import type { ChangeEvent } from "../../../common/contract/events";
import { showsAnyOf } from "./liveTargets";
import { apiCall, queryClient } from "./queries";

/**
 * Live updates: one `events.wait` call held open at a time; what other desks changed marks the
 * queries showing it stale, and those on screen refetch (invalidated, never cleared: the screen
 * keeps what it shows until the new answer is there). The server holds each call up to 25 s.
 */

/** After a failed call: 1 s, 2 s, 4 s … at most 30 s between tries. */
export function backoffMs(failures: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));
}

/**
 * An empty answer sooner than this is no held call (a proxy cutting it short, a server that does
 * not hold): the next call waits the rest of it, so the loop never spins.
 */
const MIN_EMPTY_ROUND_MS = 1_000;

export interface LiveUpdates {
  stop(): void;
  /** The newest event number seen: where the next loop starts (after an unlock). */
  readonly seq: number;
}

/** Starts the loop after `after` (0: from now). */
export function startLiveUpdates(after = 0): LiveUpdates {
  let seq = after;
  let stopped = false;
  let wake: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((done) => {
      const timer = setTimeout(done, ms);
      wake = () => {
        clearTimeout(timer);
        done();
      };
    });

  void (async () => {
    let failures = 0;
    while (!stopped) {
      const asked = Date.now();
      try {
        const answer = await apiCall("events.wait", { after: seq });
        if (stopped) return;
        failures = 0;
        seq = answer.seq;
        if (answer.reset) await queryClient.invalidateQueries();
        else refresh(answer.events);
        if (!answer.reset && answer.events.length === 0 && Date.now() - asked < MIN_EMPTY_ROUND_MS) await pause(MIN_EMPTY_ROUND_MS - (Date.now() - asked));
      } catch {
        // Offline, restarting, locked or logged out: the shell handles the session (the lock
        // overlay, the login page) and stops this loop; anything else is tried again, later each time.
        if (stopped) return;
        failures += 1;
        await pause(backoffMs(failures));
      }
    }
  })();

  return {
    stop: () => {
      stopped = true;
      wake?.();
    },
    get seq() {
      return seq;
    },
  };
}

/** Marks stale every cached read that shows a record one of `events` changed; those on screen refetch. */
function refresh(events: readonly ChangeEvent[]): void {
  // This desk's own writes refreshed every query already (useApiMutation).
  const others = events.filter((event) => !event.mine);
  if (others.length === 0) return;
  void queryClient.invalidateQueries({ predicate: (query) => showsAnyOf(others, query.queryKey[0], query.queryKey[1], query.state.data) });
}

/**
 * Runs the live updates while `active` (signed in and not locked). The number seen is kept across
 * a lock, so the desk catches up on what changed meanwhile; the loop ends with the workspace
 * (logout), and the next sign-in starts from now.
 */
export function useLiveUpdates(active: boolean): void {
  const seen = useRef(0);
  useEffect(() => {
    if (!active) return;
    const loop = startLiveUpdates(seen.current);
    return () => {
      seen.current = loop.seq;
      loop.stop();
    };
  }, [active]);
}
