import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { scratchDir } from "../fixtures/database";

/**
 * `npm run web -- --help` is `node dist/web.cjs --help` after the build: the built server, run as
 * the command runs it, with scratch home and config folders. It used to start a server on the
 * user's real data folder.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WEB_ENTRY = join(process.env.JETINFO_DIST ?? join(ROOT, "dist"), "web.cjs");
const scratches: { remove(): void }[] = [];
afterEach(() => scratches.splice(0).forEach((s) => s.remove()));

function web(...args: string[]) {
  const scratch = scratchDir();
  scratches.push(scratch);
  const home = join(scratch.dir, "home");
  const config = join(scratch.dir, "config");
  for (const dir of [home, config]) mkdirSync(dir);
  // A server would not exit by itself: the timeout is the proof that one started.
  const result = spawnSync(process.execPath, [WEB_ENTRY, ...args], { cwd: ROOT, env: { ...process.env, HOME: home, XDG_CONFIG_HOME: config, APPDATA: config }, encoding: "utf8", timeout: 20_000 });
  const created = [home, config].flatMap((dir) => readdirSync(dir, { recursive: true }).map((entry) => join(dir, String(entry))));
  return { ...result, config, created };
}

describe("npm run web -- --help (dist/web.cjs)", () => {
  it("prints the usage with the default data folder and exits 0: no server, no data folder", () => {
    const result = web("--help");
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run web -- \[options\]/);
    for (const option of ["--data <folder>", "--port <n>", "--call <number>", "--help"]) expect(result.stdout).toContain(option);
    expect(result.stdout).toContain(`(default: ${join(result.config, "Jet Info CRM")})`);
    expect(result.stdout).not.toContain("URL:");
    expect(result.created).toEqual([]);
    expect(web("-h").stdout).toMatch(/^Usage: npm run web/);
  });

  it("refuses an unknown option, a stray argument and a bad port with the usage and exit status 2", () => {
    for (const args of [["--prot", "8080"], ["--port", "eighty"], ["--port", "70000"], ["/some/folder"]]) {
      const result = web(...args);
      expect(result.error, args.join(" ")).toBeUndefined();
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("Usage: npm run web -- [options]");
      expect(result.stdout).toBe("");
      expect(result.created).toEqual([]);
    }
    expect(web("--prot", "8080").stderr).toMatch(/^Unknown option '--prot'\./);
  });
});
