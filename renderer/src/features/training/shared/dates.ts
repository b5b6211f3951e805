import { parseSwissDate } from "../../../i18n/zurichTime";

/** Today in Geneva as YYYY-MM-DD, the calendar sessions are planned in (same rule as the server). */
export function genevaToday(now = Date.now()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich" }).format(now);
}

/** 2025-03-14 → 14.03.2025; anything else is shown as it is. */
export function isoToSwiss(iso: string | null | undefined): string {
  if (!iso) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** 14.03.2025 (or 14.3.2025) → 2025-03-14; null for anything that is not a real date. */
export function swissToIso(text: string): string | null {
  const day = parseSwissDate(text);
  if (!day) return null;
  return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
}

/** 14.03.2025 – 15.03.2025, or one date when the session lasts a day. */
export function sessionDates(startsOn: string, endsOn: string): string {
  return startsOn === endsOn ? isoToSwiss(startsOn) : `${isoToSwiss(startsOn)} – ${isoToSwiss(endsOn)}`;
}
