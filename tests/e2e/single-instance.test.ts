import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * One instance per data folder in the browser mode too (the desktop app uses the same host): a
 * second start on the folder says so in one line and exits non-zero, or with `--call` points to
 * the running instance's call page; a crashed (SIGKILLed) instance leaves nothing that stops the
 * next start. Real processes from dist/web.cjs on real folders.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WEB_ENTRY = join(process.env.JETINFO_DIST ?? join(ROOT, "dist"), "web.cjs");
const URL_LINE = /^URL: (http:\/\/127\.0\.0\.1:\d+\/#token=([\w-]+))$/m;
const scratch = mkdtempSync(join(tmpdir(), "jetinfo-single-"));
const started: ChildProcess[] = [];

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function web(dataDir: string, ...extra: string[]): Run {
  const child = spawn(process.execPath, [WEB_ENTRY, "--data", dataDir, "--port", "0", ...extra], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once("exit", (code, signal) => done({ code, signal })));
  return { child, out: () => out, err: () => err, exited };
}

/** Resolves with the printed address once the server listens; rejects if the process ends first. */
function running(run: Run): Promise<{ url: string; origin: string; token: string }> {
  return new Promise((done, fail) => {
    const check = () => {
      const match = URL_LINE.exec(run.out());
      if (!match) return;
      run.child.stdout!.off("data", check);
      done({ url: match[1]!, origin: new URL(match[1]!).origin, token: match[2]! });
    };
    run.child.stdout!.on("data", check);
    check();
    void run.exited.then((how) => fail(new Error(`web.cjs ended (${JSON.stringify(how)}) before its URL\n${run.out()}\n${run.err()}`)));
  });
}

const api = (origin: string, token: string, name: string, body: unknown = {}) =>
  fetch(`${origin}/api/${name}`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

describe("one browser-mode instance per data folder", () => {
  const dataDir = join(scratch, "desk");

  it("refuses a second start on the folder in one line, hands a --call over, and starts again after a crash", async () => {
    const first = web(dataDir);
    const { origin, token } = await running(first);
    expect(await api(origin, token, "setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" })).toMatchObject({ ok: true });

    const second = web(dataDir);
    expect(await second.exited).toEqual({ code: 75, signal: null });
    expect(second.out()).toBe("");
    const lines = second.err().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Jet Info CRM is already running on this data folder \(.+\): http:\/\/127\.0\.0\.1:\d+\/#token=/);

    // The phone system's launch: the number goes to the running instance's call page.
    const call = web(dataDir, "--call", "022 735 33 92");
    expect(await call.exited).toEqual({ code: 0, signal: null });
    const handed = /the call is at: (\S+)$/m.exec(call.out())?.[1];
    expect(handed).toBeDefined();
    expect(new URL(handed!).origin).toBe(origin);
    expect(handed).toContain("#/call?from=%2B41227353392");
    expect(handed).toContain(`token=${token}`);
    // The first one still serves, untouched by the attempts.
    expect(await api(origin, token, "setup.status")).toEqual({ ok: true, value: { needsAdmin: false } });

    // A crash: no clean-up ran, the OS lets go of the lock.
    first.child.kill("SIGKILL");
    await first.exited;
    const next = web(dataDir);
    const again = await running(next);
    expect(await api(again.origin, again.token, "setup.status")).toEqual({ ok: true, value: { needsAdmin: false } });
    next.child.kill("SIGTERM");
    expect(await next.exited).toEqual({ code: 0, signal: null });
  });

  it("runs side by side on two different data folders", async () => {
    const a = web(join(scratch, "a"));
    const b = web(join(scratch, "b"));
    const [ra, rb] = await Promise.all([running(a), running(b)]);
    expect(ra.origin).not.toBe(rb.origin);
    for (const run of [a, b]) run.child.kill("SIGTERM");
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(await b.exited).toEqual({ code: 0, signal: null });
  });
});
