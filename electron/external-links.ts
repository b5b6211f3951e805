/**
 * Which links may leave the app for the system's browser, mail or phone client. Anything else
 * (`http:`, `file:`, `javascript:`, custom schemes that start local programs) is refused, because
 * `shell.openExternal` hands the URL to the operating system as is.
 */
const ALLOWED_PROTOCOLS = new Set(["https:", "mailto:", "tel:"]);

export function isAllowedExternalUrl(url: unknown): boolean {
  if (typeof url !== "string") return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false;
  // Credentials in a link are a phishing device (`https://bank.ch@evil.example/`).
  if (parsed.protocol === "https:") return parsed.hostname !== "" && parsed.username === "" && parsed.password === "";
  return parsed.pathname !== "";
}

/** Opens an allowed link outside the app; returns whether it did. */
export function openExternalIfAllowed(url: string, openExternal: (url: string) => Promise<void>): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  // A failure to start the mail or phone client is not the page's business.
  openExternal(new URL(url).href).catch(() => undefined);
  return true;
}
