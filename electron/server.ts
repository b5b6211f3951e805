import { isIP } from "node:net";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DataFolderInUseError } from "../db/data-folder-lock";
import { describeUrl, PgSchemaBehindError } from "../db/pg/served";
import { FINGERPRINT_PREFIX } from "./team/fingerprint";
import { listensEverywhere, readCertificateFiles, startTeamServer } from "./team/start";
import { formatImportReport, ImportRefusedError, importDeskDatabase } from "./team-import";

/**
 * The team server (`npm run server`): one data folder, opened as a desk opens its own, served to
 * every desk of the LAN over HTTPS — the dispatcher and the renderer behind the team transport
 * (http/team-server.ts). Bundled to dist/server.cjs next to the renderer and the migrations.
 */

/** Same statuses as the browser mode (web.ts): EX_TEMPFAIL for a data folder in use, 2 for a command line not understood. */
export const ALREADY_RUNNING_STATUS = 75;
export const USAGE_STATUS = 2;

/** The port a LAN server listens on by default: HTTPS's usual alternative, which needs no administrator rights (443 does on Linux). */
export const DEFAULT_LISTEN = "0.0.0.0:8443";

function usage(): string {
  return `Usage: npm run server -- --data <folder> [options]      (built: node --max-semi-space-size=64 dist/server.cjs …)

Starts the Jet Info CRM team server: one shared database for every desk of the LAN, over HTTPS.
Prints the address desks connect to and the certificate's fingerprint they confirm. Ctrl-C stops it.
Only this process opens the database: never put the data folder on a network share.

Options:
  --data <folder>          the data folder (required): database, backups/, logs/, audit key, tls/
  --listen <address:port>  where to listen (default: ${DEFAULT_LISTEN}, every interface;
                           127.0.0.1:0 = this machine only, on a free port)
  --public-host <name>     the name desks use for this machine (default: the machine's name when
                           listening on every interface, otherwise the listen address); only this
                           name and the machine's addresses are served (Host check)
  --cert <file>            a certificate (PEM) to use instead of the server's own, with --key;
  --key <file>             without them the server makes a self-signed one on first start and
                           keeps it in <data>/tls/ (server.crt, server.key)
  --database <url>         keep the data in PostgreSQL instead of <data>/jetinfo-crm.sqlite:
                           postgres://<role>@<host>:5432/<database>, as the everyday role (the
                           data folder still holds logs, the audit key and tls/). Put the
                           password in PGPASSWORD or ~/.pgpass rather than in the URL (every
                           user of the machine can read a command line)
  --database-owner <url>   the schema's owner: migrates the database at start and vacuums the
                           tables after an erasure (without it, the database must already be
                           migrated, and the erasure's vacuum is left to IT)
  --import <file.sqlite>   move a single-desk database (closed desk, with its audit.key beside
                           it) into this new, empty data folder, check row counts and the audit
                           chain, print the report and exit; start the server afterwards
  -h, --help               print this help and exit
`;
}

/** "Unknown option '--prot'." as a sentence, without Node's advice on positionals starting with "-", which none of these take. */
function withoutNodeHint(message: string): string {
  const sentence = message.replace(/\. To specify a positional argument[\s\S]*$/, "");
  return /[.:!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

interface ServerCommand {
  data: string;
  database?: { url: string; ownerUrl?: string };
  listenAddress: string;
  port: number;
  publicHost?: string;
  cert?: string;
  key?: string;
  import?: string;
}

/** `127.0.0.1:8443`, `0.0.0.0:8443`, `[::]:8443`: an IP address and a port. */
function parseListen(value: string): { listenAddress: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)):(\d{1,5})$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!match || !address || isIP(address) === 0 || port > 65535) {
    throw new Error(`--listen must be an IP address and a port, such as ${DEFAULT_LISTEN} or 127.0.0.1:0, got "${value}"`);
  }
  return { listenAddress: address, port };
}

/** `--database` / `--database-owner`: PostgreSQL URLs, checked before anything connects. */
function parseDatabase(url: string | undefined, ownerUrl: string | undefined): ServerCommand["database"] {
  if (url === undefined) {
    if (ownerUrl !== undefined) throw new Error("--database-owner goes with --database: give the everyday role's URL too.");
    return undefined;
  }
  for (const [option, value] of [["--database", url], ["--database-owner", ownerUrl]] as const) {
    if (value === undefined) continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") || parsed.hostname === "" || parsed.pathname.length < 2) {
      throw new Error(`${option} must be a PostgreSQL URL such as postgres://crm_server@db.example:5432/jetinfo_crm, got "${value.replace(/:[^:@/]*@/, ":…@")}"`);
    }
  }
  return { url, ownerUrl };
}

/** The options, or the usage on stderr and exit status 2; `--help` prints the usage and exits 0. */
function parseCommandLine(argv: string[]): ServerCommand {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: "string" },
        listen: { type: "string" },
        "public-host": { type: "string" },
        cert: { type: "string" },
        key: { type: "string" },
        import: { type: "string" },
        database: { type: "string" },
        "database-owner": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      process.stdout.write(usage());
      process.exit(0);
    }
    if (values.data === undefined || values.data.trim() === "") throw new Error("--data <folder> is required: the team server has no default data folder.");
    if ((values.cert === undefined) !== (values.key === undefined)) throw new Error("--cert and --key go together: give both, or neither for the server's own certificate.");
    const publicHost = values["public-host"];
    // A name or an address as it may stand in a URL: letters, digits, dots, hyphens (or an IP address).
    if (publicHost !== undefined && isIP(publicHost) === 0 && !/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62}))*$/.test(publicHost)) {
      throw new Error(`--public-host must be a host name or an IP address, got "${publicHost}"`);
    }
    const database = parseDatabase(values.database, values["database-owner"]);
    if (database && values.import !== undefined) throw new Error("--import moves a desk's file into a new SQLite data folder; it does not go with --database.");
    return { data: values.data, ...parseListen(values.listen ?? DEFAULT_LISTEN), publicHost, cert: values.cert, key: values.key, import: values.import, database };
  } catch (error) {
    process.stderr.write(`${withoutNodeHint(error instanceof Error ? error.message : String(error))}\n\n${usage()}`);
    process.exit(USAGE_STATUS);
  }
}

async function main() {
  // First, before anything opens: --help and a mistyped option touch no data folder.
  const command = parseCommandLine(process.argv.slice(2));

  // Then the stop signals, before anything else: a SIGTERM while the server starts (a service
  // manager stopping it) must close the database cleanly. Until the server is up, the stop waits.
  const stopAsked = new Promise<void>((asked) => {
    process.on("SIGINT", () => asked());
    process.on("SIGTERM", () => asked());
  });

  const dataDir = resolve(command.data);
  if (command.import !== undefined) await importAndExit(dataDir, resolve(command.import));
  const certificate = command.cert && command.key ? readCertificateFiles(command.cert, command.key) : undefined;
  let server: Awaited<ReturnType<typeof startTeamServer>>;
  try {
    server = await startTeamServer({
      dataDir,
      migrationsDir: join(__dirname, "migrations"),
      staticDir: join(__dirname, "renderer"),
      listenAddress: command.listenAddress,
      port: command.port,
      publicHost: command.publicHost,
      certificate,
      database: command.database,
    });
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      console.error(error.message);
      process.exit(ALREADY_RUNNING_STATUS);
    }
    // node-postgres says "connect ECONNREFUSED 127.0.0.1:5432" or "password authentication failed …": said where.
    if (command.database && !(error instanceof PgSchemaBehindError)) {
      throw new Error(`PostgreSQL (${describeUrl(command.database.url)}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    throw error;
  }
  console.log(`Data: ${dataDir}`);
  if (server.host.db.dialect === "pg") console.log(`Database: PostgreSQL ${server.host.db.where}${server.host.db.owner ? " (owner given: vacuums after erasures)" : ""}`);
  if (server.certificateCreated) console.log(`Certificate: made for this server, kept in ${join(dataDir, "tls")}`);
  if (server.certificateMissesHost) {
    console.error(`The certificate in ${join(dataDir, "tls")} was made for another name than ${new URL(server.url).hostname}: desks that check names will refuse it. Delete server.crt and server.key there to make a new one (every desk then confirms the new fingerprint).`);
  }
  if (listensEverywhere(command.listenAddress)) console.log(`Listening on every interface, port ${server.transport.port}.`);
  console.log(`URL: ${server.url}`);
  console.log(`Fingerprint: ${FINGERPRINT_PREFIX}${server.fingerprint}`);

  void stopAsked.then(() =>
    server.close().then(() => {
      process.exit(0);
    }),
  );
}

/**
 * `--import`: a desk's database becomes this new server's, checked (row counts, audit chain) before
 * anything is kept; then the process exits, so the administrator reads the report before the
 * desks connect. Refusals are said in both languages: the command has no user yet.
 */
async function importAndExit(dataDir: string, source: string): Promise<never> {
  try {
    const report = await importDeskDatabase({ dataDir, source, migrationsDir: join(__dirname, "migrations") });
    process.stdout.write(formatImportReport(report, "fr"));
    process.stdout.write(formatImportReport(report, "en"));
    process.exit(0);
  } catch (error) {
    if (!(error instanceof ImportRefusedError)) throw error;
    console.error(error.sentence("fr"));
    console.error(error.sentence("en"));
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
