import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppProtocolHandler } from "../../electron/protocol";
import { CONTENT_SECURITY_POLICY } from "../../electron/static-files";

let root: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  // A secret next to the renderer folder: what a traversal would try to read.
  root = mkdtempSync(join(tmpdir(), "jetinfo-protocol-"));
  writeFileSync(join(root, "secret.txt"), "not for the page");
  const renderer = join(root, "renderer");
  mkdirSync(join(renderer, "assets"), { recursive: true });
  writeFileSync(join(renderer, "index.html"), "<!doctype html><title>Jet Info CRM</title>");
  writeFileSync(join(renderer, "assets", "app.js"), "console.log('hi')");
  serve = createAppProtocolHandler(renderer);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("app:// protocol", () => {
  it("serves index.html with its type and the Content-Security-Policy", async () => {
    for (const url of ["app://crm/index.html", "app://crm/"]) {
      const response = await serve(new Request(url));
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(await response.text()).toContain("<title>Jet Info CRM</title>");
    }
  });

  it("serves the bundled scripts with a script type", async () => {
    const response = await serve(new Request("app://crm/assets/app.js?v=1"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });

  it("refuses to leave the renderer folder", async () => {
    for (const url of [
      "app://crm/%2e%2e%2fsecret.txt",
      "app://crm/%2E%2E%2Fsecret.txt",
      "app://crm/assets/..%2f..%2fsecret.txt",
      "app://crm/..%5csecret.txt",
      "app://crm/%00index.html",
      "app://crm/%E0%A4%A",
    ]) {
      const response = await serve(new Request(url));
      expect(response.status, url).toBe(400);
      expect(await response.text()).not.toContain("not for the page");
    }
    // Plain `../` is folded by the URL parser before it reaches the handler: still inside the folder.
    const folded = await serve(new Request("app://crm/../secret.txt"));
    expect(folded.status).toBe(404);
    expect(await folded.text()).not.toContain("not for the page");
  });

  it("answers only for the crm host", async () => {
    for (const url of ["app://other/index.html", "app://crm.evil.example/index.html", "app://crm:8080/index.html"]) {
      expect((await serve(new Request(url))).status, url).toBe(404);
    }
  });

  it("answers 404 for a missing file or a folder, and 405 for writes", async () => {
    expect((await serve(new Request("app://crm/missing.js"))).status).toBe(404);
    expect((await serve(new Request("app://crm/assets"))).status).toBe(404);
    expect((await serve(new Request("app://crm/index.html", { method: "POST", body: "x" }))).status).toBe(405);
  });
});
