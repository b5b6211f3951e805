/**
 * Spreadsheet formula injection (OWASP "CSV Injection") in CSV files: which text cells Excel,
 * LibreOffice Calc or Google Sheets would evaluate as a formula when the file is opened, and the
 * apostrophe that makes them show it as text instead.
 *
 * Only CSV needs this: a CSV cell has no type, so the spreadsheet reads each one as if it were typed.
 * An XLSX text cell is a string cell (exceljs writes the text as the value of a `t="str"` cell, never an `<f>` element), which no
 * spreadsheet runs whatever it starts with, and JSON is read by programs.
 *
 * A cell is evaluated when it starts with:
 * - `=`, `@` (Lotus-style functions: `@SUM(A1)`), a tab or a CR (OWASP's list: Excel skips them and
 *   reads what follows), always;
 * - `+` or `-`, unless the whole cell is a plain decimal number. `+41227353392` and `-2.5` are read as
 *   numbers: the "formula" is a lone constant, nothing runs, no reference, function or DDE link
 *   (`=cmd|' /C calc'!A0`) can hide in digits and one dot. Everything else after a sign is a formula
 *   or a broken one: `-2+3+cmd|…`, `+A1`, `+41 22 735 33 92` (the spaces are Excel's intersection
 *   operator), `-1e5` and `-2,5` (an exponent or a decimal comma depends on the reader's locale:
 *   neutralised rather than argued; real numbers are written as numbers and never come here).
 * Leading spaces are looked through: a spreadsheet that trims them on import (Sheets offers to)
 * would otherwise meet the `=` behind them.
 */
const PLAIN_NUMBER = /^[+-][0-9]+(\.[0-9]+)?$/;

/** Whether a spreadsheet opening a CSV file would evaluate this cell as a formula. */
export function spreadsheetEvaluates(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 0x20) i++;
  if (i === text.length) return false;
  const first = text.charCodeAt(i);
  switch (first) {
    case 0x3d: // =
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // CR
      return true;
    case 0x2b: // +
    case 0x2d: // -
      return !PLAIN_NUMBER.test(i === 0 ? text : text.slice(i));
    default:
      return false;
  }
}

/**
 * Prefixes a cell a spreadsheet would evaluate with an apostrophe, as OWASP recommends, so it shows
 * as text; every other cell, a phone number in E.164 or a negative amount included, is unchanged.
 */
export function neutraliseFormula(text: string): string {
  return spreadsheetEvaluates(text) ? `'${text}` : text;
}
