import { formatDateTime, parseSwissDate, zurichDayStart } from "../../i18n/zurichTime";

/** "14.03.2026 09:05" in Geneva time to an instant; null for anything else or an impossible time. */
export function parseSwissDateTime(text: string): number | null {
  const match = /^\s*(\S+)\s+(\d{1,2})[:.h](\d{2})\s*$/.exec(text);
  if (!match) return null;
  const day = parseSwissDate(match[1] ?? "");
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  if (!day || hour > 23 || minute > 59) return null;
  const wanted = `${String(day.day).padStart(2, "0")}.${String(day.month).padStart(2, "0")}.${day.year} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  // Midnight plus the minutes, then corrected by the wall-clock difference on a DST change day.
  let ms = zurichDayStart(day) + (hour * 60 + minute) * 60_000;
  for (let i = 0; i < 2 && formatDateTime(ms) !== wanted; i++) {
    const shown = /(\d{2}):(\d{2})$/.exec(formatDateTime(ms));
    const shownMinutes = Number(shown?.[1]) * 60 + Number(shown?.[2]);
    ms += (hour * 60 + minute - shownMinutes) * 60_000;
  }
  return formatDateTime(ms) === wanted ? ms : null;
}

/** 14.03.2026 (the date part of the Swiss format). */
export function formatDate(ms: number): string {
  return formatDateTime(ms).slice(0, 10);
}
