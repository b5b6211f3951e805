import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm start` (build/start.mjs) on a machine where Electron cannot run: one line saying so, then
 * the browser mode, working. A fake Electron binary stands in for the real one to check the
 * hand-over, which the real binary cannot show here.
 */

const NOTICE = /^Electron is not available here \((.+)\); starting the browser mode instead\.$/m;
const URL_LINE = /^URL: (http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]+))$/m;

const scratch = mkdtempSync(join(tmpdir(), "jetinfo-start-"));
const launched: ChildProcess[] = [];

interface Launch {
  child: ChildProcess;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
}

function launch(args: string[], env: Record<string, string | undefined>): Launch {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.JETINFO_FORCE_BROWSER;
  delete childEnv.JETINFO_SQLITE_BINDING;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  const child = spawn(process.execPath, ["build/start.mjs", ...args], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  launched.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out);
        if (!match) return false;
        child.stdout!.off("data", check);
        resolve(match);
        return true;
      };
      if (check()) return;
      child.stdout!.on("data", check);
      void exited.then(({ code }) => {
        if (!check()) reject(new Error(`start.mjs exited (${code}) before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
      });
    });
  return { child, stdout: () => out, exited, waitFor };
}

/** An "Electron" that reports how it was started, then exits with `status`. */
function fakeElectron(status: number): string {
  const dir = mkdtempSync(join(scratch, "electron-"));
  const binary = join(dir, "electron");
  writeFileSync(
    binary,
    `#!${process.execPath}\n` +
      `console.log("FAKE-ELECTRON " + JSON.stringify({ argv: process.argv.slice(2), binding: process.env.JETINFO_SQLITE_BINDING ?? null, runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\n` +
      `process.exit(${status});\n`,
  );
  chmodSync(binary, 0o755);
  return dir;
}

afterAll(async () => {
  for (const child of launched) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

describe("npm start where Electron cannot run", () => {
  let app: Launch;
  let url: string;
  let token: string;

  beforeAll(async () => {
    const dataDir = join(scratch, "data");
    // An empty Electron dist folder: the binary is missing here, and stays missing on a machine that has it.
    const noElectron = join(scratch, "no-electron");
    mkdirSync(noElectron, { recursive: true });
    app = launch(["--data", dataDir, "--port", "0"], { ELECTRON_OVERRIDE_DIST_PATH: noElectron });
    const match = await app.waitFor(URL_LINE);
    url = match[1]!;
    token = match[2]!;
  });

  it("says so in one line, then prints the browser mode's URL", () => {
    const notices = app.stdout().match(new RegExp(NOTICE.source, "gm")) ?? [];
    expect(notices).toHaveLength(1);
    expect(NOTICE.exec(app.stdout())?.[1]).toMatch(/binary is missing/);
    expect(app.stdout().indexOf("Electron is not available")).toBeLessThan(app.stdout().indexOf("URL: "));
  });

  it("serves the app's page", async () => {
    const response = await fetch(new URL("/", url));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await response.text()).toMatch(/<html/i);
  });

  it("answers the API with the launch token on a fresh data folder, which asks its mode first as the desktop app does", async () => {
    const call = (name: string) =>
      fetch(new URL(`/api/${name}`, url), { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: "{}" });
    const response = await call("desk.mode");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, value: { mode: "unset", unreadable: false } });
    expect(await (await call("setup.status")).json()).toMatchObject({ ok: false, error: { reason: "desk_not_configured" } });
  });

  it("stops the browser mode when the launcher is stopped", async () => {
    app.child.kill("SIGTERM");
    expect(await app.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(new URL("/", url))).rejects.toThrow();
  });
});

describe.skipIf(process.platform === "win32")("npm start where Electron runs", () => {
  const binding = join(scratch, "better_sqlite3.node");
  const electronEnv = (dir: string) => ({ ELECTRON_OVERRIDE_DIST_PATH: dir, DISPLAY: ":0", JETINFO_SQLITE_BINDING: binding });

  beforeAll(() => writeFileSync(binding, "stands for an Electron build"));

  it("starts Electron on the main bundle with the user's arguments and the Electron-ABI binding", async () => {
    const app = launch(["--data", join(scratch, "desk"), "--call", "0227353392"], { ...electronEnv(fakeElectron(0)), ELECTRON_RUN_AS_NODE: "1" });
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(app.stdout()).not.toMatch(NOTICE);
    const report = JSON.parse(/^FAKE-ELECTRON (.*)$/m.exec(app.stdout())![1]!);
    expect(report.argv[0]).toMatch(/dist[\\/]main\.cjs$/);
    expect(report.argv.slice(1)).toEqual(["--data", join(scratch, "desk"), "--call", "0227353392"]);
    expect(report.binding).toBe(binding);
    expect(report.runAsNode).toBeNull();
  });

  it("falls back to the browser mode when Electron dies at startup", async () => {
    const app = launch(["--data", join(scratch, "crash"), "--port", "0"], electronEnv(fakeElectron(1)));
    const notice = await app.waitFor(NOTICE);
    expect(notice[1]).toMatch(/exit code 1/);
    await app.waitFor(URL_LINE);
    app.child.kill("SIGTERM");
    expect((await app.exited).code).toBe(0);
  });

  // The launcher passes a stop on to whichever child runs, at any moment: here while the browser
  // mode's Node is still starting and cannot listen yet. It must still end with an exit code (what
  // scripts and CI read), never be left to die of the signal itself.
  it("exits with code 0 when stopped while the browser mode is still starting", async () => {
    const app = launch(["--data", join(scratch, "early-stop"), "--port", "0"], electronEnv(fakeElectron(1)));
    await app.waitFor(NOTICE);
    app.child.kill("SIGTERM");
    expect(await app.exited).toEqual({ code: 0, signal: null });
  });

  it("does not fall back when the app itself refused to start (it has told the user why)", async () => {
    const app = launch(["--data", join(scratch, "refused")], electronEnv(fakeElectron(78)));
    expect((await app.exited).code).toBe(78);
    expect(app.stdout()).not.toMatch(NOTICE);
  });

  it("uses the browser mode when JETINFO_FORCE_BROWSER=1, even with Electron present", async () => {
    const app = launch(["--data", join(scratch, "forced"), "--port", "0"], { ...electronEnv(fakeElectron(0)), JETINFO_FORCE_BROWSER: "1" });
    expect((await app.waitFor(NOTICE))[1]).toBe("JETINFO_FORCE_BROWSER=1");
    await app.waitFor(URL_LINE);
    expect(app.stdout()).not.toMatch(/FAKE-ELECTRON/);
    app.child.kill("SIGTERM");
    await app.exited;
  });
});
