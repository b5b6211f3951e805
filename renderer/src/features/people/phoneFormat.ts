import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * The renderer's copy of the server's phone rules (db/phones.ts): default region CH, Swiss
 * national format for Swiss numbers, international for the others. Used to show E.164 values the
 * server returns unformatted (history, company) and to tell a half-typed number from a complete one.
 */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === "CH" ? parsed.formatNational() : parsed.formatInternational();
}

/** E.164 for a number as typed, or null while it cannot be a valid number yet. */
export function toE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), "CH");
  return parsed?.isValid() ? parsed.number : null;
}

/** What the lookup treats as a phone number (same rule as the server's looksLikePhone). */
export function looksLikePhone(query: string): boolean {
  return /^[+\d][\d\s./()-]*$/.test(query.trim()) && query.replace(/\D/g, "").length >= 4;
}

/** ER-2026-00042, er 2026 42, ER202600042: an error report reference. */
export function looksLikeReportReference(query: string): boolean {
  return /^\s*ER[\s-]?\d{4}[\s-]?\d{1,7}\s*$/i.test(query);
}

export function looksLikeEmail(query: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(query.trim());
}
