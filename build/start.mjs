// `npm start` (after `npm run build`): the desktop app in Electron where Electron can run, and the
// browser mode (dist/web.cjs, the same dispatcher behind the loopback transport) where it cannot,
// e.g. on the build machines, which cannot download the Electron binary. Arguments (--data,
// --port, --call) are checked here, then passed to whichever runs.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { constants, homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureElectronNative } from "./electron-native.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const require = createRequire(import.meta.url);

/** Kept in step with defaultDataDir() in electron/host.ts (tests/build/command-help.test.ts compares them). */
function defaultDataDir() {
  const name = "Jet Info CRM";
  if (process.platform === "win32") return join(process.env.APPDATA ?? join(homedir(), "AppData", "Roaming"), name);
  if (process.platform === "darwin") return join(homedir(), "Library", "Application Support", name);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), name);
}

const USAGE = `Usage: npm start -- [options]

Builds and starts Jet Info CRM in its desktop window (Electron). Where Electron cannot run here
(no display, binary missing), says why in one line and starts the browser mode instead, printing
the address to open. One instance per data folder: a second start says so and exits (with --call,
it hands the number to the running one).

Options:
  --data <folder>    the data folder: database, backups/, logs/, audit key
                     (default: ${defaultDataDir()})
  --port <n>         browser mode only: the port to listen on (default: a free one)
  --call <number>    open that caller's card (the phone system's pop-up)
  -h, --help         print this help and exit
`;

/** A command line it does not understand: the usage and this status (as getopt-style tools do), never a guess. */
const USAGE_STATUS = 2;

/** "Unknown option '--prot'." without Node's advice on positionals starting with "-", which none of these take. */
function withoutNodeHint(message) {
  return message.replace(/\. To specify a positional argument[\s\S]*$/, ".");
}

/** --help, or a mistake in the options, stops here: nothing is started and no data folder opened. */
function checkCommandLine() {
  let values;
  try {
    const parsed = parseArgs({
      args,
      strict: true,
      // A jetinfo-crm:// address is how a phone system hands over a call (electron/cti.ts); nothing else.
      allowPositionals: true,
      options: { data: { type: "string" }, port: { type: "string" }, call: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    const stray = parsed.positionals.find((arg) => !arg.toLowerCase().startsWith("jetinfo-crm:"));
    if (stray !== undefined) throw new Error(`Unexpected argument '${stray}'`);
    values = parsed.values;
    if (values.port !== undefined && (!/^\d+$/.test(values.port) || Number(values.port) > 65535)) throw new Error(`--port must be a number between 0 and 65535, got "${values.port}"`);
  } catch (error) {
    process.stderr.write(`${withoutNodeHint(error.message)}\n\n${USAGE}`);
    process.exit(USAGE_STATUS);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
}
checkCommandLine();

/** Kept in step with STARTUP_REFUSED in electron/main.ts: the app said why it stopped, don't retry. */
const STARTUP_REFUSED = 78;
/** Electron dying this soon without our asking means it could not run here (no display, sandbox, libraries). */
const STARTUP_GRACE_MS = 10_000;
const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];

class Unavailable extends Error {}

/**
 * Where the Electron binary is, without `require("electron")`: that tries to download the binary
 * when it is missing, which here means a network timeout and a stack trace instead of a fallback.
 * Same lookup as node_modules/electron/index.js otherwise.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve("electron/package.json"));
  } catch {
    throw new Unavailable("the electron package is not installed");
  }
  const pathFile = join(packageDir, "path.txt");
  const executable = existsSync(pathFile) ? readFileSync(pathFile, "utf8").trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!executable && !override) throw new Unavailable("its binary was never downloaded: node_modules/electron/path.txt is missing");
  const binary = override ? join(override, executable || "electron") : join(packageDir, "dist", executable);
  if (!existsSync(binary)) throw new Unavailable(`its binary is missing: ${binary}`);
  const version = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version;
  return { binary, version };
}

function prepareElectron() {
  if (process.env.JETINFO_FORCE_BROWSER === "1") throw new Unavailable("JETINFO_FORCE_BROWSER=1");
  const { binary, version } = electronBinary();
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Unavailable("no graphical display: DISPLAY and WAYLAND_DISPLAY are unset");
  }
  const preset = process.env.JETINFO_SQLITE_BINDING;
  if (preset) {
    if (!existsSync(preset)) throw new Unavailable(`JETINFO_SQLITE_BINDING points to a missing file: ${preset}`);
    return { binary, binding: preset };
  }
  try {
    return { binary, binding: ensureElectronNative({ root, electronVersion: version }) };
  } catch (error) {
    throw new Unavailable(`better-sqlite3 could not be built for Electron ${version}: ${error.message}`);
  }
}

/**
 * Ctrl-C / kill of the launcher is passed on to the child that runs, so it can close the database
 * cleanly. Listened to for the launcher's whole life, not per child: between Electron's exit and the
 * browser mode's start, a signal must not find the launcher without a handler (it would die of it,
 * with no exit code).
 */
const stopping = { signal: undefined, child: undefined };
for (const signal of FORWARDED_SIGNALS) {
  process.on(signal, () => {
    stopping.signal ??= signal;
    if (stopping.child) stopping.child.kill(signal);
    // Nothing runs yet (or any more): stopping is done.
    else process.exit(0);
  });
}

/** Runs a child with our stdio. */
function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { stdio: "inherit", env });
  stopping.child = child;
  const started = Date.now();
  return new Promise((resolve) => {
    const done = (outcome) => {
      stopping.child = undefined;
      resolve({ ...outcome, forwarded: stopping.signal !== undefined });
    };
    child.once("error", (error) => done({ error }));
    child.once("exit", (code, signal) => done({ code, signal, elapsed: Date.now() - started }));
  });
}

function exitLike({ code, signal, forwarded }) {
  // We passed on a stop and the child stopped. When the signal reached it before it could listen
  // (Node still starting), it died of it; that is still the stop that was asked for, so exit 0.
  if (signal && forwarded) process.exit(0);
  // Killed by someone else (a crash, the OOM killer): the status a shell gives a signalled process.
  if (signal) process.exit(128 + (constants.signals[signal] ?? 0));
  process.exit(code ?? 1);
}

async function startBrowserMode(reason) {
  // Asked to stop while Electron ran: nothing more to start.
  if (stopping.signal) process.exit(0);
  console.log(`Electron is not available here (${reason}); starting the browser mode instead.`);
  const web = join(root, "dist", "web.cjs");
  if (!existsSync(web)) {
    console.error(`${web} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  // Like the desktop app, a fresh data folder asks first: a local database or a team server.
  const outcome = await run(process.execPath, [web, "--ask-mode", ...args], process.env);
  if (outcome.error) {
    console.error(`Could not start the browser mode: ${outcome.error.message}`);
    process.exit(1);
  }
  exitLike(outcome);
}

async function main() {
  let electron;
  try {
    electron = prepareElectron();
  } catch (error) {
    if (!(error instanceof Unavailable)) throw error;
    return startBrowserMode(error.message);
  }

  const env = { ...process.env, JETINFO_SQLITE_BINDING: electron.binding };
  // Set in the environment, it would make Electron behave as plain Node and open no window.
  delete env.ELECTRON_RUN_AS_NODE;
  const outcome = await run(electron.binary, [join(root, "dist", "main.cjs"), ...args], env);
  if (outcome.error) return startBrowserMode(`${electron.binary} could not be started: ${outcome.error.code ?? outcome.error.message}`);
  const failedAtStartup = !outcome.forwarded && outcome.code !== 0 && outcome.code !== STARTUP_REFUSED && outcome.elapsed < STARTUP_GRACE_MS;
  if (failedAtStartup) return startBrowserMode(`Electron stopped during startup with ${outcome.signal ?? `exit code ${outcome.code}`}`);
  exitLike(outcome);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
