/**
 * Geneva wall-clock time for exported dates. The zone rules come from common/geneva-time.ts (the
 * same as the screens'); Temporal costs microseconds per call, which is seconds over a million
 * rows, so only the UTC offset is asked of it (cached per UTC hour there) and the digits are
 * assembled by hand here.
 */
import { isInstantInRange, rawInstantText } from "../../common/date-range";
import { genevaOffsetMinutes, isCalendarDay } from "../../common/geneva-time";

/**
 * The instant shifted so that its UTC fields read Geneva's wall clock (what Excel shows as-is).
 * Only for instants inside the accepted range (isInstantInRange): the Excel writer puts any other
 * stored value as text (rawInstantText).
 */
export function zurichWallClock(ms: number): Date {
  return new Date(ms + offsetMinutes(ms) * 60_000);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

export type DateStyle = "iso" | "swiss";

const DAY_MS = 86_400_000;
const dayTexts: Record<DateStyle, Map<number, string>> = { iso: new Map(), swiss: new Map() };

/** The calendar date of a day number (days since 1970-01-01), by integer arithmetic (H. Hinnant's civil_from_days). */
function dayText(days: number, style: DateStyle): string {
  const cache = dayTexts[style];
  let text = cache.get(days);
  if (text === undefined) {
    const z = days + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    text = style === "iso" ? `${year}-${pad2(month)}-${pad2(day)}` : `${pad2(day)}.${pad2(month)}.${year}`;
    if (cache.size > 50_000) cache.clear();
    cache.set(days, text);
  }
  return text;
}

/** "00:00" … "23:59", by minute of the day: two paddings and a template fewer per date. */
const CLOCK = Array.from({ length: 1440 }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);

/**
 * Geneva's offset per UTC day when it holds all day (every day but the two a year the clock
 * changes, which keep asking per hour): common/geneva-time.ts caches per hour, and an export of
 * calls spread over two years met seventeen thousand hours, each a Temporal call.
 */
const dayOffsets = new Map<number, number | null>();
function offsetMinutes(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  let offset = dayOffsets.get(day);
  if (offset === undefined) {
    const first = genevaOffsetMinutes(day * DAY_MS);
    // A change happens on the hour: the same offset at the day's first and last hour holds all day.
    offset = first === genevaOffsetMinutes(day * DAY_MS + 23 * 3_600_000) ? first : null;
    if (dayOffsets.size > 50_000) dayOffsets.clear();
    dayOffsets.set(day, offset);
  }
  return offset ?? genevaOffsetMinutes(ms);
}

/**
 * 2026-11-25T10:05:00+01:00 (ISO 8601 with Geneva's offset) or 25.11.2026 10:05 (Swiss). A stored
 * value outside years 1900–2200 (written by an older version) is shown as it is, UTC ISO or the
 * bare number (rawInstantText): visibly odd, never a throw that loses the whole export.
 */
export function formatInstant(ms: number, style: DateStyle): string {
  if (!isInstantInRange(ms)) return rawInstantText(ms);
  const offset = offsetMinutes(ms);
  const local = ms + offset * 60_000;
  const days = Math.floor(local / DAY_MS);
  const inDay = local - days * DAY_MS;
  const date = dayText(days, style);
  if (style === "swiss") return `${date} ${CLOCK[Math.floor(inDay / 60_000)]}`;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor(inDay / 60_000) % 60;
  const seconds = Math.floor(inDay / 1000) % 60;
  const abs = Math.abs(offset);
  return `${date}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${offset >= 0 ? "+" : "-"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** A calendar day stored as YYYY-MM-DD, written as is (ISO) or as dd.MM.yyyy. */
export function formatDay(day: string, style: DateStyle): string {
  if (style === "iso" || day.length !== 10) return day;
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}

/**
 * A calendar day as a Date at UTC midnight: Excel shows that day whatever the desk's zone. A
 * stored day that is no calendar date ("2026-02-31", which Date would roll into March) gives an
 * invalid Date, so the writer keeps it as text.
 */
export function dayAsDate(day: string): Date {
  return new Date(isCalendarDay(day) ? `${day}T00:00:00Z` : Number.NaN);
}
