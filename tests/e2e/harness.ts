import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WEB_ENTRY = join(process.env.JETINFO_DIST ?? join(ROOT, "dist"), "web.cjs");
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
  return new Promise((resolveUrl, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`web server printed no URL within 20 s\n${stdout}\n${stderr}`)), 20_000);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const match = /^URL: (\S+)/m.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited with ${code} before printing its URL (run "npm run build" first?)\n${stderr}`));
    });
  });
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

/** Debian's Chromium, headless, with nothing that would reach the network on its own. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A fresh context (own sessionStorage) at a desk-sized window. */
export async function openPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "fr-CH", timezoneId: "Europe/Zurich" });
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; field?: string; reason?: string } };

/** Calls the loopback API the way the renderer does, to arrange a test's data quickly. */
export class HttpApi {
  constructor(
    readonly origin: string,
    readonly token: string,
  ) {}

  async call(name: string, input: unknown = {}, sessionId?: string): Promise<Envelope> {
    const headers: Record<string, string> = { "Content-Type": "application/json", Authorization: `Bearer ${this.token}` };
    if (sessionId) headers["X-Session-Id"] = sessionId;
    const response = await fetch(`${this.origin}/api/${name}`, { method: "POST", headers, body: JSON.stringify(input) });
    return (await response.json()) as Envelope;
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
