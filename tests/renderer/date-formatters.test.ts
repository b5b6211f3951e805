import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInstantInRange, MAX_INSTANT, MIN_INSTANT } from "../../common/date-range";
import { formatDay, formatInstant } from "../../db/export/zurich-dates";
import { formatBackupDate } from "../../renderer/src/features/admin/backups/backupFormat";
import { addDays } from "../../renderer/src/features/privacy/privacyDates";
import { formatCompactDateTime } from "../../renderer/src/features/reports/zurichDateTime";
import { formatDateTime, formatTime, machineTime, NO_TIME } from "../../renderer/src/i18n/zurichTime";

/*
 * Issue 12, item 2: every stored time reaches a formatter — the screens' and the exports'. None
 * may throw on any integer (a database written by an older version held them all): a RangeError in
 * a formatter blanked the support queue. Dates inside 1900–2200 keep their usual form.
 */

const anyInteger = fc.oneof(
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 8_640_000_000_000_000, 8_640_000_000_000_001, -8_640_000_000_000_001, -8_640_000_003_600_001, MIN_INSTANT - 1, MAX_INSTANT + 1),
);
const inRange = fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT });
const NOW = Date.UTC(2026, 10, 25, 9, 0);
const placeable = (ms: number) => !Number.isNaN(new Date(ms).getTime());

describe("the screens' Geneva formatters", () => {
  it("never throw; a time no Date can hold shows as a dash", () => {
    fc.assert(
      fc.property(anyInteger, (ms) => {
        const texts = [formatDateTime(ms), formatTime(ms), formatCompactDateTime(ms, NOW), formatBackupDate(ms)];
        if (placeable(ms)) expect(texts.every((t) => t !== NO_TIME)).toBe(true);
        else expect(texts).toEqual([NO_TIME, NO_TIME, NO_TIME, NO_TIME]);
        expect(machineTime(ms)).toBe(placeable(ms) ? new Date(ms).toISOString() : "");
      }),
      { numRuns: 300 },
    );
  });

  it("write every accepted time as dd.MM.yyyy HH:mm", () => {
    fc.assert(
      fc.property(inRange, (ms) => {
        expect(formatDateTime(ms)).toMatch(/^\d{2}\.\d{2}\.(19\d\d|2[0-2]\d\d) \d{2}:\d{2}$/);
      }),
      { numRuns: 300 },
    );
  });

  it("keep a stored day that is no calendar date as it is", () => {
    expect(addDays("2026-13-45", 30)).toBe("2026-13-45");
    expect(addDays("abc", 30)).toBe("abc");
    expect(addDays("2026-11-25", 30)).toBe("2026-12-25");
  });
});

describe("the exports' Geneva formatters", () => {
  it("never throw; outside 1900–2200 they write the stored value as it is", () => {
    fc.assert(
      fc.property(anyInteger, fc.constantFrom("iso" as const, "swiss" as const), (ms, style) => {
        const text = formatInstant(ms, style);
        if (isInstantInRange(ms)) expect(text).toMatch(style === "iso" ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/ : /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
        else expect(text).toBe(placeable(ms) ? new Date(ms).toISOString() : String(ms));
      }),
      { numRuns: 300 },
    );
    expect(formatDay("99999-01-01", "swiss")).toBe("99999-01-01");
  });
});
