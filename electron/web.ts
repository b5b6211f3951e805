import { resolve, join } from "node:path";
import { browserCallUrl, callFromArgv } from "./cti";
import { argValue, defaultDataDir, openHost, settleBeforeQuit } from "./host";
import { startHttpTransport } from "./http/server";

/**
 * Browser mode (`npm run web`, and `npm start` where Electron cannot run): the same dispatcher
 * and renderer behind the loopback HTTP transport. Bundled to dist/web.cjs next to the renderer
 * and the migrations.
 */
async function main() {
  const argv = process.argv.slice(2);
  const dataDir = resolve(argValue(argv, "data") ?? defaultDataDir());
  const portArg = argValue(argv, "port");
  const port = portArg === undefined ? 0 : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number between 0 and 65535, got "${portArg}"`);

  const host = openHost({ dataDir, migrationsDir: join(__dirname, "migrations") });
  const transport = await startHttpTransport({ dispatch: host.dispatcher.dispatch, staticDir: join(__dirname, "renderer"), port });
  const call = callFromArgv(argv);
  console.log(`Data: ${dataDir}`);
  if (call.kind === "invalid") console.log("--call: not a valid phone number, ignored");
  console.log(`URL: ${call.kind === "call" ? browserCallUrl(transport.url, call.e164) : transport.url}`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // A running backup or restore finishes first (bounded): closing mid-copy would abandon it.
    void transport
      .close()
      .then(() => settleBeforeQuit(host))
      .then(() => {
        host.close();
        process.exit(0);
      });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
