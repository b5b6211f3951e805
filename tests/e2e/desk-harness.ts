import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A desk in browser mode as `npm start`'s fallback runs it (`web.cjs --ask-mode`): a fresh data
 * folder asks local or team first, as the desktop app does. Kept beside harness.ts (which starts
 * the usual local desk) so the first-start screen can be driven in Chromium.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WEB_ENTRY = join(process.env.JETINFO_DIST ?? join(ROOT, "dist"), "web.cjs");

export interface RunningDesk {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startAskingDesk(): Promise<RunningDesk> {
  const dataDir = mkdtempSync(join(tmpdir(), "jetinfo-e2e-desk-"));
  const child = spawn(process.execPath, [WEB_ENTRY, "--ask-mode", "--data", dataDir, "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once("exit", () => done()));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  let url: string;
  try {
    url = await printedUrl(child);
  } catch (error) {
    await stop();
    throw error;
  }
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: new URLSearchParams(parsed.hash.slice(1)).get("token") ?? "", dataDir, stop };
}

function printedUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`the desk printed no URL within 20 s\n${out}\n${err}`)), 20_000);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const match = /^URL: (\S+)/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the desk exited with ${code} before printing its URL (run "npm run build" first?)\n${err}`));
    });
  });
}
