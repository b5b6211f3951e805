import { resolve, join } from "node:path";
import { browserCallUrl, callFromArgv } from "./cti";
import { argValue, defaultDataDir, openHost } from "./host";
import { startHttpTransport } from "./http/server";

/**
 * Browser mode (`npm run web`, and `npm start` where Electron cannot run): the same dispatcher
 * and renderer behind the loopback HTTP transport. Bundled to dist/web.cjs next to the renderer
 * and the migrations.
 */
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

  const host = openHost({ dataDir, migrationsDir: join(__dirname, "migrations") });
  const transport = await startHttpTransport({ dispatch: host.dispatcher.dispatch, staticDir: join(__dirname, "renderer"), port });
  const call = callFromArgv(argv);
  console.log(`Data: ${dataDir}`);
  if (call.kind === "invalid") console.log("--call: not a valid phone number, ignored");
  console.log(`URL: ${call.kind === "call" ? browserCallUrl(transport.url, call.e164) : transport.url}`);

  const stop = () => {
    void transport.close().then(() => {
      host.close();
      process.exit(0);
    });
  };
  void stopAsked.then(stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
