import fc from "fast-check";
import { MAX_INSTANT, MIN_INSTANT } from "../../../common/date-range";

/**
 * Values chosen to break things: what a confused user, a pasted document or an attacker sends.
 * Every operation receives them in every field (tests/fuzz/generators/misuse.ts).
 */

/** One megabyte: past every length limit, so the refusal must come before any real work. */
export const ONE_MB = "a".repeat(1 << 20);

export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "Dupont\u0000Jean",
  "👩‍💻🇨🇭🏳️‍🌈", // emoji with zero-width joiners and flags
  "e\u0301\u0301\u0301\u0301 Zoe\u0308", // combining marks
  "\u200b\u200c\u200d\ufeff", // zero-width only: empty once trimmed? (trim keeps U+200B)
  "\u202eDupont\u202c \u200f عربي עברית", // right-to-left override and scripts
  "\ud800", // a lone surrogate: not valid UTF-16
  "'; DROP TABLE people; --",
  "1' OR '1'='1",
  "\" OR 1=1 --",
  '"unterminated', // FTS5: unbalanced quote
  "NEAR(dupont jean, 2) OR lastName:x* AND -y ^z {first_name}: AND NOT",
  "*",
  "()",
  "<script>alert(1)</script><img src=x onerror=alert(1)>",
  "=cmd|' /C calc'!A0", // spreadsheet formula injection
  "@SUM(1+1)",
  "../../../../etc/passwd",
  "/proc/self",
  "C:\\Windows\\System32",
  "%s%n%x",
  "${process.exit()}",
  "__proto__",
  "constructor",
  "\r\n\t",
  "x".repeat(101),
  "é".repeat(4001),
  ONE_MB,
];

/** Numbers at and past every boundary a schema or a formatter could have. */
export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1,
  1.5,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  8.64e15,
  8.64e15 + 1,
  -8.64e15 - 3_600_001,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  MIN_INSTANT - 1,
  MAX_INSTANT + 1,
];

/** Epoch milliseconds for date fields: inside the shared range, on its edges and beyond. */
export const instantArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }) },
  { weight: 2, arbitrary: fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT }) },
  { weight: 2, arbitrary: fc.constantFrom(MIN_INSTANT, MAX_INSTANT, MIN_INSTANT - 1, MAX_INSTANT + 1, 0, 1, -1) },
  { weight: 2, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 8.64e15, 8.64e15 + 1, -8.64e15, -8640000003600001, 253402300800000) },
);

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** YYYY-MM-DD for calendar-day fields: ordinary, edge, impossible and out-of-range days. */
export const dayArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map(day) },
  { weight: 1, arbitrary: fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT }).map(day) },
  {
    weight: 2,
    arbitrary: fc.constantFrom("1900-01-01", "2200-12-31", "1899-12-31", "2201-01-01", "0000-00-00", "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "2024-02-29", "2025-02-29", "+275760-09-13", "2026-11-25T10:00:00Z", "25.11.2026"),
  },
);

/** Nested `depth` levels: a parser or a logger that recurses must not blow the stack. */
export function deepNest(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const DEEP = deepNest(10_000);
const WIDE = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));

/** Any value of a wrong or hostile kind, for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, [], {}, [null], { toString: "x" }, DEEP, WIDE, ["a", 1, null]) },
  { weight: 1, arbitrary: dayArb },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);
