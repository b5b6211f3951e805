import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname, networkInterfaces } from "node:os";
import { openHost, settleBeforeQuit, type ApiHost } from "../host";
import { openPgHost } from "../pg-host";
import { startTeamTransport, type TeamTransport } from "../http/team-server";
import { loadOrCreateCertificate } from "./certificate";
import { fingerprintOf } from "./fingerprint";

export interface TeamServerOptions {
  dataDir: string;
  migrationsDir: string;
  /** The built renderer. */
  staticDir: string;
  /** An IP address (or 0.0.0.0 / :: for every interface). */
  listenAddress: string;
  /** 0: a free port. */
  port: number;
  /** The name desks use; default: publicHostFor(listenAddress). */
  publicHost?: string;
  /** A certificate the administrator provides (a company CA's), as PEM texts; default: the server's own, in <data>/tls/. */
  certificate?: { cert: string; key: string };
  /** The start-up and periodic backups (off in tests that count backups). */
  scheduleBackups?: boolean;
  /**
   * `--database postgres://…` (and `--database-owner`): the database is PostgreSQL's
   * (electron/pg-host.ts); without it, the SQLite file in the data folder.
   */
  database?: { url: string; ownerUrl?: string };
  version?: string;
  /** The host's clock (tests move it: idle lock, session lifetime, login throttle). */
  now?: () => number;
}

export interface TeamServer {
  host: ApiHost;
  transport: TeamTransport;
  url: string;
  /** `AA:BB:…` of the certificate the server presents. */
  fingerprint: string;
  /** The server's own certificate was made on this start. */
  certificateCreated: boolean;
  /** The certificate does not name the public host (made for another name on an earlier start). */
  certificateMissesHost: boolean;
  /** Stops listening, lets a running backup or restore finish (bounded), closes the database. */
  close(): Promise<void>;
}

/** Listening on every interface: there is no single address to name. */
export function listensEverywhere(address: string): boolean {
  return address === "0.0.0.0" || address === "::";
}

/**
 * The name desks use by default: the listen address when it is one machine address, otherwise the
 * machine's own name — it stays when DHCP gives the machine another address, and it is the name
 * the administrator sees in the system and gives the desks.
 */
export function publicHostFor(listenAddress: string): string {
  return (listensEverywhere(listenAddress) ? hostname() : listenAddress).toLowerCase();
}

/**
 * The addresses a desk or the administrator may type instead of the name: the listen address, or
 * when listening everywhere every address of the machine (loopback included, for a browser on the
 * server itself). An IP address in the Host header cannot be a DNS-rebinding name.
 */
function otherHostsFor(listenAddress: string): string[] {
  if (!listensEverywhere(listenAddress)) return [listenAddress];
  const wantV6 = listenAddress === "::";
  return Object.values(networkInterfaces())
    .flat()
    .filter((nic) => nic !== undefined && (nic.family === "IPv4" || wantV6) && !nic.address.startsWith("fe80:"))
    .map((nic) => nic!.address);
}

/**
 * The team server: the data folder opened as on a desk (openHost: the database, logs, backups,
 * crash logging, the audit anchor), its certificate, and the HTTPS transport over the dispatcher.
 */
export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const publicHost = (options.publicHost ?? publicHostFor(options.listenAddress)).toLowerCase();
  const otherHosts = otherHostsFor(options.listenAddress).filter((name) => name !== publicHost);
  // First: a second server (or a desk) on this data folder stops here, before touching tls/.
  const host: ApiHost = options.database
    ? await openPgHost({ dataDir: options.dataDir, databaseUrl: options.database.url, ownerUrl: options.database.ownerUrl, appVersion: options.version, now: options.now })
    : openHost({ dataDir: options.dataDir, migrationsDir: options.migrationsDir, scheduleBackups: options.scheduleBackups, appVersion: options.version, now: options.now });
  try {
    const own = options.certificate ? undefined : await loadOrCreateCertificate(options.dataDir, [publicHost, ...otherHosts]);
    const pem = options.certificate ?? own!;
    const fingerprint = own?.fingerprint ?? fingerprintOf(pem.cert);
    if (own?.created) host.logger.info("tls.certificateCreated", { fingerprint, host: publicHost });
    const transport = await startTeamTransport({
      dispatch: host.dispatcher.dispatch,
      staticDir: options.staticDir,
      listenAddress: options.listenAddress,
      port: options.port,
      publicHost,
      otherHosts,
      cert: pem.cert,
      key: pem.key,
      version: options.version,
    });
    host.recordUrl(transport.url);
    host.logger.info("team.listening", { url: transport.url, fingerprint });
    return {
      host,
      transport,
      url: transport.url,
      fingerprint,
      certificateCreated: own?.created ?? false,
      certificateMissesHost: own !== undefined && !own.coversHost,
      close: async () => {
        await transport.close();
        await settleBeforeQuit(host);
        await host.close();
      },
    };
  } catch (error) {
    await host.close();
    throw error;
  }
}

/**
 * `--cert` / `--key` read as PEM texts and checked before anything listens: a certificate, a
 * private key, and the key of that certificate — said in a sentence, not as OpenSSL's error later.
 */
export function readCertificateFiles(certFile: string, keyFile: string): { cert: string; key: string } {
  const cert = readPem(certFile);
  const key = readPem(keyFile);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new Error(`${certFile} is not a PEM certificate.`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new Error(`${keyFile} is not a PEM private key (or it is protected by a passphrase, which the server cannot type).`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw new Error(`${keyFile} is not the private key of ${certFile}.`);
  return { cert, key };
}

function readPem(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? `${file} does not exist.` : `${file} cannot be read (${code ?? "unknown error"}).`, { cause: error });
  }
}
