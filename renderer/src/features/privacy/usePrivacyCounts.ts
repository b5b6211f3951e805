import { useApiQuery } from "../../api/queries";
import type { RequestCounts } from "./privacyTypes";

const EVERY_MINUTE = 60_000;

/**
 * Pending, due-soon and overdue privacy requests, for the navigation rail. A request created,
 * checked or closed on this desk shows at once (every write refreshes every read); the minute's
 * poll catches a deadline passing at midnight and another desk's changes. When it cannot be read
 * (a locked session…) the rail simply shows no badge: it is a badge, not a task.
 */
export function usePrivacyCounts(): RequestCounts | null {
  return useApiQuery("privacy.requests.counts", {}, { refetchInterval: EVERY_MINUTE }).data ?? null;
}
