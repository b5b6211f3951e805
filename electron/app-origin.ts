/**
 * Where the app itself lives in Electron: the `app://crm/` origin served by electron/protocol.ts.
 * Navigation, IPC and the protocol handler all trust exactly this origin and nothing else.
 */
export const APP_SCHEME = "app";
export const APP_HOST = "crm";
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for `app://crm/…` only; a look-alike host (`app://crm.evil/`, `app://crm:1/`) is not the app. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (typeof url !== "string") return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && parsed.username === "" && parsed.password === "";
}
