import { formatDateTime, formatTime, parseSwissDate, zurichDayStart } from "../../i18n/zurichTime";

/**
 * Reads "dd.mm.yyyy HH:mm" (also "d.m.yyyy H:mm", "H.mm" or "HHhmm") as Geneva wall-clock time;
 * null for anything else or an impossible date or time.
 */
export function parseSwissDateTime(text: string): number | null {
  const match = /^\s*(\d{1,2}\.\d{1,2}\.\d{4})\s+(\d{1,2})\s*[:.h]\s*(\d{2})\s*$/i.exec(text);
  if (!match) return null;
  const day = parseSwissDate(match[1]!);
  const [hour, minute] = [Number(match[2]), Number(match[3])];
  if (!day || hour > 23 || minute > 59) return null;
  // Midnight plus the wall-clock minutes, corrected by what the clock really reads there: on a
  // daylight-saving day the hours after the change are one off otherwise.
  const wanted = hour * 60 + minute;
  let at = zurichDayStart(day) + wanted * 60_000;
  const [h, m] = formatTime(at).split(":").map(Number) as [number, number];
  at += (wanted - (h * 60 + m)) * 60_000;
  return at;
}

/** The instant `days` days from today at hour:minute in Geneva (0: today). */
export function zurichAt(now: number, days: number, hour: number, minute = 0): number {
  const parts = new Intl.DateTimeFormat("de-CH", { timeZone: "Europe/Zurich", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(now));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shifted = new Date(Date.UTC(get("year"), get("month") - 1, get("day") + days));
  const text = `${shifted.getUTCDate()}.${shifted.getUTCMonth() + 1}.${shifted.getUTCFullYear()} ${hour}:${String(minute).padStart(2, "0")}`;
  return parseSwissDateTime(text) ?? now;
}

/**
 * A date for a dense table column, still Swiss and in Geneva time: "14:05" today, "03.12. 14:05"
 * this year, "03.12.2025" before. The full date and time go in the cell's tooltip.
 */
export function formatCompactDateTime(ms: number, now: number): string {
  const full = formatDateTime(ms);
  const today = formatDateTime(now);
  if (full.slice(0, 10) === today.slice(0, 10)) return full.slice(11);
  if (full.slice(6, 10) === today.slice(6, 10)) return `${full.slice(0, 6)} ${full.slice(11)}`;
  return full.slice(0, 10);
}
