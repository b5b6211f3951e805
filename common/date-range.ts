/**
 * The one range every date and time the app accepts must fall in: years 1900 to 2200. Wider
 * values are not dates a call centre records, and the largest JavaScript can hold break every
 * formatter (Intl throws RangeError past ±8.64e15 ms, and Geneva offsets are unknown far out).
 * Runtime-neutral on purpose: the schemas, the data core and the screens all read it.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** 1900-01-01T00:00:00.000Z, the first accepted instant (epoch milliseconds). */
export const MIN_INSTANT = Date.UTC(MIN_YEAR, 0, 1);
/** 2200-12-31T23:59:59.999Z, the last accepted instant. */
export const MAX_INSTANT = Date.UTC(MAX_YEAR + 1, 0, 1) - 1;

export const MIN_DAY = `${MIN_YEAR}-01-01`;
export const MAX_DAY = `${MAX_YEAR}-12-31`;

/** True for an integer instant inside the accepted range. */
export function isInstantInRange(ms: unknown): ms is number {
  return typeof ms === "number" && Number.isInteger(ms) && ms >= MIN_INSTANT && ms <= MAX_INSTANT;
}

/** True for a YYYY-MM-DD calendar day inside the accepted range (string order is date order here). */
export function isDayInRange(day: string): boolean {
  return day >= MIN_DAY && day <= MAX_DAY;
}

/**
 * A stored time that may be outside the range (a database written by an older version accepted
 * any integer): UTC ISO 8601 while a JavaScript Date can hold it, else the number as it is. Never
 * throws, so a report or an export shows the odd value instead of failing on it.
 */
export function rawInstantText(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
