import { resolve, join } from "node:path";
import { DataFolderInUseError } from "../db/data-folder-lock";
import { browserCallUrl, callFromArgv, type CallRequest } from "./cti";
import { argValue, defaultDataDir, openHost, settleBeforeQuit, type Host } from "./host";
import { startHttpTransport } from "./http/server";

/**
 * Browser mode (`npm run web`, and `npm start` where Electron cannot run): the same dispatcher
 * and renderer behind the loopback HTTP transport. Bundled to dist/web.cjs next to the renderer
 * and the migrations.
 */

/** A second start on a data folder in use: EX_TEMPFAIL from sysexits.h, "try again when the other has stopped". */
export const ALREADY_RUNNING_STATUS = 75;
async function main() {
  // Listening for the stop signals comes first: a SIGTERM that arrives while the server starts (the
  // launcher passes on its own at any moment) must close the database cleanly, not kill the process
  // with the signal. Until the server is up, the stop waits for it.
  const stopAsked = new Promise<void>((asked) => {
    process.on("SIGINT", () => asked());
    process.on("SIGTERM", () => asked());
  });

  const argv = process.argv.slice(2);
  const dataDir = resolve(argValue(argv, "data") ?? defaultDataDir());
  const portArg = argValue(argv, "port");
  const port = portArg === undefined ? 0 : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number between 0 and 65535, got "${portArg}"`);

  const call = callFromArgv(argv);
  let host: Host;
  try {
    host = openHost({ dataDir, migrationsDir: join(__dirname, "migrations") });
  } catch (error) {
    if (error instanceof DataFolderInUseError) alreadyRunning(error, call);
    throw error;
  }
  const transport = await startHttpTransport({ dispatch: host.dispatcher.dispatch, staticDir: join(__dirname, "renderer"), port });
  host.recordUrl(transport.url);
  console.log(`Data: ${dataDir}`);
  if (call.kind === "invalid") console.log("--call: not a valid phone number, ignored");
  console.log(`URL: ${call.kind === "call" ? browserCallUrl(transport.url, call.e164) : transport.url}`);

  const stop = () => {
    // A running backup or restore finishes first (bounded): closing mid-copy would abandon it.
    void transport
      .close()
      .then(() => settleBeforeQuit(host))
      .then(() => {
        host.close();
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
