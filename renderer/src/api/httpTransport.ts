import type { ApiErrorBody, Envelope } from "../../../common/envelope";
import { isEnvelope } from "./envelope";
import type { Transport } from "./transport";

const SESSION_KEY = "jetinfo.sessionId";

/** Operations whose successful result opens a session. */
const OPENS_SESSION = new Set(["session.login", "setup.createAdmin"]);

/**
 * Browser mode: `POST /api/<name>` to the server that served the page — the loopback server (with
 * its launch token) or the team server (no token: login and session only). Electron's main process
 * binds the session to the window; here this transport plays that part, so the rest of the
 * renderer never handles a session id. Every call names this build's version, which the team
 * server checks against its own.
 */
export function httpTransport(token: string | null, options: { forgetSession: boolean }): Transport {
  if (options.forgetSession) sessionStorage.removeItem(SESSION_KEY);
  let sessionId = sessionStorage.getItem(SESSION_KEY);

  const setSession = (id: string | null) => {
    sessionId = id;
    if (id) sessionStorage.setItem(SESSION_KEY, id);
    else sessionStorage.removeItem(SESSION_KEY);
  };

  return async (name, input) => {
    const headers: Record<string, string> = { "Content-Type": "application/json", "X-Client-Version": __APP_VERSION__ };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (sessionId) headers["X-Session-Id"] = sessionId;

    let envelope: Envelope<unknown>;
    try {
      const response = await fetch(`/api/${name}`, { method: "POST", headers, body: JSON.stringify(input ?? {}) });
      const body = (await response.json().catch(() => null)) as unknown;
      envelope = isEnvelope(body) ? body : transportFailure(response.status, body);
    } catch {
      envelope = { ok: false, error: { code: "INTERNAL", reason: "unreachable", message: "The application server does not answer." } };
    }

    if (envelope.ok && OPENS_SESSION.has(name)) {
      const opened = (envelope.value as { sessionId?: unknown }).sessionId;
      if (typeof opened === "string") setSession(opened);
    }
    if (name === "session.logout") setSession(null);
    if (!envelope.ok && envelope.error.code === "UNAUTHENTICATED" && envelope.error.reason !== "bad_credentials" && name !== "session.login") {
      setSession(null);
    }
    return envelope;
  };
}

/** The server refused the request before the dispatcher (token, host, size): not an envelope. */
function transportFailure(status: number, body: unknown): { ok: false; error: ApiErrorBody } {
  const detail = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  return {
    ok: false,
    error: {
      code: "INTERNAL",
      reason: status === 401 ? "launch_token" : "transport",
      message: `HTTP ${status}${typeof detail === "string" ? `: ${detail}` : ""}`,
    },
  };
}
