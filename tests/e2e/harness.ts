import { spawn, type ChildProcess } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = process.env.JETINFO_DIST ?? join(ROOT, "dist");
const WEB_ENTRY = join(DIST, "web.cjs");
const SERVER_ENTRY = join(DIST, "server.cjs");
/** What a desk of this build sends in `X-Client-Version`. */
export const APP_VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
export const SCREENSHOT_DIR = join(ROOT, "tests/e2e/screenshots");

/** The built app in browser mode on a fresh, empty data folder. */
export interface RunningApp {
  /** The address printed by the server, with `#token=…`. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  api: HttpApi;
  stop(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "jetinfo-e2e-"));
  const child = spawn(process.execPath, [WEB_ENTRY, "--data", dataDir, "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let url: string;
  try {
    url = await waitForUrl(child);
  } catch (error) {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get("token") ?? "";
  return {
    url,
    origin: parsed.origin,
    token,
    dataDir,
    api: new HttpApi(parsed.origin, token),
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return waitForLines(child, { url: /^URL: (\S+)/m }, "web server", 20_000).then(({ url }) => url);
}

/**
 * Resolves once the child printed a line matching each pattern (the first group of each), or
 * rejects with what it printed when it exits first or takes longer than `timeoutMs`. Both pipes
 * stay drained afterwards: a child writing to a full pipe would block.
 */
function waitForLines<K extends string>(child: ChildProcess, patterns: Record<K, RegExp>, what: string, timeoutMs: number): Promise<Record<K, string>> {
  return new Promise((resolveLines, reject) => {
    let stdout = "";
    let stderr = "";
    let settled = false;
    const timer = setTimeout(() => settle(new Error(`${what} printed no ${Object.keys(patterns).join(" and ")} within ${timeoutMs / 1000} s\n${stdout}\n${stderr}`)), timeoutMs);
    function settle(outcome: Error | Record<K, string>) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolveLines(outcome);
    }
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      if (settled) return;
      stdout += chunk;
      const found = {} as Record<K, string>;
      for (const key of Object.keys(patterns) as K[]) {
        const match = patterns[key].exec(stdout);
        if (!match?.[1]) return;
        found[key] = match[1];
      }
      settle(found);
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      if (!settled) stderr += chunk;
    });
    child.once("exit", (code) => settle(new Error(`${what} exited with ${code} before printing its address (run "npm run build" first?)\n${stderr}`)));
  });
}

/** The team server (`dist/server.cjs`) on 127.0.0.1 over HTTPS, with the fingerprint it printed. */
export interface TeamServer {
  /** As printed: `https://127.0.0.1:<port>/`. */
  url: string;
  origin: string;
  /** `<public name or 127.0.0.1>:<port>`: the Host a request to the printed address carries. */
  host: string;
  /** `AB:CD:…` (SHA-256, as `openssl x509 -fingerprint -sha256` and Node's `fingerprint256` write it). */
  fingerprint: string;
  dataDir: string;
  pid: number;
  /** The API as a desk calls it: pinned HTTPS, no launch token, the session in `X-Session-Id`. */
  api: HttpApi;
  stop(): Promise<void>;
}

export interface TeamServerOptions {
  /** A data folder prepared by the caller (kept at the end); default: a fresh one, removed at the end. */
  dataDir?: string;
  /** More command-line options (`--public-host …`). */
  args?: string[];
  /** A start on a large database takes longer (default 20 s). */
  startTimeoutMs?: number;
}

export async function startTeamServer(options: TeamServerOptions = {}): Promise<TeamServer> {
  const owned = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "jetinfo-team-"));
  const child = spawn(process.execPath, ["--max-semi-space-size=64", SERVER_ENTRY, "--data", dataDir, "--listen", "127.0.0.1:0", ...(options.args ?? [])], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const stop = async () => {
    await stopProcess(child);
    if (owned) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const printed = await waitForLines(child, { url: /^URL: (https:\/\/\S+)/m, fingerprint: /^Fingerprint: SHA256:([0-9A-F]{2}(?::[0-9A-F]{2}){31})\s*$/m }, "team server", options.startTimeoutMs ?? 20_000);
    const parsed = new URL(printed.url);
    // Tests reach it at 127.0.0.1 whatever public name it was given.
    const origin = `https://127.0.0.1:${parsed.port}`;
    const agent = await pinnedAgent(origin, printed.fingerprint);
    return {
      url: printed.url,
      origin,
      host: parsed.host,
      fingerprint: printed.fingerprint,
      dataDir,
      pid: child.pid!,
      api: new HttpApi(origin, null, pinnedSend(origin, agent, parsed.host)),
      stop: async () => {
        agent.destroy();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The certificate's fingerprint differs from the pinned one: nothing was sent. */
export class PinMismatchError extends Error {}

/**
 * HTTPS to a server known by its certificate's SHA-256 fingerprint, as a desk that pinned it:
 * a first connection (which sends nothing) fetches the certificate and compares it with the pin;
 * the agent then trusts exactly that certificate (`ca`) and checks the fingerprint again on every
 * connection (`checkServerIdentity`), so TLS verification stays on — no `rejectUnauthorized:
 * false` on any connection that carries a request.
 */
export async function pinnedAgent(origin: string, fingerprint: string, options: { maxSockets?: number } = {}): Promise<HttpsAgent> {
  const { hostname, port } = new URL(origin);
  const raw = await new Promise<Buffer>((resolveCert, reject) => {
    const socket = tlsConnect({ host: hostname, port: Number(port), servername: isIP(hostname) ? undefined : hostname, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate();
      socket.destroy();
      resolveCert(cert.raw);
    });
    socket.once("error", reject);
  });
  const presented = new X509Certificate(raw).fingerprint256;
  if (presented !== fingerprint) throw new PinMismatchError(`the server presents the certificate ${presented}, not the pinned ${fingerprint}`);
  const pem = `-----BEGIN CERTIFICATE-----\n${raw.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`;
  return new HttpsAgent({
    keepAlive: true,
    maxSockets: options.maxSockets,
    ca: pem,
    checkServerIdentity: (_host, cert) => (cert.fingerprint256 === fingerprint ? undefined : new PinMismatchError(`certificate ${cert.fingerprint256} is not the pinned ${fingerprint}`)),
  });
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}
export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Abandon the request after this long (default 30 s). */
  timeoutMs?: number;
}
/** Sends one request to a path of the server and reads the whole answer. */
export type Send = (path: string, request: RawRequest) => Promise<RawResponse>;

/**
 * Through the pinned agent to `origin` (an address), with `Host` as a desk that knows the server by
 * `host` (its public name) sends it; a request may carry another (the DNS-rebinding checks).
 */
export function pinnedSend(origin: string, agent: HttpsAgent, host?: string): Send {
  return (path, request) =>
    new Promise((resolveResponse, reject) => {
      const headers = { ...(host ? { Host: host } : {}), ...request.headers };
      const req = httpsRequest(new URL(path, origin), { method: request.method ?? "GET", headers, agent, timeout: request.timeoutMs ?? 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`${path}: no answer within ${(request.timeoutMs ?? 30_000) / 1000} s`)));
      req.on("error", reject);
      req.end(request.body);
    });
}

/** The loopback server's plain HTTP, through Node's fetch. */
function fetchSend(origin: string): Send {
  return async (path, request) => {
    const response = await fetch(new URL(path, origin), { method: request.method ?? "GET", headers: request.headers, body: request.body, signal: AbortSignal.timeout(request.timeoutMs ?? 30_000) });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timeout = new Promise<"timeout">((done) => setTimeout(() => done("timeout"), 5_000));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}

/**
 * Debian's Chromium, headless, with nothing that would reach the network on its own. `extraArgs`:
 * e.g. `--host-resolver-rules=MAP crm.example 127.0.0.1`, a LAN name that leads to this machine.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", ...extraArgs],
  });
}

/**
 * A fresh context (own sessionStorage) at a desk-sized window. `ignoreHTTPSErrors` for the team
 * server's self-signed certificate (a desk pins it; the page's tests are about the screens).
 */
export async function openPage(browser: Browser, options: { ignoreHTTPSErrors?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "fr-CH", timezoneId: "Europe/Zurich", ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false });
  const page = await context.newPage();
  return { context, page };
}

/**
 * A desk signed in through the login screen: its own browser context (its own session), kept in
 * `contexts` for the test file to close.
 */
export async function signedInPage(
  browser: Browser,
  url: string,
  user: { username: string; password: string },
  contexts: BrowserContext[],
  options: { ignoreHTTPSErrors?: boolean; timeoutMs?: number } = {},
): Promise<Page> {
  const { context, page } = await openPage(browser, options);
  contexts.push(context);
  page.setDefaultTimeout(options.timeoutMs ?? 10_000);
  await page.goto(url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(user.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
  return page;
}

/** In-app navigation (the hash router), keeping the tab's session. */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#${path}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; field?: string; reason?: string } };

/**
 * Calls the API the way the renderer does, to arrange a test's data quickly: the loopback server
 * with its launch token, or the team server (no token: `token` null) over pinned HTTPS.
 */
export class HttpApi {
  private readonly send: Send;

  constructor(
    readonly origin: string,
    readonly token: string | null,
    send?: Send,
  ) {
    this.send = send ?? fetchSend(origin);
  }

  /** Any request, answered as it came (status, headers, body): for the transport's own refusals. */
  raw(path: string, request: RawRequest = {}): Promise<RawResponse> {
    return this.send(path, request);
  }

  async call(name: string, input: unknown = {}, sessionId?: string, extraHeaders: Record<string, string> = {}): Promise<Envelope> {
    const headers: Record<string, string> = { "Content-Type": "application/json", ...extraHeaders };
    if (this.token !== null) headers.Authorization = `Bearer ${this.token}`;
    else headers["X-Client-Version"] = APP_VERSION;
    if (sessionId) headers["X-Session-Id"] = sessionId;
    // events.wait is held by the server up to 25 s.
    const response = await this.send(`/api/${name}`, { method: "POST", headers, body: JSON.stringify(input), timeoutMs: 40_000 });
    try {
      return JSON.parse(response.body) as Envelope;
    } catch {
      throw new Error(`${name}: HTTP ${response.status}, not an envelope: ${response.body.slice(0, 200)}`);
    }
  }

  /** Like `call`, but returns the value and throws on a refusal. */
  async value<T = unknown>(name: string, input: unknown = {}, sessionId?: string): Promise<T> {
    const envelope = await this.call(name, input, sessionId);
    if (!envelope.ok) throw new Error(`${name} refused: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value as T;
  }

  async createAdmin(username: string, password: string, displayName = "Admin"): Promise<string> {
    const { sessionId } = await this.value<{ sessionId: string }>("setup.createAdmin", { username, displayName, password });
    return sessionId;
  }

  async login(username: string, password: string): Promise<string> {
    const { sessionId } = await this.value<{ sessionId: string }>("session.login", { username, password });
    return sessionId;
  }

  async createUser(adminSession: string, user: { username: string; displayName: string; role: string; password: string; language?: string }): Promise<void> {
    await this.value("users.create", user, adminSession);
  }
}

/** Where each needle is drawn inside `root`: its box, and the left edges of its first and last letters. */
export async function boxesOf(page: Page, rootSelector: string, needles: string[]): Promise<{ left: number; right: number; top: number; firstChar: number; lastChar: number }[]> {
  return page.evaluate(
    ({ selector, texts }) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`nothing matches ${selector}`);
      return texts.map((needle) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf(needle) ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + needle.length);
          const whole = range.getBoundingClientRect();
          range.setEnd(node, at + 1);
          const first = range.getBoundingClientRect().left;
          range.setStart(node, at + needle.length - 1);
          range.setEnd(node, at + needle.length);
          return { left: whole.left, right: whole.right, top: whole.top, firstChar: first, lastChar: range.getBoundingClientRect().left };
        }
        throw new Error(`no text holds ${needle}`);
      });
    },
    { selector: rootSelector, texts: needles },
  );
}
