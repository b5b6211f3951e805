import { looksLikePhone, toE164 } from "../../../../common/phone";

/** Longer than any number as typed (E.164 is 15 digits); the same bound as electron/cti.ts. */
const MAX_NUMBER_LENGTH = 40;

/**
 * The `from` of `#/call?from=…`, decoded by hand: URLSearchParams turns an unencoded "+41…" into
 * " 41…", and phone systems often send the "+" raw. `null` when there is none; the first when
 * there are several is not guessed: two numbers are refused.
 */
export function rawCallNumber(search: string): string | null {
  const values = search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair.split("=", 1)[0] === "from")
    .map((pair) => pair.slice("from=".length));
  if (values.length !== 1) return values.length === 0 ? null : "";
  try {
    return decodeURIComponent(values[0]!);
  } catch {
    return "";
  }
}

/** E.164 for a number sent by the phone system, or null when it is not a valid phone number. */
export function callNumberE164(raw: string): string | null {
  if (raw.length === 0 || raw.length > MAX_NUMBER_LENGTH || !looksLikePhone(raw)) return null;
  return toE164(raw);
}
