import type { Language } from "../schema";
import { neutraliseFormula } from "./cell-safety";
import type { ColumnType } from "./record-sets";
import { formatDay, formatInstant, type DateStyle } from "./zurich-dates";

const YES_NO: Record<Language, [string, string]> = { fr: ["oui", "non"], en: ["yes", "no"] };

/**
 * How one column's stored value reads in a text file (CSV): dates in the chosen style, booleans
 * as words, text neutralised against formula injection. Numbers stay digits.
 */
export function textCell(type: ColumnType, dateStyle: DateStyle, language: Language): (value: unknown) => string {
  const [yes, no] = YES_NO[language];
  switch (type) {
    case "instant":
      return (v) => (typeof v === "number" ? formatInstant(v, dateStyle) : "");
    case "day":
      return (v) => (typeof v === "string" ? formatDay(v, dateStyle) : "");
    case "boolean":
      return (v) => (v === null || v === undefined ? "" : v ? yes : no);
    case "integer":
    case "number":
      return (v) => (v === null || v === undefined ? "" : String(v));
    case "text":
      return (v) => (v === null || v === undefined ? "" : neutraliseFormula(String(v)));
  }
}
