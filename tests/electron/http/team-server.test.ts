import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { request, type RequestOptions } from "node:https";
import { connect } from "node:tls";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { version } from "../../../package.json";
import { ADDRESS_THROTTLE } from "../../../electron/api/login-throttle";
import { startTeamServer, type TeamServer } from "../../../electron/team/start";
import { MIGRATIONS_DIR, scratchDir } from "../../fixtures/database";

/**
 * The team server in this process, as `npm run server` composes it (electron/team/start.ts): a real
 * data folder opened by openHost, its own certificate, the real dispatcher behind the HTTPS
 * transport on 127.0.0.1, under the name desks use. Every request verifies the server's
 * certificate (`ca`), as a desk's pinned connection does.
 */
const PUBLIC_HOST = "crm-srv.test";
const PASSWORD = "correct horse battery";

let folder: ReturnType<typeof scratchDir>;
let server: TeamServer;
let firstFingerprint: string;
let firstCreated: boolean;
let clock = Date.UTC(2026, 10, 25, 9, 0, 0);

async function start(): Promise<TeamServer> {
  return startTeamServer({
    dataDir: join(folder.dir, "data"),
    migrationsDir: MIGRATIONS_DIR,
    staticDir: join(folder.dir, "renderer"),
    listenAddress: "127.0.0.1",
    port: 0,
    publicHost: PUBLIC_HOST,
    scheduleBackups: false,
    now: () => clock,
  });
}

beforeAll(async () => {
  folder = scratchDir();
  mkdirSync(join(folder.dir, "renderer"));
  writeFileSync(join(folder.dir, "renderer", "index.html"), "<!doctype html><title>Jet Info CRM</title>");
  // Started, stopped and started again: the second start must find the first one's certificate.
  const first = await start();
  firstFingerprint = first.fingerprint;
  firstCreated = first.certificateCreated;
  await first.close();
  server = await start();
});
afterAll(async () => {
  await server?.close();
  folder.remove();
});

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

/** A raw HTTPS request to the server, verifying its certificate, with the headers a desk, a browser or an attacker would send. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<Answer> {
  const port = server.transport.port;
  const settings: RequestOptions = {
    host: "127.0.0.1",
    port,
    path,
    method: options.method ?? "GET",
    ca: certificatePem(),
    servername: PUBLIC_HOST,
    localAddress: options.localAddress,
    headers: { Host: `${PUBLIC_HOST}:${port}`, ...options.headers },
    agent: false,
  };
  return new Promise((resolve, reject) => {
    const req = request(settings, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** What a desk trusts: the certificate as the server keeps it. */
function certificatePem(): string {
  return readFileSync(join(folder.dir, "data", "tls", "server.crt"), "utf8");
}

function call(operation: string, input: unknown, extra: { session?: string; headers?: Record<string, string>; localAddress?: string } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json", ...extra.headers };
  if (extra.session) headers["X-Session-Id"] = extra.session;
  return send(`/api/${operation}`, { method: "POST", headers, body: JSON.stringify(input), localAddress: extra.localAddress });
}

async function envelope(operation: string, input: unknown, extra: Parameters<typeof call>[2] = {}) {
  const answer = await call(operation, input, extra);
  expect(answer.status, answer.body).toBe(200);
  return JSON.parse(answer.body) as { ok: boolean; value?: any; error?: { code: string; reason?: string; message: string } };
}

describe("team server certificate", () => {
  it("is made on the first start, kept in <data>/tls with a private key only the server's account reads, and reused on the next", () => {
    expect(firstCreated).toBe(true);
    expect(server.certificateCreated).toBe(false);
    expect(server.fingerprint).toBe(firstFingerprint);
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(statSync(join(folder.dir, "data", "tls", "server.key")).mode & 0o777).toBe(0o600);
  });

  it("is the certificate the TLS socket presents: the fingerprint printed is the one a desk sees", async () => {
    const presented = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port: server.transport.port, servername: PUBLIC_HOST, ca: certificatePem() }, () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      });
      socket.on("error", reject);
    });
    expect(presented).toBe(server.fingerprint);
    expect(server.url).toBe(`https://${PUBLIC_HOST}:${server.transport.port}/`);
  });
});

describe("team transport over HTTPS", () => {
  it("serves the page under the public name and the listen address, with HSTS, and refuses another Host (DNS rebinding) with 421", async () => {
    const port = server.transport.port;
    const page = await send("/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Jet Info CRM");
    expect(page.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect((await send("/", { headers: { Host: `127.0.0.1:${port}` } })).status).toBe(200);
    for (const host of [`rebind.attacker.example:${port}`, `localhost:${port}`, PUBLIC_HOST, `${PUBLIC_HOST}:1`]) {
      const refused = await send("/api/setup.status", { method: "POST", headers: { Host: host, "Content-Type": "application/json" }, body: "{}" });
      expect(refused.status, host).toBe(421);
      // The refusal is HTTPS too: the browser keeps to it.
      expect(refused.headers["strict-transport-security"]).toBe("max-age=31536000");
    }
  });

  it("refuses a foreign Origin with 403 and serves its own", async () => {
    const port = server.transport.port;
    for (const origin of ["https://evil.example", `http://${PUBLIC_HOST}:${port}`, `https://${PUBLIC_HOST}.evil.example:${port}`]) {
      expect((await call("setup.status", {}, { headers: { Origin: origin } })).status, origin).toBe(403);
    }
    expect((await call("setup.status", {}, { headers: { Origin: `https://${PUBLIC_HOST}:${port}` } })).status).toBe(200);
    expect((await call("setup.status", {}, { headers: { Origin: `https://127.0.0.1:${port}` } })).status).toBe(200);
  });

  it("needs no launch token: a session from the login is the only key, and an API call without one is UNAUTHENTICATED", async () => {
    expect(await envelope("setup.status", {})).toEqual({ ok: true, value: { needsAdmin: true } });
    expect(await envelope("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: PASSWORD })).toMatchObject({ ok: true });
    // An Authorization header is not a key here: with or without one, no session is no service.
    for (const headers of [{}, { Authorization: "Bearer anything" }] as Record<string, string>[]) {
      expect(await envelope("people.search", { q: "dupont" }, { headers })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", reason: "not_logged_in" } });
    }
    const login = await envelope("session.login", { username: "admin", password: PASSWORD });
    expect(login).toMatchObject({ ok: true, value: { user: { username: "admin" } } });
    const session = login.value.sessionId as string;
    expect(await envelope("session.me", {}, { session })).toMatchObject({ ok: true, value: { user: { username: "admin" }, locked: false } });
    expect(await envelope("people.search", { q: "dupont" }, { session })).toEqual({ ok: true, value: [] });
  });

  it("locks an idle session and ends one past its lifetime, as on a desk", async () => {
    const session = (await envelope("session.login", { username: "admin", password: PASSWORD })).value.sessionId as string;
    clock += 16 * 60_000; // the default lock delay is 15 minutes
    expect(await envelope("people.search", { q: "x" }, { session })).toMatchObject({ ok: false, error: { code: "LOCKED" } });
    expect(await envelope("session.unlock", { password: PASSWORD }, { session })).toMatchObject({ ok: true });
    clock += 12 * 3_600_000; // the default lifetime is 12 hours
    expect(await envelope("session.me", {}, { session })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", reason: "session_expired" } });
  });

  it("refuses a client of another version with 409 and a sentence naming both versions, in the client's language", async () => {
    const other = await call("setup.status", {}, { headers: { "X-Client-Version": "0.0.9" } });
    expect(other.status).toBe(409);
    const refusal = JSON.parse(other.body);
    expect(refusal).toMatchObject({ ok: false, error: { code: "FORBIDDEN", reason: "version_mismatch" } });
    expect(refusal.error.message).toContain("0.0.9");
    expect(refusal.error.message).toContain(version);
    expect(refusal.error.message).toMatch(/serveur d'équipe/);
    const english = JSON.parse((await call("setup.status", {}, { headers: { "X-Client-Version": "0.0.9", "Accept-Language": "en-GB,en;q=0.9,fr;q=0.5" } })).body);
    expect(english.error.message).toBe(`This desk runs Jet Info CRM 0.0.9 and the team server runs ${version}: both must run the same version. Ask an administrator.`);
    // The same version, or none (curl, a probe), is served.
    expect(await envelope("setup.status", {}, { headers: { "X-Client-Version": version } })).toMatchObject({ ok: true });
    expect(await envelope("setup.status", {})).toMatchObject({ ok: true });
  });

  it("throttles logins per source address: many names from one address, then even the right password waits; another address does not", async () => {
    // Made-up names, one attempt each: the throttle per name never sees a second failure.
    const wrong: unknown[] = [];
    for (let i = 0; i <= ADDRESS_THROTTLE.freeFailures; i++) wrong.push(await envelope("session.login", { username: `guess-${i}`, password: "Winter2026!" }));
    expect(wrong[0]).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", reason: "bad_credentials" } });
    expect(new Set(wrong.map((answer) => JSON.stringify(answer))).size).toBe(1);
    // The same answer as a wrong password: the address learns nothing, not even that it is held back.
    expect(await envelope("session.login", { username: "admin", password: PASSWORD })).toEqual(wrong[0]);
    // Another machine (127.0.0.2 is this one's loopback too, a different source address) logs in.
    expect(await envelope("session.login", { username: "admin", password: PASSWORD }, { localAddress: "127.0.0.2" })).toMatchObject({ ok: true });
    // Once the delay has passed, the first address gets in with the right password.
    clock += 1_000;
    expect(await envelope("session.login", { username: "admin", password: PASSWORD })).toMatchObject({ ok: true });
    // Fourteen password checks at full cost (scrypt), a second or more each on a busy machine.
  }, 120_000);
});
