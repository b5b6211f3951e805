import { genevaDayOf } from "../../../../common/geneva-time";

/**
 * The register's dates are calendar days (YYYY-MM-DD, Geneva days, no time of day), counted with
 * the same rules as the server's (common/geneva-time.ts): received + 30 days is due.
 */
export { addDays, daysBetween } from "../../../../common/geneva-time";

export const DUE_DAYS = 30;
/** "Due soon": within a week, as the navigation rail's count says. */
export const DUE_SOON_DAYS = 7;

/** Today in Geneva as YYYY-MM-DD. */
export function todayInZurich(now = Date.now()): string {
  return genevaDayOf(now);
}
