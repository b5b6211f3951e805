import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, spreadsheetEvaluates } from "../../db/export/cell-safety";

/*
 * Which CSV cells a spreadsheet would run (db/export/cell-safety.ts): every formula trigger is
 * neutralised, and a phone number in E.164 or a signed number passes unchanged — the apostrophe
 * on 3,000 of 3,000 phone cells was the bug.
 */

const digits = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 15 });
/** "+41227353392", "-12", "+3.25": what a spreadsheet reads as a number. */
const signedNumber = fc.tuple(fc.constantFrom("+", "-"), digits, fc.option(digits, { nil: undefined })).map(([sign, whole, fraction]) => `${sign}${whole}${fraction ? `.${fraction}` : ""}`);
const e164 = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 6, maxLength: 12 })).map(([cc, rest]) => `+${cc}${rest}`);

/** What may follow a trigger: anything, formulas and DDE payloads included. */
const tail = fc.oneof(
  fc.string(),
  fc.constantFrom("cmd|' /C calc'!A0", "HYPERLINK(\"http://evil\")", "SUM(A1:A9)", "A1", "1+1", "2+3+cmd|' /C calc'!A0", "41 22 735 33 92"),
);

/** The spreadsheet's view, written independently of the implementation: a formula unless a lone signed decimal. */
function evaluatedBySpreadsheet(cell: string): boolean {
  const s = cell.replace(/^ +/, "");
  if (/^[=@\t\r]/.test(s)) return true;
  if (/^[+-]/.test(s)) return !/^[+-]\d+(\.\d+)?$/.test(s);
  return false;
}

describe("formula neutralising in CSV cells", () => {
  it("neutralises every cell starting with =, @, tab or CR, whatever follows (and behind leading spaces)", () => {
    fc.assert(
      fc.property(fc.constantFrom("=", "@", "\t", "\r"), tail, fc.nat(3), (trigger, rest, spaces) => {
        const cell = `${" ".repeat(spaces)}${trigger}${rest}`;
        expect(spreadsheetEvaluates(cell)).toBe(true);
        expect(neutraliseFormula(cell)).toBe(`'${cell}`);
      }),
    );
  });

  it("neutralises + and - unless the whole cell is a plain number", () => {
    fc.assert(
      fc.property(fc.constantFrom("+", "-"), tail, (sign, rest) => {
        const cell = sign + rest;
        const plain = /^\d+(\.\d+)?$/.test(rest);
        expect(neutraliseFormula(cell)).toBe(plain ? cell : `'${cell}`);
      }),
    );
  });

  it("leaves phone numbers in E.164 and signed numbers unchanged: a spreadsheet reads them as numbers", () => {
    fc.assert(fc.property(e164, (phone) => neutraliseFormula(phone) === phone));
    fc.assert(fc.property(signedNumber, (number) => neutraliseFormula(number) === number));
    for (const cell of ["+41227353392", "-2.5", "-3", "+0041"]) expect(neutraliseFormula(cell)).toBe(cell);
  });

  it("neutralises the known payloads", () => {
    const payloads = [
      "=cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      "+2+3+cmd|' /C calc'!A0",
      "@SUM(1+9)*cmd|' /C calc'!A0",
      "@SUM(A1:A2)",
      "+A1",
      "-A1",
      "=HYPERLINK(\"http://evil\",\"click\")",
      "+41 22 735 33 92",
      "-2,5",
      "+1e5",
      "\t=1+1",
      "\r=1+1",
      "  =1+1",
      "-",
      "+",
    ];
    for (const payload of payloads) expect(neutraliseFormula(payload), JSON.stringify(payload)).toBe(`'${payload}`);
  });

  it("agrees with the spreadsheet's view on any text, and changes nothing else than one leading apostrophe", () => {
    const anyCell = fc.oneof(fc.string(), fc.tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r", " ", "'", "0", "a"), fc.string()).map(([a, b]) => a + b), signedNumber, e164);
    fc.assert(
      fc.property(anyCell, (cell) => {
        const out = neutraliseFormula(cell);
        expect(out).toBe(evaluatedBySpreadsheet(cell) ? `'${cell}` : cell);
      }),
      { numRuns: 2000 },
    );
    for (const cell of ["Dupont", "a=b", "", "022 735 33 92", "'=already"]) expect(neutraliseFormula(cell)).toBe(cell);
  });
});
