import { createReadStream, statSync } from "node:fs";
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { version as packageVersion } from "../../package.json";
import type { Dispatch } from "../api/dispatcher";
import { DOWNLOAD_PREFIX, serveExportDownload } from "../export/download";
import { CONTENT_SECURITY_POLICY, contentType, resolveStaticPath } from "../static-files";
import { versionRefusal } from "./client-version";

export interface HttpTransportOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 or undefined: a free port chosen by the system. */
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface HttpTransport {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * What tells the two HTTP transports apart; everything else (the API's body reading, the static
 * files, the refusals) is the same code. The loopback one (below) has a launch token and answers
 * on 127.0.0.1; the team server (team-server.ts) has none, speaks HTTPS on the LAN and adds HSTS.
 */
export interface RequestPolicy {
  dispatch: Dispatch;
  staticDir: string;
  maxBodyBytes?: number;
  /** The `Host` values served, lower case (read once the port is known): any other is a DNS-rebinding name, 421. */
  hosts: () => readonly string[];
  /** The `Origin` values allowed (a request without one is not a cross-site page's): any other, 403. */
  origins: () => readonly string[];
  /** The per-launch token the API wants as `Authorization: Bearer …`; none on the team server (login and session only). */
  token?: string;
  /** Sent with every answer, refusals included (the team server's HSTS). */
  headers?: Readonly<Record<string, string>>;
  /** This server's version; a request whose `X-Client-Version` differs is refused (client-version.ts). Default: package.json's. */
  version?: string;
}

// `area.verb`, or `area.group.verb` (privacy.requests.create); the dispatcher knows which exist.
const OPERATION_PATH = /^\/api\/([a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z]*){1,2})$/;

/**
 * The browser transport: the renderer and `POST /api/<operation>` on 127.0.0.1 only. A page from
 * another site cannot call it (Origin check), a rebinding DNS name cannot reach it (Host check),
 * and another local program needs the per-launch token.
 */
export function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const token = options.token ?? randomBytes(32).toString("base64url");
  let port = 0;
  const hosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const server = createServer(
    handleRequests({ dispatch: options.dispatch, staticDir: options.staticDir, maxBodyBytes: options.maxBodyBytes, token, hosts, origins: () => hosts().map((h) => `http://${h}`) }),
  );

  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      port = (server.address() as AddressInfo).port;
      resolvePromise({
        url: `http://127.0.0.1:${port}/#token=${token}`,
        port,
        token,
        close: () => closeServer(server),
      });
    });
  });
}

/** Stops listening and ends the open connections (keep-alive, held live-update calls) at once. */
export function closeServer(server: { closeAllConnections(): void; close(callback: () => void): unknown }): Promise<void> {
  return new Promise<void>((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });
}

/** The request handler both HTTP transports run, under their own policy. */
export function handleRequests(policy: RequestPolicy): RequestListener {
  const tokenBytes = policy.token === undefined ? undefined : Buffer.from(`Bearer ${policy.token}`);
  const maxBody = policy.maxBodyBytes ?? 1024 * 1024;
  const version = policy.version ?? packageVersion;

  const listener: RequestListener = (req, res) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("Cache-Control", "no-store");
    for (const [name, value] of Object.entries(policy.headers ?? {})) res.setHeader(name, value);
    if (!policy.hosts().includes((req.headers.host ?? "").toLowerCase())) return refuse(res, 421, "Host not allowed");
    const origin = req.headers.origin;
    if (origin !== undefined && !policy.origins().includes(origin.toLowerCase())) return refuse(res, 403, "Origin not allowed");

    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path.startsWith("/api/")) return handleApi(req, res, path);
    if (path.startsWith(DOWNLOAD_PREFIX)) return serveExportDownload(req, res, path);
    if (req.method !== "GET" && req.method !== "HEAD") return refuse(res, 405, "Method not allowed");
    serveStatic(req, res, path);
  };

  function handleApi(req: IncomingMessage, res: ServerResponse, path: string) {
    if (req.method !== "POST") return refuse(res, 405, "Use POST");
    if (tokenBytes) {
      const auth = Buffer.from(req.headers.authorization ?? "");
      if (auth.length !== tokenBytes.length || !timingSafeEqual(auth, tokenBytes)) return refuse(res, 401, "Missing or wrong launch token");
    }
    const mismatch = versionRefusal(req.headers["x-client-version"], version, req.headers["accept-language"]);
    if (mismatch) {
      res.writeHead(409, { "Content-Type": "application/json; charset=utf-8" });
      return res.end(JSON.stringify(mismatch));
    }
    const match = OPERATION_PATH.exec(path);
    if (!match) return refuse(res, 404, "Unknown API path; use /api/<area>.<verb>");
    if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
      return refuse(res, 415, "Content-Type must be application/json");
    }
    if (Number(req.headers["content-length"] ?? 0) > maxBody) return refuse(res, 413, `Body larger than ${maxBody} bytes`);

    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody && !aborted) {
        aborted = true;
        refuse(res, 413, `Body larger than ${maxBody} bytes`);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      if (aborted) return;
      const raw = Buffer.concat(chunks).toString("utf8");
      let input: unknown = {};
      if (raw.trim() !== "") {
        try {
          input = JSON.parse(raw);
        } catch {
          // JSON.parse's own text quotes the body: it stays out of the answer.
          return refuse(res, 400, "Malformed JSON body");
        }
      }
      const sessionHeader = req.headers["x-session-id"];
      const sessionId = typeof sessionHeader === "string" ? sessionHeader : undefined;
      void policy.dispatch(match[1] as string, input, { sessionId, remoteAddress: peerAddress(req) }).then((envelope) => {
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(envelope));
      });
    });
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, path: string) {
    const file = resolveStaticPath(policy.staticDir, path);
    if (!file) return refuse(res, 400, "Bad path");
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return refuse(res, 404, "Not found");
      size = stat.size;
    } catch {
      return refuse(res, 404, "Not found");
    }
    res.writeHead(200, {
      "Content-Type": contentType(file),
      "Content-Length": size,
      "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      "X-Frame-Options": "DENY",
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  }

  return listener;
}

/** The socket's peer, an IPv4 client as `10.0.0.7` rather than its IPv6-mapped `::ffff:10.0.0.7`. */
function peerAddress(req: IncomingMessage): string | undefined {
  const address = req.socket.remoteAddress;
  return address?.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

function refuse(res: ServerResponse, status: number, message: string) {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", Connection: "close" });
  res.end(JSON.stringify({ error: message }));
}
