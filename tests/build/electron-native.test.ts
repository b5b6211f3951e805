import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureElectronNative, findNodeGyp } from "../../build/electron-native.mjs";

let root: string;
const calls: { args: string[]; cwd: string }[] = [];

/** Plays node-gyp: "compiles" into build/Release of the folder it runs in. */
function fakeNodeGyp(status = 0) {
  return (_gyp: string, args: string[], cwd: string) => {
    calls.push({ args, cwd });
    if (status === 0) {
      mkdirSync(join(cwd, "build", "Release"), { recursive: true });
      writeFileSync(join(cwd, "build", "Release", "better_sqlite3.node"), "electron build");
    }
    return status;
  };
}

beforeEach(() => {
  calls.length = 0;
  root = mkdtempSync(join(tmpdir(), "jetinfo-native-"));
  const pkg = join(root, "node_modules", "better-sqlite3");
  mkdirSync(join(pkg, "build", "Release"), { recursive: true });
  mkdirSync(join(pkg, "src"), { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "better-sqlite3", version: "12.6.2" }));
  writeFileSync(join(pkg, "binding.gyp"), "{}");
  writeFileSync(join(pkg, "src", "better_sqlite3.cpp"), "// source");
  writeFileSync(join(pkg, "build", "Release", "better_sqlite3.node"), "node build");
  writeFileSync(join(pkg, "build", "Release", "test_extension.node"), "node build");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("Electron build of better-sqlite3", () => {
  it("builds a copy for Electron's headers and leaves node_modules' Node build alone", () => {
    const binding = ensureElectronNative({ root, electronVersion: "45.5.0", nodeGyp: "/npm/node-gyp.js", run: fakeNodeGyp(), log: () => {} });

    expect(binding).toBe(join(root, ".cache", "electron-native", "45.5.0", "better-sqlite3-12.6.2", "build", "Release", "better_sqlite3.node"));
    expect(readFileSync(binding, "utf8")).toBe("electron build");
    expect(readFileSync(join(root, "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node"), "utf8")).toBe("node build");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args).toEqual(["rebuild", "--release", "--runtime=electron", "--target=45.5.0", "--dist-url=https://electronjs.org/headers"]);
    // Built in a scratch copy of the sources, moved into place once it succeeded.
    expect(calls[0]?.cwd).toMatch(/better-sqlite3-12\.6\.2\.partial$/);
    expect(existsSync(join(binding, "..", "..", "..", "binding.gyp"))).toBe(true);
    expect(existsSync(calls[0]!.cwd)).toBe(false);
    expect(existsSync(join(binding, "..", "test_extension.node"))).toBe(false);
  });

  it("builds only once per Electron version", () => {
    const options = { root, electronVersion: "45.5.0", nodeGyp: "/npm/node-gyp.js", run: fakeNodeGyp(), log: () => {} };
    const first = ensureElectronNative(options);
    expect(ensureElectronNative(options)).toBe(first);
    expect(calls).toHaveLength(1);
    ensureElectronNative({ ...options, electronVersion: "46.0.0" });
    expect(calls).toHaveLength(2);
  });

  it("reports a failed build and retries it next time instead of using half a build", () => {
    const options = { root, electronVersion: "45.5.0", nodeGyp: "/npm/node-gyp.js", log: () => {} };
    expect(() => ensureElectronNative({ ...options, run: fakeNodeGyp(1) })).toThrow(/node-gyp rebuild .* failed \(exit 1\)/);
    expect(existsSync(join(root, ".cache", "electron-native", "45.5.0", "better-sqlite3-12.6.2"))).toBe(false);
    ensureElectronNative({ ...options, run: fakeNodeGyp() });
    expect(calls).toHaveLength(2);
  });

  it("finds the node-gyp that comes with npm", () => {
    expect(findNodeGyp({ npm_config_node_gyp: __filename })).toBe(__filename);
    expect(() => findNodeGyp({}, "/nowhere/bin/node")).toThrow(/node-gyp was not found/);
  });
});
