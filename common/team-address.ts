/**
 * How a desk names its team server: the address an administrator types and the certificate
 * fingerprint the server prints. Written once here because the desk shell (which connects) and the
 * first-start screen (which shows what will be pinned) must read them the same way.
 */

/** Longer than any address a LAN server has; a bound before parsing. */
const MAX_URL_LENGTH = 500;

/**
 * "crm-serveur:8443", "https://crm-serveur:8443", "https://10.0.0.5:8443/" → the server's base
 * address, `https://host:port/`; null for anything else. Plain http is refused: the desk sends
 * passwords and personal data to it. Only an origin is kept: the API lives at `/api/` under it.
 */
export function teamServerUrl(raw: string): string | null {
  const typed = raw.trim();
  if (typed === "" || typed.length > MAX_URL_LENGTH) return null;
  // Parsed by hand: common/ runs where no URL class is promised, and a LAN address is simple.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(typed);
  if (scheme && scheme[1]!.toLowerCase() !== "https") return null;
  const rest = scheme ? typed.slice(scheme[0].length) : typed;
  const parts = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?::(\d{1,5}))?\/?$/i.exec(rest);
  if (!parts) return null;
  const port = parts[2] === undefined ? 443 : Number(parts[2]);
  if (port < 1 || port > 65535) return null;
  const host = parts[1]!.toLowerCase();
  return port === 443 ? `https://${host}/` : `https://${host}:${port}/`;
}

/**
 * A SHA-256 fingerprint as `openssl x509 -fingerprint -sha256` and the team server print it
 * ("AB:CD:…", 32 pairs), from what an administrator may paste: with or without the "SHA256:" (or
 * "sha256 Fingerprint=") prefix, colons or spaces, any case. Null when it is not 64 hex digits.
 */
export function normaliseFingerprint(raw: string): string | null {
  const hex = raw
    .trim()
    .replace(/^sha-?256( fingerprint)?\s*[:=]?\s*/i, "")
    .replace(/[\s:]/g, "");
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(":");
}
