import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInstantInRange, MAX_INSTANT, MIN_INSTANT } from "../../common/date-range";
import {
  addDays,
  daysBetween,
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatTime,
  genevaAt,
  genevaDayEnd,
  genevaDayOf,
  genevaDayStart,
  genevaInstant,
  genevaOffsetMinutes,
  isCalendarDay,
  isoToSwiss,
  parseSwissDate,
  parseSwissDateTime,
  readSwissDate,
  readSwissDateTime,
  swissToIso,
} from "../../common/geneva-time";
import { zurichDayStartOf } from "../../db/dashboard";
import { formatInstant } from "../../db/export/zurich-dates";
import { readDateTime } from "../../renderer/src/features/reports/DateTimeField";

/*
 * Issue 13 §1: one set of Geneva date rules for the server and every form. The log-call form
 * refused "29.03.2026 02:30" while the report's call-back field saved 01:30; now a time Geneva's
 * clocks skip is refused everywhere, and a time they show twice is its first occurrence.
 */

const HOUR = 3_600_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe("the spring change (29.03.2026: 02:00 becomes 03:00)", () => {
  it.each(["29.03.2026 02:00", "29.03.2026 02:30", "29.03.2026 02:59"])("refuses %s, a time Geneva skips, with its own reason", (text) => {
    expect(readSwissDateTime(text)).toEqual({ ok: false, problem: "skipped" });
    expect(parseSwissDateTime(text)).toBeNull();
  });

  it("accepts the minute before and the first minute after", () => {
    expect(parseSwissDateTime("29.03.2026 01:59")).toBe(utc(2026, 3, 29, 0, 59)); // +01:00
    expect(parseSwissDateTime("29.03.2026 03:00")).toBe(utc(2026, 3, 29, 1, 0)); // +02:00
    // One minute of real time between them.
    expect(parseSwissDateTime("29.03.2026 03:00")! - parseSwissDateTime("29.03.2026 01:59")!).toBe(60_000);
  });
});

describe("the autumn change (25.10.2026: 03:00 becomes 02:00 again)", () => {
  it("reads 02:30, shown twice that night, as its first occurrence (summer time, +02:00)", () => {
    expect(parseSwissDateTime("25.10.2026 02:30")).toBe(utc(2026, 10, 25, 0, 30));
    expect(parseSwissDateTime("25.10.2026 02:00")).toBe(utc(2026, 10, 25, 0, 0));
    expect(parseSwissDateTime("25.10.2026 02:59")).toBe(utc(2026, 10, 25, 0, 59));
    // The second occurrence exists and reads the same: the rule picks, it does not refuse.
    expect(formatDateTime(utc(2026, 10, 25, 1, 30))).toBe("25.10.2026 02:30");
  });

  it("reads the minutes around the repeated hour on their only occurrence", () => {
    expect(parseSwissDateTime("25.10.2026 01:59")).toBe(utc(2026, 10, 24, 23, 59)); // +02:00
    expect(parseSwissDateTime("25.10.2026 03:00")).toBe(utc(2026, 10, 25, 2, 0)); // +01:00
  });
});

describe("reading a Swiss date and time", () => {
  it("accepts the forms the fields have always accepted", () => {
    const at = utc(2026, 3, 9, 8, 5);
    for (const text of ["09.03.2026 09:05", "9.3.2026 9:05", "9.3.2026 9.05", "9.3.2026 9h05", "9.3.2026 9H05", "  9.3.2026   9 : 05  "]) expect(parseSwissDateTime(text)).toBe(at);
  });

  it("refuses impossible dates and times as a wrong format", () => {
    for (const text of ["31.02.2026 10:00", "29.02.2027 10:00", "32.01.2026 10:00", "01.13.2026 10:00", "01.01.2026 24:00", "01.01.2026 12:60", "01.01.2026", "2026-01-01 10:00", "", "demain 9h"])
      expect(readSwissDateTime(text)).toEqual({ ok: false, problem: "format" });
    expect(parseSwissDateTime("29.02.2028 10:00")).toBe(utc(2028, 2, 29, 9, 0));
  });

  it("refuses two-digit years: 1.2.26 could be 1926 or 2026", () => {
    expect(readSwissDateTime("1.2.26 10:00")).toEqual({ ok: false, problem: "format" });
    expect(parseSwissDate("1.2.26")).toBeNull();
  });

  it("refuses moments outside 1900–2200 with their own reason", () => {
    expect(readSwissDateTime("31.12.1899 23:00")).toEqual({ ok: false, problem: "range" });
    expect(readSwissDateTime("01.01.2201 00:30")).toEqual({ ok: false, problem: "range" });
    // Geneva's 1 January 1900 began at 23:00 UTC the day before: its first hour is not accepted.
    expect(readSwissDateTime("01.01.1900 00:30")).toEqual({ ok: false, problem: "range" });
    expect(parseSwissDateTime("01.01.1900 01:00")).toBe(MIN_INSTANT);
    expect(parseSwissDateTime("31.12.2200 23:59")).toBe(utc(2200, 12, 31, 22, 59));
  });

  it("builds a moment from its parts by the same rule", () => {
    expect(genevaInstant({ year: 2026, month: 3, day: 29 }, 2, 30)).toEqual({ ok: false, problem: "skipped" });
    expect(genevaInstant({ year: 2026, month: 10, day: 25 }, 2, 30)).toEqual({ ok: true, at: utc(2026, 10, 25, 0, 30) });
    expect(genevaInstant({ year: 2026, month: 2, day: 31 }, 9, 0)).toEqual({ ok: false, problem: "format" });
  });

  it("places presets on Geneva's clock, and never on a skipped time", () => {
    const saturday = utc(2026, 3, 28, 12);
    expect(genevaAt(saturday, 1, 9)).toBe(utc(2026, 3, 29, 7)); // Sunday 09:00, summer time
    expect(genevaAt(saturday, 0, 14)).toBe(utc(2026, 3, 28, 13)); // today 14:00, winter time
    expect(genevaAt(saturday, 1, 2, 30)).toBe(saturday);
  });
});

describe("calendar days", () => {
  it("reads dd.mm.yyyy and d.m.yyyy, real days only, within 1900–2200", () => {
    expect(parseSwissDate("14.03.2025")).toEqual({ year: 2025, month: 3, day: 14 });
    expect(parseSwissDate("4.3.2025")).toEqual({ year: 2025, month: 3, day: 4 });
    expect(parseSwissDate("31.02.2026")).toBeNull();
    expect(parseSwissDate("29.02.2100")).toBeNull(); // not a leap year
    expect(parseSwissDate("29.02.2000")).toEqual({ year: 2000, month: 2, day: 29 });
    expect(readSwissDate("01.01.1899")).toEqual({ ok: false, problem: "range" });
    expect(readSwissDate("31.12.2200")).toMatchObject({ ok: true });
    expect(readSwissDate("31.02.2026")).toEqual({ ok: false, problem: "format" });
    expect(swissToIso("4.3.2025")).toBe("2025-03-04");
    expect(isoToSwiss("2025-03-04")).toBe("04.03.2025");
    expect(isoToSwiss("not a day")).toBe("not a day");
  });

  it("counts days as a calendar does, not in 24-hour steps", () => {
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-11-25", 30)).toBe("2026-12-25");
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-26", "2026-10-24")).toBe(-2);
    expect(isCalendarDay("2026-02-31")).toBe(false);
    expect(isCalendarDay("2026-02-28")).toBe(true);
  });
});

describe("day start and end in Geneva, for date filters", () => {
  it("gives the spring change day 23 hours and the autumn one 25", () => {
    expect(genevaDayStart("2026-03-29")).toBe(utc(2026, 3, 28, 23));
    expect(genevaDayEnd("2026-03-29")).toBe(utc(2026, 3, 29, 22) - 1);
    expect(genevaDayStart("2026-10-25")).toBe(utc(2026, 10, 24, 22));
    expect(genevaDayEnd("2026-10-25")).toBe(utc(2026, 10, 25, 23) - 1);
    expect(genevaDayEnd("2026-03-29") + 1 - genevaDayStart("2026-03-29")).toBe(23 * HOUR);
    expect(genevaDayEnd("2026-10-25") + 1 - genevaDayStart("2026-10-25")).toBe(25 * HOUR);
    expect(genevaDayStart({ year: 2026, month: 1, day: 15 })).toBe(utc(2026, 1, 14, 23));
  });

  it("stays within the accepted range at its ends", () => {
    expect(genevaDayStart("1900-01-01")).toBe(MIN_INSTANT);
    expect(genevaDayEnd("2200-12-31")).toBe(utc(2200, 12, 31, 23) - 1);
    expect(genevaDayEnd("2200-12-31")).toBeLessThanOrEqual(MAX_INSTANT);
  });

  it("is the server's too: the dashboard's days start at Geneva's midnight", () => {
    expect(zurichDayStartOf("2026-03-28", 1)).toBe(genevaDayStart("2026-03-29"));
    expect(zurichDayStartOf("2026-03-29", 1) - zurichDayStartOf("2026-03-29")).toBe(23 * HOUR);
  });
});

describe("formatting on Geneva's clock from a desk in another zone", () => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "Pacific/Auckland";
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it("writes Geneva's time, not the desk's", () => {
    // The desk really is in New Zealand for this test (UTC+13 in January).
    expect(new Date(utc(2026, 1, 15)).getTimezoneOffset()).toBe(-780);
    expect(formatDateTime(utc(2026, 1, 15, 8, 5))).toBe("15.01.2026 09:05");
    expect(formatDateTime(utc(2026, 3, 29, 0, 59))).toBe("29.03.2026 01:59");
    expect(formatDateTime(utc(2026, 3, 29, 1, 0))).toBe("29.03.2026 03:00");
    expect(formatDateTime(utc(2026, 10, 25, 0, 30))).toBe("25.10.2026 02:30");
    expect(formatTime(utc(2026, 7, 1, 7, 0))).toBe("09:00");
    expect(formatDate(utc(2026, 6, 30, 22, 30))).toBe("01.07.2026");
    expect(genevaDayOf(utc(2026, 6, 30, 22, 30))).toBe("2026-07-01");
    expect(formatDateTimeSeconds(utc(2026, 1, 15, 8, 5) + 7_000)).toBe("15.01.2026 09:05:07");
    expect(genevaOffsetMinutes(utc(2026, 1, 15))).toBe(60);
    expect(genevaOffsetMinutes(utc(2026, 7, 15))).toBe(120);
    // The exports write the same text.
    expect(formatInstant(utc(2026, 3, 29, 1, 0), "swiss")).toBe("29.03.2026 03:00");
    expect(formatInstant(utc(2026, 10, 25, 1, 30), "iso")).toBe("2026-10-25T02:30:00+01:00");
  });
});

// Every minute from the first accepted instant to Geneva's last minute of 2200.
const LAST_MINUTE = utc(2200, 12, 31, 22, 59);
const acceptedMinute = fc.oneof(
  fc.integer({ min: MIN_INSTANT / 60_000, max: LAST_MINUTE / 60_000 }).map((m) => m * 60_000),
  // The minutes around both changes of 2026, which a uniform draw rarely reaches.
  fc.integer({ min: -90, max: 90 }).map((m) => utc(2026, 3, 29, 1) + m * 60_000),
  fc.integer({ min: -90, max: 150 }).map((m) => utc(2026, 10, 25, 0) + m * 60_000),
);
/** True for a moment in the second run of a repeated hour: the same text an hour earlier. */
const isSecondOccurrence = (ms: number) => formatDateTime(ms - HOUR) === formatDateTime(ms);

describe("properties", () => {
  it("reads back every accepted minute it writes (the repeated hour as its first occurrence)", () => {
    fc.assert(
      fc.property(acceptedMinute, (ms) => {
        const back = parseSwissDateTime(formatDateTime(ms));
        expect(back).toBe(isSecondOccurrence(ms) ? ms - HOUR : ms);
      }),
      { numRuns: 2_000 },
    );
  });

  it("never throws on any text, and what it accepts it writes back the same", () => {
    const swissLike = fc
      .tuple(fc.integer({ min: -5, max: 40 }), fc.integer({ min: -1, max: 14 }), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: -1, max: 30 }), fc.integer({ min: -1, max: 70 }), fc.constantFrom(":", ".", "h", " : "))
      .map(([d, m, y, h, mi, sep]) => `${d}.${m}.${y} ${h}${sep}${String(mi).padStart(2, "0")}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), swissLike), (text) => {
        const reading = readSwissDateTime(text);
        parseSwissDate(text);
        if (reading.ok) {
          expect(isInstantInRange(reading.at)).toBe(true);
          expect(parseSwissDateTime(formatDateTime(reading.at))).toBe(reading.at);
        } else expect(["format", "skipped", "range"]).toContain(reading.problem);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("one parser for every form", () => {
  const texts = ["29.03.2026 02:30", "29.03.2026 03:00", "25.10.2026 02:30", "9.3.2026 9h05", "31.02.2026 10:00", "1.2.26 10:00", "01.01.1900 00:30"];

  it("the report's call-back field reads as common/geneva-time does", () => {
    for (const text of texts) expect(readDateTime(text)).toBe(parseSwissDateTime(text) ?? "invalid");
    expect(readDateTime("  ")).toBeNull();
  });

  it("no screen keeps a date-time parser of its own: the log-call form and the call-back field import common's", () => {
    const files = sourceFiles(join(__dirname, "../../renderer/src"));
    const ownParsers = files.filter((file) => /function\s+parse\w*DateTime\b|Date\.UTC\([^)]*hour/.test(readFileSync(file, "utf8")));
    expect(ownParsers).toEqual([]);
    const logCall = readFileSync(join(__dirname, "../../renderer/src/features/people/LogCallModal.tsx"), "utf8");
    expect(logCall).toMatch(/import \{[^}]*\breadSwissDateTime\b[^}]*\} from "[./]*\/common\/geneva-time"/);
    const field = readFileSync(join(__dirname, "../../renderer/src/features/reports/DateTimeField.tsx"), "utf8");
    expect(field).toMatch(/import \{[^}]*\bparseSwissDateTime\b[^}]*\} from "[./]*\/common\/geneva-time"/);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}
