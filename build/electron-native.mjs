// Electron embeds its own Node ABI, so the better-sqlite3 in node_modules (built for plain Node:
// tests, the browser mode) cannot load in it. Electron gets its own build of the same package,
// made once per Electron and better-sqlite3 version under .cache/, and the main process is told
// where it is through JETINFO_SQLITE_BINDING. node_modules is never touched.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

export const ELECTRON_HEADERS_URL = "https://electronjs.org/headers";

export function sqlitePackageDir(root) {
  return join(root, "node_modules", "better-sqlite3");
}

export function electronNativeDir(root, electronVersion) {
  const sqliteVersion = JSON.parse(readFileSync(join(sqlitePackageDir(root), "package.json"), "utf8")).version;
  return join(root, ".cache", "electron-native", electronVersion, `better-sqlite3-${sqliteVersion}`);
}

export function nativeBindingPath(dir) {
  return join(dir, "build", "Release", "better_sqlite3.node");
}

/** The node-gyp npm ships with: npm names it for scripts; otherwise it sits next to npm. */
export function findNodeGyp(env = process.env, execPath = process.execPath) {
  const candidates = [
    env.npm_config_node_gyp,
    join(dirname(execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"),
    join(dirname(execPath), "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"),
  ];
  const found = candidates.find((file) => file && existsSync(file));
  if (!found) throw new Error("node-gyp was not found (it comes with npm; run through `npm start`)");
  return found;
}

function runNodeGyp(nodeGyp, args, cwd) {
  // node-gyp's progress goes to stderr: stdout stays for the app's own lines.
  const result = spawnSync(process.execPath, [nodeGyp, ...args], { cwd, stdio: ["ignore", 2, 2] });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/**
 * Returns the path of a better_sqlite3.node built for `electronVersion`, building it first when
 * missing. The build happens in a scratch folder renamed into place at the end, so an interrupted
 * build is redone next time instead of being mistaken for a finished one.
 */
export function ensureElectronNative({ root, electronVersion, nodeGyp, run = runNodeGyp, log = (line) => console.error(line) }) {
  const dir = electronNativeDir(root, electronVersion);
  const binding = nativeBindingPath(dir);
  if (existsSync(binding)) return binding;

  const gyp = nodeGyp ?? findNodeGyp();
  const source = sqlitePackageDir(root);
  const scratch = `${dir}.partial`;
  rmSync(scratch, { recursive: true, force: true });
  // The sources only: the Node build output and the package's own node_modules are not needed.
  cpSync(source, scratch, {
    recursive: true,
    filter: (file) => {
      const inside = relative(source, file).split(sep)[0];
      return inside !== "build" && inside !== "node_modules";
    },
  });

  log(`Building better-sqlite3 for Electron ${electronVersion} (once, about a minute)…`);
  const args = ["rebuild", "--release", "--runtime=electron", `--target=${electronVersion}`, `--dist-url=${ELECTRON_HEADERS_URL}`];
  const status = run(gyp, args, scratch);
  if (status !== 0 || !existsSync(nativeBindingPath(scratch))) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`node-gyp ${args.join(" ")} failed (exit ${status})`);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(scratch, dir);
  return binding;
}
