/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell a caller typed that starts with
 * one of these characters could be run as a formula when the file is opened in Excel or Calc.
 */
const DANGEROUS_FIRST = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * Prefixes a dangerous text with an apostrophe, as OWASP recommends, so the spreadsheet shows it
 * as text. Only for text cells: real numbers are written as numbers and never pass through here.
 */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && DANGEROUS_FIRST.has(text[0]!) ? `'${text}` : text;
}
