import { Temporal } from "temporal-polyfill";
import { isInstantInRange, MAX_INSTANT, MAX_YEAR, MIN_INSTANT, MIN_YEAR } from "./date-range";

/**
 * Geneva's dates and times, once for the server and the screens. The call centre reads and types
 * dates the Swiss way (dd.mm.yyyy hh:mm) on Geneva's clock whatever the desk's own time zone, so
 * nothing here reads the process's zone: every conversion names Europe/Zurich, and the zone rules
 * (offsets, daylight-saving changes) come from the Temporal polyfill rather than hand-made offset
 * arithmetic.
 *
 * The daylight-saving rule, the same in every form and on the server:
 * - a local time the clocks skip (last Sunday of March, 02:00–02:59) does not exist: it is REFUSED
 *   with its own reason ("skipped"), never moved to 01:xx or 03:xx behind the agent's back;
 * - a local time the clocks show twice (last Sunday of October, 02:00–02:59) is read as its FIRST
 *   occurrence, still on summer time ("earlier"). A call-back or a deadline typed for that hour
 *   then falls at the earlier of the two moments the agent could have meant: a call-back comes an
 *   hour early rather than an hour late, and it is the reading the agent sees first on the wall
 *   clock that night. The formatter writes both occurrences as the same text, so the text typed
 *   back after a round trip names the same instant only for the first one; that is the one stated
 *   rule, and it is tested.
 */

export const GENEVA_ZONE = "Europe/Zurich";

/**
 * Shown for a stored time no Date can hold (a database written by an older version accepted any
 * integer): a visible gap rather than a RangeError that blanks the whole screen.
 */
export const NO_TIME = "—";

/** A calendar day in Geneva's calendar, without a time of day. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** Why a typed date and time is not an instant: not a date-time, a time Geneva skips, or outside 1900–2200. */
export type DateTimeProblem = "format" | "skipped" | "range";

export type DateTimeReading = { ok: true; at: number } | { ok: false; problem: DateTimeProblem };

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad4 = (n: number) => (n >= 0 && n < 1000 ? String(n).padStart(4, "0") : String(n));

// ---------------------------------------------------------------- calendar days

/** A year, month and day that exist (no 31 February) within years 1900–2200. */
function existingDay(year: number, month: number, day: number): CalendarDay | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > Temporal.PlainYearMonth.from({ year, month }).daysInMonth) return null;
  return { year, month, day };
}

/**
 * Reads dd.mm.yyyy (also d.m.yyyy); null for anything else, an impossible date (31.02.2026) or a
 * year outside 1900–2200. Two-digit years are refused: "1.2.26" could be 1926 or 2026.
 */
export function parseSwissDate(text: string): CalendarDay | null {
  const reading = readSwissDate(text);
  return reading.ok ? reading.day : null;
}

/** parseSwissDate saying why not: "format" for no date or an impossible one, "range" for a year outside 1900–2200. */
export function readSwissDate(text: string): { ok: true; day: CalendarDay } | { ok: false; problem: "format" | "range" } {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(typeof text === "string" ? text : "");
  if (!match) return { ok: false, problem: "format" };
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const found = existingDay(year, month, day);
  if (found) return { ok: true, day: found };
  return { ok: false, problem: year >= MIN_YEAR && year <= MAX_YEAR ? "format" : "range" };
}

/** 2025-03-14 → the calendar day; null for anything else, an impossible date or one outside 1900–2200. */
export function parseIsoDay(iso: string): CalendarDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? existingDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/** True for a YYYY-MM-DD text that names a real day (no 31 February), whatever its year. */
export function isCalendarDay(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
}

/** A calendar day as YYYY-MM-DD. */
export function isoDay(day: CalendarDay): string {
  return `${pad4(day.year)}-${pad2(day.month)}-${pad2(day.day)}`;
}

/** A calendar day as dd.mm.yyyy. */
export function swissDay(day: CalendarDay): string {
  return `${pad2(day.day)}.${pad2(day.month)}.${pad4(day.year)}`;
}

/** 2025-03-14 → 14.03.2025; anything else (a stored value that is no day) is shown as it is. */
export function isoToSwiss(iso: string | null | undefined): string {
  if (!iso) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** 14.03.2025 (or 14.3.2025) → 2025-03-14; null for anything that is not a real day in 1900–2200. */
export function swissToIso(text: string): string | null {
  const day = parseSwissDate(text);
  return day ? isoDay(day) : null;
}

/**
 * `iso` plus `days` (calendar arithmetic: no time of day, so no daylight-saving surprise). A stored
 * day that is no calendar date comes back as it is rather than throwing.
 */
export function addDays(iso: string, days: number): string {
  if (!isCalendarDay(iso)) return iso;
  try {
    return Temporal.PlainDate.from(iso).add({ days }).toString();
  } catch {
    return iso; // past what Temporal's calendar holds (±270,000 years)
  }
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); NaN when either is no day. */
export function daysBetween(from: string, to: string): number {
  if (!isCalendarDay(from) || !isCalendarDay(to)) return Number.NaN;
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: "days" }).days;
}

/** Monday 0 … Sunday 6 of a YYYY-MM-DD day. */
export function weekdayIndex(iso: string): number {
  return Temporal.PlainDate.from(iso).dayOfWeek - 1;
}

// ---------------------------------------------------------------- instants → Geneva's clock

/** The fields of Geneva's wall clock at `ms`; null for a moment no Date can hold. */
export function genevaClock(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number; offsetMinutes: number } | null {
  if (typeof ms !== "number" || Number.isNaN(new Date(ms).getTime())) return null;
  try {
    const z = Temporal.Instant.fromEpochMilliseconds(Math.floor(ms)).toZonedDateTimeISO(GENEVA_ZONE);
    return { year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute, second: z.second, offsetMinutes: Math.round(z.offsetNanoseconds / 60e9) };
  } catch {
    return null; // at the very edge of the Date range the local time can fall past Temporal's
  }
}

/** 14.03.2025 09:05 in Geneva; NO_TIME when no Date can hold the moment. */
export function formatDateTime(ms: number): string {
  const c = genevaClock(ms);
  return c ? `${pad2(c.day)}.${pad2(c.month)}.${pad4(c.year)} ${pad2(c.hour)}:${pad2(c.minute)}` : NO_TIME;
}

/** 14.03.2025 09:05:07 in Geneva: two backups taken in the same minute must look different. */
export function formatDateTimeSeconds(ms: number): string {
  const c = genevaClock(ms);
  return c ? `${formatDateTime(ms)}:${pad2(c.second)}` : NO_TIME;
}

/** 14.03.2025, Geneva's calendar day of the moment; NO_TIME when no Date can hold it. */
export function formatDate(ms: number): string {
  const c = genevaClock(ms);
  return c ? swissDay(c) : NO_TIME;
}

/** 09:05 on Geneva's clock; NO_TIME when no Date can hold the moment. */
export function formatTime(ms: number): string {
  const c = genevaClock(ms);
  return c ? `${pad2(c.hour)}:${pad2(c.minute)}` : NO_TIME;
}

/** The `dateTime` attribute of a <time> element (UTC ISO 8601); empty when no Date can hold it. */
export function machineTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString();
}

/** Geneva's calendar day of a moment as YYYY-MM-DD ("today" with Date.now()); "" when no Date can hold it. */
export function genevaDayOf(ms: number): string {
  const c = genevaClock(ms);
  return c ? isoDay(c) : "";
}

const HOUR = 3_600_000;
const offsets = new Map<number, number>();

/**
 * Minutes Geneva is ahead of UTC at `ms` (60 in winter, 120 in summer); 0 for a moment no Date can
 * hold. Cached per UTC hour (Geneva's clocks have only ever changed on the hour), because the
 * exports format a million rows with it.
 */
export function genevaOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = genevaClock(hour * HOUR)?.offsetMinutes ?? 0;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

// ---------------------------------------------------------------- Geneva's clock → instants

/**
 * The instant Geneva's clock reads `hour:minute` on `day`, by the stated rule: a skipped time is
 * refused ("skipped"), a repeated one is its first occurrence (summer time), and the result must
 * lie in 1900–2200 ("range").
 */
export function genevaInstant(day: CalendarDay, hour: number, minute: number): DateTimeReading {
  if (!existingDay(day.year, day.month, day.day) || !Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return { ok: false, problem: "format" };
  const wall = Temporal.PlainDateTime.from({ year: day.year, month: day.month, day: day.day, hour, minute });
  // "earlier" moves a skipped time back an hour (02:30 → 01:30): the clock then reads something
  // else than what was typed, which is how a skipped time is recognised and refused.
  const zoned = wall.toZonedDateTime(GENEVA_ZONE, { disambiguation: "earlier" });
  if (!zoned.toPlainDateTime().equals(wall)) return { ok: false, problem: "skipped" };
  const at = zoned.epochMilliseconds;
  return isInstantInRange(at) ? { ok: true, at } : { ok: false, problem: "range" };
}

/**
 * Reads "dd.mm.yyyy hh:mm" as Geneva wall-clock time; also "d.m.yyyy h:mm", "9.05", "9h05" and
 * spaces around the separator, as the forms have always accepted.
 */
export function readSwissDateTime(text: string): DateTimeReading {
  const match = /^\s*(\S+)\s+(\d{1,2})\s*[:.h]\s*(\d{2})\s*$/i.exec(typeof text === "string" ? text : "");
  if (!match) return { ok: false, problem: "format" };
  const date = readSwissDate(match[1]!);
  return date.ok ? genevaInstant(date.day, Number(match[2]), Number(match[3])) : date;
}

/** The instant of a typed Swiss date and time, or null (readSwissDateTime says why). */
export function parseSwissDateTime(text: string): number | null {
  const reading = readSwissDateTime(text);
  return reading.ok ? reading.at : null;
}

/** A day given as a CalendarDay or YYYY-MM-DD. */
function plainDate(day: CalendarDay | string): Temporal.PlainDate {
  return Temporal.PlainDate.from(typeof day === "string" ? day : { year: day.year, month: day.month, day: day.day });
}

/**
 * The instant Geneva's day starts (its first moment, whatever the daylight-saving change that day),
 * for a "from" date filter. Never before 1900-01-01T00:00Z, the first accepted instant: Geneva's
 * 1 January 1900 began an hour earlier, and a filter from that day means "from the beginning".
 */
export function genevaDayStart(day: CalendarDay | string): number {
  return Math.max(MIN_INSTANT, plainDate(day).toZonedDateTime({ timeZone: GENEVA_ZONE }).epochMilliseconds);
}

/** The last millisecond of Geneva's day (23 or 25 hours after its start on a change day), for a "to" filter. */
export function genevaDayEnd(day: CalendarDay | string): number {
  return Math.min(MAX_INSTANT, plainDate(day).add({ days: 1 }).toZonedDateTime({ timeZone: GENEVA_ZONE }).epochMilliseconds - 1);
}

/**
 * The instant `days` days after today (0: today, in Geneva) at `hour:minute` on Geneva's clock,
 * for presets such as "tomorrow 09:00"; `now` itself when that time does not exist.
 */
export function genevaAt(now: number, days: number, hour: number, minute = 0): number {
  const today = genevaDayOf(now);
  if (!today) return now;
  const target = plainDate(today).add({ days });
  const reading = genevaInstant({ year: target.year, month: target.month, day: target.day }, hour, minute);
  return reading.ok ? reading.at : now;
}
