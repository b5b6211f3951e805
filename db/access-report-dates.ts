import { isInstantInRange } from "../common/date-range";
import { genevaClock, parseIsoDay } from "../common/geneva-time";
import type { ReportLanguage } from "../common/contract/privacy";
import { formatInstant } from "./export/zurich-dates";

/**
 * Dates in the access report. The PDF is a letter to a private person, who may live abroad: the
 * month is written out in their language ("25 novembre 2026 à 10:00", "25 November 2026 at 10:00"),
 * so no reader has to guess which number is the day, and times are Geneva's (the report says so).
 * The JSON file gives machines ISO 8601 with Geneva's offset ("2026-11-25T10:00:00+01:00"): one
 * unambiguous instant that still reads as the wall-clock time the PDF shows.
 */

const MONTHS: Record<ReportLanguage, readonly string[]> = {
  fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

const pad2 = (n: number) => String(n).padStart(2, "0");

function dayText(year: number, month: number, day: number, language: ReportLanguage): string {
  // French writes the first of the month as an ordinal: « 1er mars ».
  const d = language === "fr" && day === 1 ? "1er" : String(day);
  return `${d} ${MONTHS[language][month - 1]} ${year}`;
}

/**
 * A stored time as the report reads it. The report's data carries times as UTC ISO 8601, or as
 * the bare stored number when no Date can hold it (rawInstantText): such a value, and any time
 * outside 1900–2200, is shown as it is rather than failing the report.
 */
export function reportDateTime(stored: string, language: ReportLanguage): string {
  const ms = Date.parse(stored);
  const clock = isInstantInRange(ms) ? genevaClock(ms) : null;
  if (!clock) return stored;
  const time = `${pad2(clock.hour)}:${pad2(clock.minute)}`;
  return `${dayText(clock.year, clock.month, clock.day, language)} ${language === "fr" ? "à" : "at"} ${time}`;
}

/** A calendar day (YYYY-MM-DD) written out; a stored text that is no date is shown as it is. */
export function reportDay(iso: string, language: ReportLanguage): string {
  const day = parseIsoDay(iso);
  return day ? dayText(day.year, day.month, day.day, language) : iso;
}

/** A stored time for the JSON file: ISO 8601 with Geneva's offset; an odd value is kept as it is. */
export function jsonDateTime(stored: string): string {
  const ms = Date.parse(stored);
  return isInstantInRange(ms) ? formatInstant(ms, "iso") : stored;
}
