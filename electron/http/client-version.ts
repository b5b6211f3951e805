import type { ApiErrorBody } from "../../common/envelope";
import type { Language } from "../../common/enums";
import { message } from "../../common/messages";

/** The header every client of ours sends: the renderer (vite's build-time version) and a desk's forwarder. */
export const CLIENT_VERSION_HEADER = "X-Client-Version";

/**
 * The refusal for a client of another version, or undefined when it may be served.
 *
 * A request without the header is served: curl, a monitoring probe or an older script speak the
 * same HTTP protocol and still meet login, roles and the schemas; the renderer and the desk's
 * forwarder always send it, so a desk of another version never gets past this. A different version
 * may mean another contract (an operation's input or output changed), so nothing is served to it,
 * with a sentence naming both versions, in the language the client asks for.
 */
export function versionRefusal(
  clientVersion: string | string[] | undefined,
  serverVersion: string,
  acceptLanguage: string | undefined,
): { ok: false; error: ApiErrorBody } | undefined {
  if (clientVersion === undefined) return undefined;
  const client = (Array.isArray(clientVersion) ? clientVersion.join(", ") : clientVersion).trim();
  if (client === serverVersion) return undefined;
  // Whatever the client wrote goes back in the sentence: short, and printable only.
  const shown = client.replace(/[^\x20-\x7e]/g, "?").slice(0, 40) || "?";
  const language = preferredLanguage(acceptLanguage);
  return {
    ok: false,
    error: { code: "FORBIDDEN", reason: "version_mismatch", message: message("version_mismatch", language, { client: shown, server: serverVersion }) },
  };
}

/** French unless the client prefers English (`Accept-Language`, by its q weights); the app's two languages only. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && /^(fr|en)(-|$)/.test(entry.tag))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.startsWith("en") ? "en" : "fr";
}
