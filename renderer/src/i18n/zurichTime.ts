/**
 * Dates as the call centre reads them: Swiss format (dd.MM.yyyy HH:mm) in Geneva's time zone,
 * whatever the desk's own settings.
 */
const ZONE = "Europe/Zurich";

const parts = new Intl.DateTimeFormat("de-CH", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * Shown for a stored time no Date can hold (a database written by an older version accepted any
 * integer): a visible gap rather than a RangeError that blanks the whole screen.
 */
export const NO_TIME = "—";

/** A moment a Date can hold (±8.64e15 ms); Intl throws RangeError on any other. */
function isPlaceable(ms: number): boolean {
  return typeof ms === "number" && !Number.isNaN(new Date(ms).getTime());
}

function zurichParts(ms: number): Record<"year" | "month" | "day" | "hour" | "minute" | "second", string> {
  const out = { year: "", month: "", day: "", hour: "", minute: "", second: "" };
  for (const part of parts.formatToParts(new Date(ms))) if (part.type in out) out[part.type as keyof typeof out] = part.value;
  return out;
}

/** 14.03.2025 09:05 (assembled from parts so no locale can add a comma or drop a zero); NO_TIME when no Date can hold it. */
export function formatDateTime(ms: number): string {
  if (!isPlaceable(ms)) return NO_TIME;
  const p = zurichParts(ms);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

export function formatTime(ms: number): string {
  if (!isPlaceable(ms)) return NO_TIME;
  const p = zurichParts(ms);
  return `${p.hour}:${p.minute}`;
}

/** The `dateTime` attribute of a <time> element (UTC ISO 8601); empty when no Date can hold it. */
export function machineTime(ms: number): string {
  return isPlaceable(ms) ? new Date(ms).toISOString() : "";
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Reads dd.mm.yyyy (also d.m.yyyy); null for anything else or an impossible date. */
export function parseSwissDate(text: string): CalendarDay | null {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** A calendar day as YYYY-MM-DD. */
export function isoDay(day: CalendarDay): string {
  return `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
}

/** 2025-03-14 → the calendar day; null for anything else or an impossible date. */
export function parseIsoDay(iso: string): CalendarDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? parseSwissDate(`${match[3]}.${match[2]}.${match[1]}`) : null;
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
  return day ? isoDay(day) : null;
}

/** Milliseconds between UTC and Zurich wall-clock time at an instant (+1 h or +2 h). */
function zoneOffset(ms: number): number {
  const p = zurichParts(ms);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant a Zurich calendar day starts (midnight local, across DST changes). */
export function zurichDayStart(day: CalendarDay): number {
  const utcMidnight = Date.UTC(day.year, day.month - 1, day.day);
  const guess = utcMidnight - zoneOffset(utcMidnight);
  return utcMidnight - zoneOffset(guess);
}

/** The last millisecond of a Zurich calendar day. */
export function zurichDayEnd(day: CalendarDay): number {
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
  return zurichDayStart({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }) - 1;
}
