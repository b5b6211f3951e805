import { useEffect, useState } from "react";
import { useLocation } from "react-router";
import { api } from "../../api/client";
import type { RequestCounts } from "./privacyTypes";

const EVERY_MINUTE = 60_000;
const CHANGED = "jetinfo:privacy-requests-changed";

/** Told by the screens that create, check, extend or close a request: the rail's count follows at once. */
export function announceRequestChange(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * Pending, due-soon and overdue privacy requests, for the navigation rail: read again on every
 * navigation (a request just created or closed shows at once) and every minute (a deadline passes
 * at midnight, another desk closes a request) and whenever this desk changes one.
 */
export function usePrivacyCounts(): RequestCounts | null {
  const { pathname } = useLocation();
  const [counts, setCounts] = useState<RequestCounts | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const again = () => setTick((n) => n + 1);
    const timer = window.setInterval(again, EVERY_MINUTE);
    window.addEventListener(CHANGED, again);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(CHANGED, again);
    };
  }, []);

  useEffect(() => {
    let current = true;
    api.privacy["requests.counts"]({}).then(
      (next) => {
        if (current) setCounts(next);
      },
      // A badge, not a task: when it cannot be read (locked session…) the rail simply shows none.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [pathname, tick]);

  return counts;
}
