import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/**
 * The phone rules, once for the server and the screens: default region CH, E.164 for storage,
 * Swiss national format for Swiss numbers and international format for the others.
 */

export const DEFAULT_REGION: CountryCode = "CH";

/**
 * A number as a caller says it ("022 735 33 92", "0041 22…", "+41 (0)22…") to E.164, or null
 * when it cannot be a valid number. Foreign numbers need their country code.
 */
export function toE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), DEFAULT_REGION);
  return parsed?.isValid() ? parsed.number : null;
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

export function reversedDigits(e164: string): string {
  return e164.replace(/\D/g, "").split("").reverse().join("");
}

/** True when the query is made only of what people type in a phone number. */
export function looksLikePhone(query: string): boolean {
  return /^[+\d][\d\s./()-]*$/.test(query.trim()) && digitsOf(query).length >= 4;
}

export function digitsOf(query: string): string {
  return query.replace(/\D/g, "");
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
