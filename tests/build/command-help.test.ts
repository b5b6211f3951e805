import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { defaultDataDir } from "../../electron/host";
import { scratchDir } from "../fixtures/database";

/**
 * `npm start -- --help` and `npm run demo -- --help`, as the real commands (build/start.mjs,
 * tests/fixtures/demo.ts) in child processes whose home, config and temp folders are scratch
 * ones: the usage is printed, nothing starts, and no folder appears. (`npm run web -- --help`
 * needs the built dist/web.cjs: tests/e2e/commands.test.ts.)
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const scratches: { remove(): void }[] = [];
afterEach(() => scratches.splice(0).forEach((s) => s.remove()));

function run(args: string[]) {
  const scratch = scratchDir();
  scratches.push(scratch);
  const home = join(scratch.dir, "home");
  const config = join(scratch.dir, "config");
  const tmp = join(scratch.dir, "tmp");
  for (const dir of [home, config, tmp]) mkdirSync(dir);
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: config, APPDATA: config, TMPDIR: tmp, JETINFO_FORCE_BROWSER: "1" };
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
  /**
   * Every file and folder under the scratch home, config and temp folders: none are expected, except
   * tsx's own compile cache (tsx-<uid>/ in the temp folder) when the demo script runs under it.
   */
  const created = [home, config, tmp].flatMap((dir) =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((entry) => !(dir === tmp && /^tsx-\d+/.test(entry)))
      .map((entry) => join(dir, entry)),
  );
  return { ...result, config, created };
}

describe("npm start -- --help (build/start.mjs)", () => {
  it("prints the usage with the default data folder and exits 0, starting nothing", () => {
    const result = run(["build/start.mjs", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm start -- \[options\]/);
    for (const option of ["--data <folder>", "--port <n>", "--call <number>", "--help"]) expect(result.stdout).toContain(option);
    // The same default folder as the app's (electron/host.ts), under the same environment.
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = result.config;
    try {
      expect(result.stdout).toContain(`(default: ${defaultDataDir()})`);
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
    // Neither Electron nor the browser mode was started (the latter would say why, then print a URL).
    expect(result.stdout).not.toMatch(/Electron is not available|URL:/);
    expect(result.stderr).toBe("");
    expect(result.created).toEqual([]);
  });

  it("refuses an unknown option or a stray argument with the usage and exit status 2", () => {
    for (const args of [["--prot", "8080"], ["--port", "eighty"], ["somewhere"]]) {
      const result = run(["build/start.mjs", ...args]);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("Usage: npm start -- [options]");
      expect(result.stdout).toBe("");
      expect(result.created).toEqual([]);
    }
    expect(run(["build/start.mjs", "--prot", "8080"]).stderr).toMatch(/^Unknown option '--prot'\./);
  });
});

describe("npm run demo -- --help (tests/fixtures/demo.ts)", () => {
  it("prints the usage and exits 0 without making a demo folder", () => {
    const result = run(["--import", "tsx", "tests/fixtures/demo.ts", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run demo -- \[options\]/);
    for (const option of ["--port <n>", "--people <n>", "--help", "demo-password"]) expect(result.stdout).toContain(option);
    expect(result.created).toEqual([]);
  });

  it("refuses an unknown option, --data (the demo never opens a real folder) and a bad count with exit status 2", () => {
    const folder = join(tmpdir(), `jetinfo-never-made-${process.pid}`);
    for (const args of [["--bogus"], ["--data", folder], ["--people", "lots"]]) {
      const result = run(["--import", "tsx", "tests/fixtures/demo.ts", ...args]);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("Usage: npm run demo -- [options]");
      expect(result.created).toEqual([]);
      expect(existsSync(folder)).toBe(false);
    }
  });
});
