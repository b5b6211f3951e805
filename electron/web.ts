import { resolve, join } from "node:path";
import { parseArgs } from "node:util";
import { DataFolderInUseError, lockDataFolder } from "../db/data-folder-lock";
import { browserCallUrl, CALL_SCHEME, callFromArgv, type CallRequest } from "./cti";
import { openDeskConnection, type DeskConnection } from "./desk/desk-connection";
import { defaultDataDir, openHost, settleBeforeQuit } from "./host";
import { createLogger } from "./log";
import { startHttpTransport } from "./http/server";

/**
 * Browser mode (`npm run web`, and `npm start` where Electron cannot run): the same desk as the
 * desktop app — its connection (electron/desk/: the local database, or the team server through
 * the forwarder, as desk-mode.json in the data folder says) and the renderer — behind the loopback
 * HTTP transport. Bundled to dist/web.cjs next to the renderer and the migrations.
 */

/** A second start on a data folder in use: EX_TEMPFAIL from sysexits.h, "try again when the other has stopped". */
export const ALREADY_RUNNING_STATUS = 75;
/** A command line it does not understand: the usage and this status (as getopt-style tools do), never a guess. */
export const USAGE_STATUS = 2;

function usage(): string {
  return `Usage: npm run web -- [options]      (built: node dist/web.cjs [options])

Starts Jet Info CRM in browser mode: the app's server on 127.0.0.1, and prints the address to open
in a browser, with its per-launch token. Ctrl-C stops it. One instance per data folder.

Options:
  --data <folder>    the data folder: database, backups/, logs/, audit key
                     (default: ${defaultDataDir()})
  --port <n>         the port to listen on (default: a free one)
  --call <number>    print the address of that caller's card instead (starts the server if
                     none runs on the data folder)
  --ask-mode         on a data folder where no mode was chosen yet, ask first: a local
                     database or a team server, as the desktop app does (\`npm start\` passes
                     it); without it such a folder starts with a local database
  -h, --help         print this help and exit
`;
}

/** "Unknown option '--prot'." without Node's advice on positionals starting with "-", which none of these take. */
function withoutNodeHint(message: string): string {
  return message.replace(/\. To specify a positional argument[\s\S]*$/, ".");
}

/** The options, or the usage on stderr and exit status 2; `--help` prints the usage and exits 0. */
function parseCommandLine(argv: string[]): { data?: string; port: number; askMode: boolean } {
  let values: { data?: string; port?: string; help?: boolean; "ask-mode"?: boolean };
  let port = 0;
  try {
    const parsed = parseArgs({
      args: argv,
      strict: true,
      // A jetinfo-crm:// address is how a phone system hands over a call (cti.ts); nothing else.
      allowPositionals: true,
      options: { data: { type: "string" }, port: { type: "string" }, call: { type: "string" }, "ask-mode": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
    const stray = parsed.positionals.find((arg) => !arg.toLowerCase().startsWith(`${CALL_SCHEME}:`));
    if (stray !== undefined) throw new Error(`Unexpected argument '${stray}'`);
    values = parsed.values;
    port = values.port === undefined ? 0 : Number(values.port);
    if (!/^\d+$/.test(values.port ?? "0") || port > 65535) throw new Error(`--port must be a number between 0 and 65535, got "${values.port}"`);
  } catch (error) {
    process.stderr.write(`${withoutNodeHint(error instanceof Error ? error.message : String(error))}\n\n${usage()}`);
    process.exit(USAGE_STATUS);
  }
  if (values.help) {
    process.stdout.write(usage());
    process.exit(0);
  }
  return { data: values.data, port, askMode: values["ask-mode"] === true };
}

async function main() {
  // First, before anything opens: --help and a mistyped option touch no data folder.
  const options = parseCommandLine(process.argv.slice(2));

  // Then listening for the stop signals, before anything else: a SIGTERM that arrives while the server starts (the
  // launcher passes on its own at any moment) must close the database cleanly, not kill the process
  // with the signal. Until the server is up, the stop waits for it.
  const stopAsked = new Promise<void>((asked) => {
    process.on("SIGINT", () => asked());
    process.on("SIGTERM", () => asked());
  });

  const argv = process.argv.slice(2);
  const dataDir = resolve(options.data ?? defaultDataDir());
  const port = options.port;

  const call = callFromArgv(argv);
  let desk: DeskConnection;
  const migrationsDir = join(__dirname, "migrations");
  let deskLog: ReturnType<typeof createLogger> | undefined;
  try {
    desk = openDeskConnection({
      dataDir,
      openLocal: () => openHost({ dataDir, migrationsDir }),
      lockFolder: () => lockDataFolder(dataDir),
      askOnFirstStart: options.askMode,
      log: (event, fields) => (deskLog ??= createLogger({ dir: join(dataDir, "logs") })).info(event, fields),
    });
  } catch (error) {
    if (error instanceof DataFolderInUseError) alreadyRunning(error, call);
    throw error;
  }
  const transport = await startHttpTransport({ dispatch: desk.dispatch, staticDir: join(__dirname, "renderer"), port });
  desk.recordUrl(transport.url);
  console.log(`Data: ${dataDir}`);
  const mode = desk.view();
  if (mode.mode === "team") console.log(`Team server: ${mode.url}`);
  if (call.kind === "invalid") console.log("--call: not a valid phone number, ignored");
  console.log(`URL: ${call.kind === "call" ? browserCallUrl(transport.url, call.e164) : transport.url}`);

  const stop = () => {
    // A running backup or restore finishes first (bounded): closing mid-copy would abandon it.
    void transport
      .close()
      .then(() => (desk.host ? settleBeforeQuit(desk.host) : undefined))
      .then(() => {
        desk.close();
        process.exit(0);
      });
  };
  void stopAsked.then(stop);
}

/**
 * Another instance has this data folder (desktop or browser). One line, then exit: non-zero, or 0
 * when a `--call` was handed over, which for the browser mode means the running instance's address
 * on the call's route (the launch token included), to open in the browser.
 */
function alreadyRunning(error: DataFolderInUseError, call: CallRequest): never {
  if (call.kind === "call" && error.runningUrl) {
    console.log(`Jet Info CRM is already running on this data folder; the call is at: ${browserCallUrl(error.runningUrl, call.e164)}`);
    process.exit(0);
  }
  console.error(error.message);
  process.exit(ALREADY_RUNNING_STATUS);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
