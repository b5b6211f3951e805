import { describe, expect, it } from "vitest";
import { formatInstant, zurichWallClock } from "../../db/export/zurich-dates";

/*
 * The exports' dates keep Geneva's offset per UTC day (zurich-dates.ts) and ask per hour only on
 * the days the clock changes. Held here against Intl's own Europe/Zurich clock on every hour of
 * the change days the zone has had (the war years at midnight UTC, the first EU rule ending in
 * September, the one ending in October, the last years accepted), walked in date order and out of it, since the
 * cache is filled by whichever instant comes first.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Zurich",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZoneName: "longOffset",
});

/** 2026-10-25T02:30:00+01:00 from Intl. */
function reference(ms: number): string {
  const p = Object.fromEntries(parts.formatToParts(ms).map((x) => [x.type, x.value]));
  const offset = p.timeZoneName === "GMT" ? "+00:00" : p.timeZoneName!.slice(3);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/** The UTC hours at which Geneva's offset changed in `years`. */
function changes(years: number[]): number[] {
  const found: number[] = [];
  for (const year of years) {
    for (let hour = Date.UTC(year, 0, 1); hour < Date.UTC(year + 1, 0, 1); hour += HOUR) {
      if (reference(hour).slice(-6) !== reference(hour - HOUR).slice(-6)) found.push(hour);
    }
  }
  return found;
}

describe("Geneva dates in exports", () => {
  const found = changes([1941, 1942, 1981, 1995, 1996, 2026, 2199]);
  // Twice a year: at 00:00 UTC in the war years, at 01:00 UTC since 1981.
  it("finds the changes it is held against", () => expect(found.length).toBe(14));
  // The UTC day of each change and the day before (a change at midnight ends that one).
  const days = found.flatMap((hour) => [Math.floor(hour / DAY) * DAY - DAY, Math.floor(hour / DAY) * DAY]);

  it.each([
    ["in date order", (list: number[]) => list],
    ["latest first", (list: number[]) => [...list].reverse()],
  ])("writes every hour and half hour of a change day as Geneva's clock shows it (%s)", (_, order) => {
    const instants = order(days.flatMap((day) => Array.from({ length: 48 }, (_, i) => day + i * (HOUR / 2) + 7_000)));
    for (const ms of instants) {
      expect(formatInstant(ms, "iso")).toBe(reference(ms));
      expect(formatInstant(ms, "swiss")).toBe(`${reference(ms).slice(8, 10)}.${reference(ms).slice(5, 7)}.${reference(ms).slice(0, 4)} ${reference(ms).slice(11, 16)}`);
      expect(zurichWallClock(ms).toISOString().slice(0, 19)).toBe(reference(ms).slice(0, 19));
    }
  });

  it("writes ordinary days with the offset of the whole day, every minute of one", () => {
    for (const day of [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15), Date.UTC(1960, 6, 15)]) {
      for (let ms = day; ms < day + DAY; ms += 60_000) expect(formatInstant(ms, "iso")).toBe(reference(ms));
    }
  });
});
