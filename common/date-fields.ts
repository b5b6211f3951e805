import { z } from "zod";
import { isDayInRange, MAX_INSTANT, MIN_INSTANT } from "./date-range";
import { isCalendarDay } from "./geneva-time";
import { rule } from "./validation-messages";

/*
 * The zod fields for the one date range (common/date-range.ts), for every date an operation takes;
 * what a calendar day is comes from common/geneva-time.ts, the rules the screens read dates with.
 */

const outOfRange = rule("date_range");

/** A moment as epoch milliseconds, within years 1900–2200 (common/date-range.ts). */
export const instant = z.number().int().min(MIN_INSTANT, outOfRange).max(MAX_INSTANT, outOfRange);

/** A calendar day typed as YYYY-MM-DD that exists (no 31 February), within years 1900–2200. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, rule("day_format"))
  // zod runs every check even after the pattern failed: the day must not throw on "" or "2026-13-01".
  .refine(isCalendarDay, rule("calendar_day"))
  .refine(isDayInRange, outOfRange);
