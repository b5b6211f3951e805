import { callerE164 } from "../common/phone";
import { argValue } from "./host";

/**
 * The caller pop-up (computer–telephony integration): the phone system opens
 * `jetinfo-crm://call?from=%2B41227353392` (or runs the app with `--call <number>`) when a call
 * comes in, and the app shows the lookup on that number. Everything arriving here comes from
 * outside the app, so only one thing is read — the `from` number — and it must be a valid phone
 * number; the rest of the URL is ignored. Pure functions: main.ts does the Electron wiring.
 */

export const CALL_SCHEME = "jetinfo-crm";

/** Longer than any URL a phone system sends; a bound before parsing anything. */
const MAX_URL_LENGTH = 2048;

export type CallRequest =
  /** No call was asked for (a plain launch). */
  | { kind: "none" }
  | { kind: "call"; e164: string }
  /** A call was asked for with something that is not a phone number: bring the window forward, show nothing. */
  | { kind: "invalid" };

const NONE: CallRequest = { kind: "none" };
const INVALID: CallRequest = { kind: "invalid" };

/** A number as the phone system sends it ("+41227353392", "022 735 33 92", "0041…") to E.164, or null. */
export function parseCallNumber(raw: string): string | null {
  // The same rule as the call page and the lookup (common/phone.ts): digits and phone punctuation
  // only (letters, quotes, "<", ";", "%", control characters… are refused before libphonenumber,
  // which would otherwise find a number inside "tel:022 735 33 92<script>"), then a valid number.
  return callerE164(raw);
}

/**
 * `jetinfo-crm://call?from=…` → the caller's number. The query is split by hand rather than with
 * URLSearchParams, which turns an unencoded "+41…" into " 41…"; phone systems often send it raw.
 * Exactly one `from` is accepted: two are ambiguous, and ambiguity in a URL is an attack's tool.
 */
export function parseCallUrl(url: string): CallRequest {
  if (url.length > MAX_URL_LENGTH || !url.toLowerCase().startsWith(`${CALL_SCHEME}:`)) return INVALID;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return INVALID;
  }
  // Some systems (and Windows shells) add a slash: jetinfo-crm://call/?from=…
  if (parsed.protocol !== `${CALL_SCHEME}:` || parsed.hostname.toLowerCase() !== "call" || parsed.username || parsed.password || parsed.port || !["", "/"].includes(parsed.pathname)) {
    return INVALID;
  }
  const values = parsed.search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair.split("=", 1)[0] === "from")
    .map((pair) => pair.slice("from=".length));
  if (values.length !== 1) return INVALID;
  let raw: string;
  try {
    raw = decodeURIComponent(values[0]!);
  } catch {
    return INVALID;
  }
  const e164 = parseCallNumber(raw);
  return e164 ? { kind: "call", e164 } : INVALID;
}

/**
 * The call asked for by a command line: a `jetinfo-crm:` URL (how the system launches a protocol
 * handler, and what a second launch's argv carries) or `--call <number>`. Chromium adds its own
 * switches to a second instance's argv; only these two are read.
 */
export function callFromArgv(argv: readonly string[]): CallRequest {
  const url = argv.find((arg) => arg.toLowerCase().startsWith(`${CALL_SCHEME}:`));
  if (url !== undefined) return parseCallUrl(url);
  if (!argv.some((arg) => arg === "--call" || arg.startsWith("--call="))) return NONE;
  const raw = argValue(argv, "call");
  const e164 = raw === undefined ? null : parseCallNumber(raw);
  return e164 ? { kind: "call", e164 } : INVALID;
}

const E164 = /^\+[1-9]\d{1,14}$/;

/** The renderer's route for an incoming call (renderer/src/features/call/CallRoute.tsx). */
export function callRouteHash(e164: string): string {
  if (!E164.test(e164)) throw new Error("callRouteHash expects an E.164 number");
  return `#/call?from=${encodeURIComponent(e164)}`;
}

/**
 * What main runs in the page to show a call without reloading it (a reload would drop a half-typed
 * form). The value is JSON-encoded and E.164-checked: nothing from outside becomes code.
 */
export function showCallScript(e164: string): string {
  return `window.location.hash = ${JSON.stringify(callRouteHash(e164))};`;
}

/**
 * The browser mode's address for a call (`npm run web -- --call <number>`): the call route with the
 * launch token after it, which the page takes out of the address bar and keeps (launchToken.ts).
 */
export function browserCallUrl(serverUrl: string, e164: string): string {
  const url = new URL(serverUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get("token");
  return `${url.origin}${url.pathname}${callRouteHash(e164)}${token ? `&token=${encodeURIComponent(token)}` : ""}`;
}
