import type { IncomingMessage } from "node:http";
import { Agent, request } from "node:https";
import { Readable } from "node:stream";
import type { TLSSocket } from "node:tls";
import { version as packageVersion } from "../../package.json";
import { isEnvelope, type ApiErrorBody, type Envelope } from "../../common/envelope";
import { message, type Reason } from "../../common/messages";
import type { Dispatch } from "../api/dispatcher";
import { DOWNLOAD_PREFIX } from "../export/jobs";
import { dialTarget, networkReason, trustProblem, type TeamTrust } from "./team-tls";

/**
 * A desk in team mode: the renderer's calls, which the IPC transport (or the browser mode's
 * loopback server) hands to a `Dispatch`, go to the team server as `POST /api/<operation>` over
 * HTTPS. The preload, the renderer and the IPC transport do not know the difference.
 *
 * Trust: every new connection is checked after its TLS handshake and before the request is
 * written — its certificate's SHA-256 must be the one pinned for this desk, or (with a company CA)
 * it must be signed by that CA and carry the server's name. A refused connection is closed with
 * nothing sent: no operation name, no session, no password.
 */

export interface ForwarderOptions {
  /** `https://host:port/`, as common/team-address.ts normalises it. */
  url: string;
  trust: TeamTrust;
  /** Sent as X-Client-Version: the server refuses a desk of another version, naming both. */
  clientVersion?: string;
  /** At least 35 s: `events.wait` is held by the server up to 25 s. */
  timeoutMs?: number;
  /** An answer larger than this is dropped (a bound on memory, far above any page of results). */
  maxAnswerBytes?: number;
  /** Told about each transport failure (its reason and Node's code, never a body), for the desk's log. */
  onFailure?: (reason: Reason, code: string | undefined, operation: string) => void;
}

export interface Forwarder {
  dispatch: Dispatch;
  /** `GET /exports/download/<key>` from the server: a team desk's manager saves the export the server wrote. */
  download(path: string): Promise<Response>;
  /** Drops the idle keep-alive connections; calls still running finish or fail. */
  close(): void;
}

export const FORWARD_TIMEOUT_MS = 40_000;
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;
// The loopback and team servers' pattern (electron/http/server.ts): a name is never a path.
const OPERATION_NAME = /^[a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z]*){1,2}$/;
// A download key is base64url (electron/export/jobs.ts): the path can name nothing else on the server.
const DOWNLOAD_PATH = new RegExp(`^${DOWNLOAD_PREFIX}[A-Za-z0-9_-]{1,100}$`);
/** What the save dialog needs from the server's answer; nothing else of it reaches the page. */
const PASSED_ON_HEADERS = ["content-type", "content-length", "content-disposition", "cache-control", "x-content-type-options"] as const;

/** A refusal the desk makes itself: French by default; the page words it again by reason. */
export function deskRefusal(reason: Reason, code: ApiErrorBody["code"] = "INTERNAL"): { ok: false; error: ApiErrorBody } {
  return { ok: false, error: { code, reason, message: message(reason, "fr") } };
}

class TeamTransportError extends Error {
  constructor(
    readonly reason: Reason,
    readonly code?: string,
  ) {
    super(reason);
  }
}

export function createForwarder(options: ForwarderOptions): Forwarder {
  const base = options.url;
  const target = dialTarget(base);
  const trust = options.trust;
  const clientVersion = options.clientVersion ?? packageVersion;
  const timeoutMs = Math.max(options.timeoutMs ?? FORWARD_TIMEOUT_MS, 1);
  const maxAnswer = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  // Node's own verification runs (with the company CA, when one is given) but never closes the
  // connection itself: trustProblem() decides, after the handshake and before the request. No TLS
  // session cache, so every new connection shows its certificate afresh.
  const agent = new Agent({
    keepAlive: true,
    maxCachedSessions: 0,
    rejectUnauthorized: false,
    ...(trust.kind === "ca" ? { ca: trust.certificate } : {}),
  });
  const verified = new WeakSet<TLSSocket>();

  /**
   * One request to the server on a verified connection: the answer's head and its body as a stream.
   * Nothing is written until the connection is known to be the desk's server: the headers and body
   * go out with end(), and end() waits for this check.
   */
  function send(method: "GET" | "POST", path: string, headers: Record<string, string | number>, body?: string): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      let refused: TeamTransportError | undefined;
      const req = request({ ...target, path, method, headers: { ...headers, "X-Client-Version": clientVersion }, agent });
      req.once("socket", (raw) => {
        const socket = raw as TLSSocket;
        if (verified.has(socket)) return void req.end(body);
        socket.once("secureConnect", () => {
          const problem = trustProblem(socket, trust);
          if (problem) {
            refused = new TeamTransportError(problem);
            req.destroy(refused);
            socket.destroy();
            return;
          }
          verified.add(socket);
          req.end(body);
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(new TeamTransportError("team_timeout", "TEAM_TIMEOUT")));
      req.once("error", (error) => reject(refused ?? error));
      req.once("response", resolve);
    });
  }

  async function post(name: string, body: string, sessionId: string | undefined): Promise<{ status: number; text: string }> {
    const headers: Record<string, string | number> = { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) };
    if (sessionId) headers["X-Session-Id"] = sessionId;
    const response = await send("POST", `/api/${name}`, headers, body);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxAnswer) response.destroy(new TeamTransportError("team_bad_answer"));
        else chunks.push(chunk);
      });
      response.once("error", reject);
      response.once("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
  }

  /**
   * A finished export, fetched from the server on the pinned connection and streamed on: the file
   * lives on the server, and the 256-bit key in the path (given only to the session that started
   * the export) is what authorises it there, as on the loopback server.
   */
  async function download(path: string): Promise<Response> {
    if (!DOWNLOAD_PATH.test(path)) return new Response("No such export", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    try {
      const response = await send("GET", path, {});
      const headers = new Headers();
      for (const name of PASSED_ON_HEADERS) {
        const value = response.headers[name];
        if (typeof value === "string") headers.set(name, value);
      }
      return new Response(Readable.toWeb(response) as unknown as ReadableStream, { status: response.statusCode ?? 502, headers });
    } catch (error) {
      const reason = error instanceof TeamTransportError ? error.reason : networkReason(error);
      options.onFailure?.(reason, error instanceof TeamTransportError ? error.code : (error as { code?: string } | null)?.code, "exports.download");
      return new Response(message(reason, "fr"), { status: 502, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
  }

  const dispatch: Dispatch = async (name, input, call = {}) => {
    if (!OPERATION_NAME.test(name)) {
      return { ok: false, error: { code: "NOT_FOUND", reason: "unknown_operation", message: message("unknown_operation", "fr", { name: name.slice(0, 100) }) } };
    }
    let answer: { status: number; text: string };
    try {
      answer = await post(name, JSON.stringify(input ?? {}), call.sessionId);
    } catch (error) {
      const reason = error instanceof TeamTransportError ? error.reason : networkReason(error);
      const code = error instanceof TeamTransportError ? error.code : (error as { code?: string } | null)?.code;
      options.onFailure?.(reason, code, name);
      return deskRefusal(reason);
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      body = undefined;
    }
    // A version refusal (409), a throttled login, any dispatcher answer: passed on as it came.
    if (isEnvelope(body)) return body as Envelope<unknown>;
    options.onFailure?.("team_bad_answer", `HTTP ${answer.status}`, name);
    return deskRefusal("team_bad_answer");
  };

  return { dispatch, download, close: () => agent.destroy() };
}
