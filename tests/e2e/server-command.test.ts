import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { connect } from "node:tls";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { version } from "../../package.json";
import { scratchDir } from "../fixtures/database";
import { launchBrowser, screenshot } from "./harness";

/**
 * `npm run server` is `node dist/server.cjs` after the build: the built team server run as the
 * command runs it, on a scratch data folder, listening on 127.0.0.1 only.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SERVER_ENTRY = join(process.env.JETINFO_DIST ?? join(ROOT, "dist"), "server.cjs");
const URL_LINE = /^URL: (https:\/\/127\.0\.0\.1:(\d+)\/)$/m;
const FINGERPRINT_LINE = /^Fingerprint: SHA256:((?:[0-9A-F]{2}:){31}[0-9A-F]{2})$/m;

const scratch = scratchDir();
const launched: ChildProcess[] = [];
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  for (const child of launched) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  scratch.remove();
});

function run(...args: string[]) {
  const home = join(scratch.dir, `home-${launched.length}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(home);
  const result = spawnSync(process.execPath, [SERVER_ENTRY, ...args], { cwd: ROOT, env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, APPDATA: home }, encoding: "utf8", timeout: 20_000 });
  return { ...result, created: readdirSync(home, { recursive: true }) };
}

/** Starts the server; resolves once it printed its URL and fingerprint. */
function startServer(data: string) {
  const child = spawn(process.execPath, [SERVER_ENTRY, "--data", data, "--listen", "127.0.0.1:0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  launched.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const ready = new Promise<{ url: string; port: number; fingerprint: string; stdout: string }>((done, fail) => {
    const check = () => {
      const url = URL_LINE.exec(out);
      const fingerprint = FINGERPRINT_LINE.exec(out);
      if (url && fingerprint) done({ url: url[1]!, port: Number(url[2]), fingerprint: fingerprint[1]!, stdout: out });
    };
    child.stdout!.on("data", check);
    void exited.then((code) => fail(new Error(`server exited (${code}) before printing its URL and fingerprint\nstdout:\n${out}\nstderr:\n${err}`)));
  });
  return { child, ready, exited, stderr: () => err };
}

/** The fingerprint of the certificate the server presents, as a desk's TLS connection sees it. */
function presentedFingerprint(port: number): Promise<string> {
  return new Promise((done, fail) => {
    // Not verified here on purpose: this reads what is presented, to compare with what was printed.
    const socket = connect({ host: "127.0.0.1", port, rejectUnauthorized: false }, () => {
      done(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.on("error", fail);
  });
}

describe("npm run server (dist/server.cjs)", () => {
  beforeAll(() => {
    if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: run npm run build first`);
  });

  it("prints the usage and exits 0 with --help, and 2 with a command line it does not understand, opening nothing", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run server -- --data <folder> \[options\]/);
    for (const option of ["--data <folder>", "--listen <address:port>", "--public-host <name>", "--cert <file>", "--key <file>", "--help"]) expect(help.stdout).toContain(option);
    expect(help.stdout).not.toContain("URL:");
    expect(help.created).toEqual([]);

    const data = join(scratch.dir, "never-made");
    for (const args of [["--prot", "8443"], [], ["--listen", "127.0.0.1:0"], ["--data", data, "--listen", "nowhere"], ["--data", data, "--listen", "127.0.0.1:70000"], ["--data", data, "--cert", "a.crt"], ["--data", data, "stray"], ["--data", data, "--public-host", "bad name"]]) {
      const refused = run(...args);
      expect(refused.status, args.join(" ")).toBe(2);
      expect(refused.stderr).toContain("Usage: npm run server -- --data <folder> [options]");
      expect(refused.stdout).toBe("");
      expect(refused.created).toEqual([]);
    }
    expect(run("--prot", "8443").stderr).toMatch(/^Unknown option '--prot'\./);
    expect(existsSync(data)).toBe(false);
  });

  it("prints its URL and the fingerprint its TLS socket presents, keeps the certificate for the next start, and stops cleanly on SIGTERM", async () => {
    const data = join(scratch.dir, "data");
    const first = startServer(data);
    const printed = await first.ready;
    expect(printed.stdout).toContain("Certificate: made for this server");
    expect(await presentedFingerprint(printed.port)).toBe(printed.fingerprint);

    // The page, served by the server itself, asks for the first administrator: no launch token is
    // missing here (the loopback page would say so).
    browser = await launchBrowser();
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 }, locale: "fr-CH", timezoneId: "Europe/Zurich" });
    const page = await context.newPage();
    const versions = new Set<string | undefined>();
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/")) versions.add(request.headers()["x-client-version"]);
    });
    await page.goto(printed.url);
    await page.getByRole("heading", { name: "Première mise en service" }).waitFor();
    await screenshot(page, "team-server-01-setup");
    await page.getByRole("textbox", { name: "Nom d'utilisateur", exact: true }).fill("admin");
    await page.getByRole("textbox", { name: "Nom affiché", exact: true }).fill("Anne Admin");
    await page.getByRole("textbox", { name: "Mot de passe", exact: true }).fill("correct horse battery");
    await page.getByRole("textbox", { name: "Confirmer le mot de passe", exact: true }).fill("correct horse battery");
    await page.getByRole("button", { name: "Créer l'administrateur" }).click();
    await page.getByRole("textbox", { name: /^(Recherche globale|Global lookup)$/ }).waitFor();
    await screenshot(page, "team-server-02-signed-in");
    // Every call named the page's build, the version the server checks against its own.
    expect([...versions]).toEqual([version]);
    await context.close();

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const second = startServer(data);
    const again = await second.ready;
    expect(again.fingerprint).toBe(printed.fingerprint);
    expect(again.stdout).not.toContain("Certificate: made");
    expect(await presentedFingerprint(again.port)).toBe(printed.fingerprint);
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
    expect(second.stderr()).toBe("");
  });
});
