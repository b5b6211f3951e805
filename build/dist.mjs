// `npm run dist [-- --win | --linux | --mac]`: builds the app into dist/, then the installers into
// release/ with electron-builder (build/electron-builder.mjs). Each installer is built on its own
// system (NSIS on Windows, dmg on macOS; Linux builds AppImage and .deb), with access to the
// Electron download.
//
// electron-builder rebuilds better-sqlite3 for Electron's ABI in node_modules itself; afterwards
// it is rebuilt for Node again, or the tests and the browser mode could no longer open a database.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

function run(command, args) {
  console.log(`> ${command} ${args.join(" ")}`);
  // shell on Windows only: .cmd files cannot be spawned directly there.
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  return result.status ?? 1;
}

// The installer always packs dist/, whatever JETINFO_DIST a shell may have set.
delete process.env.JETINFO_DIST;
let status = run(npm, ["run", "build", "--silent"]);
if (status === 0) {
  status = run(npx, ["electron-builder", "--config", "build/electron-builder.mjs", "--publish", "never", ...process.argv.slice(2)]);
  const restored = run(npm, ["rebuild", "better-sqlite3"]);
  if (restored !== 0) console.error("Could not rebuild better-sqlite3 for Node: run `npm rebuild better-sqlite3` before `npm test`.");
}
process.exit(status);
