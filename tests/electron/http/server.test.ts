import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { version } from "../../../package.json";
import { startHttpTransport, type HttpTransport } from "../../../electron/http/server";
import { openTestApi, scratchDir } from "../../fixtures/database";

let api: ReturnType<typeof openTestApi>;
let transport: HttpTransport;
let staticDir: ReturnType<typeof scratchDir>;

beforeAll(async () => {
  api = openTestApi();
  staticDir = scratchDir();
  mkdirSync(join(staticDir.dir, "renderer", "assets"), { recursive: true });
  writeFileSync(join(staticDir.dir, "renderer", "index.html"), "<!doctype html><title>Jet Info CRM</title>");
  writeFileSync(join(staticDir.dir, "renderer", "assets", "app.js"), "console.log(1)");
  writeFileSync(join(staticDir.dir, "secret.txt"), "outside the web root");
  transport = await startHttpTransport({ dispatch: api.dispatcher.dispatch, staticDir: join(staticDir.dir, "renderer"), maxBodyBytes: 4096 });
});
afterAll(async () => {
  await transport.close();
  api.cleanup();
  staticDir.remove();
});

/** A raw request, so tests can send the headers a browser or an attacker would. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: transport.port, path, method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const apiHeaders = () => ({ Authorization: `Bearer ${transport.token}`, "Content-Type": "application/json" });

describe("loopback HTTP transport", () => {
  it("listens on 127.0.0.1 and prints the address with the token in the fragment", () => {
    expect(transport.url).toBe(`http://127.0.0.1:${transport.port}/#token=${transport.token}`);
    expect(transport.token.length).toBeGreaterThanOrEqual(40);
  });

  it("serves the renderer with a strict CSP and refuses paths outside it", async () => {
    const page = await send("/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Jet Info CRM");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    expect((await send("/assets/app.js")).headers["content-type"]).toMatch(/javascript/);
    for (const path of ["/../secret.txt", "/assets/..%2f..%2fsecret.txt", "/%2e%2e/secret.txt", "/assets%5c..%5c..%5csecret.txt"]) {
      const res = await send(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain("outside the web root");
    }
  });

  it("runs an operation and returns the envelope; the session travels in X-Session-Id", async () => {
    const status = await send("/api/setup.status", { method: "POST", headers: apiHeaders(), body: "{}" });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toEqual({ ok: true, value: { needsAdmin: true } });

    const created = JSON.parse(
      (await send("/api/setup.createAdmin", { method: "POST", headers: apiHeaders(), body: JSON.stringify({ username: "admin", displayName: "Admin", password: "correct horse battery" }) })).body,
    );
    expect(created.ok).toBe(true);
    const me = await send("/api/session.me", { method: "POST", headers: { ...apiHeaders(), "X-Session-Id": created.value.sessionId }, body: "{}" });
    expect(JSON.parse(me.body)).toMatchObject({ ok: true, value: { user: { username: "admin" } } });
    const anonymous = await send("/api/session.me", { method: "POST", headers: apiHeaders(), body: "{}" });
    expect(anonymous.status).toBe(200);
    expect(JSON.parse(anonymous.body)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("answers 401 without the launch token or with a wrong one", async () => {
    expect((await send("/api/setup.status", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status).toBe(401);
    const wrong = await send("/api/setup.status", { method: "POST", headers: { Authorization: "Bearer nope", "Content-Type": "application/json" }, body: "{}" });
    expect(wrong.status).toBe(401);
  });

  it("refuses a foreign Host (DNS rebinding) and a foreign Origin (cross-site)", async () => {
    const rebound = await send("/api/setup.status", { method: "POST", headers: { ...apiHeaders(), Host: `evil.example:${transport.port}` }, body: "{}" });
    expect(rebound.status).toBe(421);
    expect((await send("/", { headers: { Host: "evil.example" } })).status).toBe(421);
    const crossSite = await send("/api/setup.status", { method: "POST", headers: { ...apiHeaders(), Origin: "https://evil.example" }, body: "{}" });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await send("/api/setup.status", { method: "POST", headers: { ...apiHeaders(), Origin: `http://127.0.0.1:${transport.port}` }, body: "{}" });
    expect(sameOrigin.status).toBe(200);
  });

  it("refuses an oversize body with 413, malformed JSON with 400, and non-JSON with 415", async () => {
    const big = JSON.stringify({ q: "x".repeat(10_000) });
    expect((await send("/api/setup.status", { method: "POST", headers: apiHeaders(), body: big })).status).toBe(413);
    const malformed = await send("/api/setup.status", { method: "POST", headers: apiHeaders(), body: '{"username": ' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error).toBe("Malformed JSON body");
    const form = await send("/api/setup.status", { method: "POST", headers: { ...apiHeaders(), "Content-Type": "text/plain" }, body: "{}" });
    expect(form.status).toBe(415);
    expect((await send("/api/setup.status", { method: "GET", headers: apiHeaders() })).status).toBe(405);
  });

  it("refuses a page of another build (X-Client-Version) with 409 and serves its own", async () => {
    const other = await send("/api/setup.status", { method: "POST", headers: { ...apiHeaders(), "X-Client-Version": "0.0.1-old" }, body: "{}" });
    expect(other.status).toBe(409);
    expect(JSON.parse(other.body)).toMatchObject({ ok: false, error: { code: "FORBIDDEN", reason: "version_mismatch" } });
    const same = await send("/api/setup.status", { method: "POST", headers: { ...apiHeaders(), "X-Client-Version": version }, body: "{}" });
    expect(same.status).toBe(200);
  });

  it("passes unknown operations to the dispatcher, which names them", async () => {
    const res = await send("/api/people.teleport", { method: "POST", headers: apiHeaders(), body: "{}" });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await send("/api/../../etc", { method: "POST", headers: apiHeaders(), body: "{}" })).status).toBe(404);
  });
});
