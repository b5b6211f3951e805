/**
 * Calendar-day arithmetic for the register's dates (YYYY-MM-DD, Geneva days, no time of day), the
 * same rules as the server's: received + 30 days is due.
 */
export const DUE_DAYS = 30;
/** "Due soon": within a week, as the navigation rail's count says. */
export const DUE_SOON_DAYS = 7;

const zurichDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in Geneva as YYYY-MM-DD (en-CA writes dates that way). */
export function todayInZurich(now = Date.now()): string {
  return zurichDay.format(new Date(now));
}

/** `iso` plus `days`; a stored day that is no calendar date comes back as it is rather than throwing. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
