import { AsYouType, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/**
 * The phone rules, once for the server and the screens: default region CH, E.164 for storage,
 * Swiss national format for Swiss numbers and international format for the others.
 *
 * One reading of a written number for every place that takes one (the lookup, the forms and the
 * server's schema, the call page and the desktop app's call hand-off): a Swiss desk writes
 * "022 735 33 92", "(022) 735 33 92", "+41 (0)22 735 33 92", "+41 022 735 33 92", "0041 22…",
 * "022/735.33.92" and they are all one number.
 */

export const DEFAULT_REGION: CountryCode = "CH";

/**
 * What a number is written with: digits, spaces, dots, slashes, dashes, parentheses, and one "+"
 * in front (possibly inside an opening parenthesis: "(+41) 22…"). Anything else (letters, "ext.",
 * "tel:", markup) is not a number: libphonenumber would otherwise pick a number out of
 * "tel:022 735 33 92<script>" or silently drop an extension.
 */
const WRITTEN_NUMBER = /^\(?\+?[\d\s./()-]*$/;
/** Fewer digits are a house number or a year, not a phone number being typed. */
const MIN_DIGITS = 4;

/** True when the text is made only of what people write a phone number with, with at least 4 digits. */
export function looksLikePhone(text: string): boolean {
  const trimmed = text.trim();
  return WRITTEN_NUMBER.test(trimmed) && digitsOf(trimmed).length >= MIN_DIGITS;
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

/**
 * A whole number as written to E.164, or null when it is not a valid number (or not written as a
 * number at all). Foreign numbers need their country code ("+33…", "0033…").
 */
export function toE164(text: string): string | null {
  if (!looksLikePhone(text)) return null;
  const parsed = parsePhoneNumberFromString(text.trim(), DEFAULT_REGION);
  return parsed?.isValid() ? parsed.number : null;
}

/** E.164 is at most 15 digits; with spaces, dots, "(0)" and "0041" a written number stays below this. */
export const MAX_WRITTEN_NUMBER = 40;

/**
 * The caller's number as the phone system sends it (the call page, the desktop app's
 * jetinfo-crm://call link): bounded before anything is parsed, then the same rule as everywhere.
 */
export function callerE164(raw: string): string | null {
  if (raw.length === 0 || raw.length > MAX_WRITTEN_NUMBER) return null;
  return toE164(raw);
}

/** What the lookup searches the stored numbers for, given a number (or its beginning, or its end) as typed. */
export type PhoneSearch =
  /**
   * Written from its start ("+41 22 7…", "0041 022 7…", "(022) 7…"): the stored numbers that begin
   * with `start` (E.164 digits so far); `whole` when the text is already a complete valid number.
   */
  | { from: "start"; start: string; whole: string | null }
  /** Bare digits, without a trunk 0 or a country code ("735 33 92"): the stored numbers ending with them. */
  | { from: "end"; digits: string };

/**
 * The phone search for a typed text, or null when the text is not a number. The beginning of a
 * number is read by libphonenumber's as-you-type reader, which knows each country's trunk prefix:
 * "+41 022…" and "+41 (0)22…" drop the 0 as the Swiss write it, "+39 06…" keeps it as Italy does.
 */
export function phoneSearch(text: string): PhoneSearch | null {
  const trimmed = text.trim();
  if (!looksLikePhone(trimmed)) return null;
  const digits = digitsOf(trimmed);
  if (!trimmed.replace(/^\(/, "").startsWith("+") && !digits.startsWith("0")) return { from: "end", digits };
  const whole = toE164(trimmed);
  if (whole) return { from: "start", start: whole, whole };
  const reader = new AsYouType(DEFAULT_REGION);
  reader.input(trimmed);
  const start = reader.getNumberValue();
  // "00" alone, "+0…": no country yet, nothing stored begins like that.
  return start && /^\+[1-9]\d*$/.test(start) ? { from: "start", start, whole: null } : null;
}

const formatted = new Map<string, string>();

/**
 * Swiss national format for Swiss numbers, international format for the others. Memoised: a
 * result list formats up to 20 numbers per keystroke and parsing one costs tens of µs.
 */
export function formatPhone(e164: string): string {
  let display = formatted.get(e164);
  if (display === undefined) {
    const parsed = parsePhoneNumberFromString(e164);
    display = !parsed ? e164 : parsed.country === "CH" ? parsed.formatNational() : parsed.formatInternational();
    if (formatted.size >= 50_000) formatted.clear();
    formatted.set(e164, display);
  }
  return display;
}

/** A typed number shown as the app shows numbers when it is a whole valid one; otherwise the text as typed. */
export function formatTyped(text: string): string {
  const e164 = toE164(text);
  return e164 ? formatPhone(e164) : text.trim();
}

export function reversedDigits(e164: string): string {
  return e164.replace(/\D/g, "").split("").reverse().join("");
}

/** ER-2026-00042, er 2026 42, ER202600042: an error report reference. */
export function looksLikeReportReference(query: string): boolean {
  return /^\s*ER[\s-]?\d{4}[\s-]?\d{1,7}\s*$/i.test(query);
}

export function looksLikeEmail(query: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(query.trim());
}

/**
 * The kind a number's own type suggests, for a form that preselects it as the user types: a Swiss
 * 022 number is a landline, a 079 one a mobile. Null while the number is incomplete or its type says
 * neither (a 0800 number, a VoIP one, a country that does not tell fixed from mobile apart): the
 * form then keeps what it shows.
 */
export function suggestedPhoneKind(input: string): "mobile" | "landline" | null {
  const parsed = parsePhoneNumberFromString(input.trim(), DEFAULT_REGION);
  if (!parsed?.isValid()) return null;
  const type = parsed.getType();
  return type === "MOBILE" ? "mobile" : type === "FIXED_LINE" ? "landline" : null;
}
