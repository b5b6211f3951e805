import { createServer } from "node:https";
import { isIP, type AddressInfo } from "node:net";
import type { Dispatch } from "../api/dispatcher";
import { closeServer, handleRequests } from "./server";

export interface TeamTransportOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer): a browser on the LAN gets the page from the server itself. */
  staticDir: string;
  /** The address to listen on: an interface's IP, or 0.0.0.0 / :: for all of them. */
  listenAddress: string;
  /** 0: a free port chosen by the system (tests). */
  port: number;
  /** The name desks use (`https://<publicHost>:<port>/`). */
  publicHost: string;
  /** Other names or IP addresses desks may use for this machine (its addresses, the listen IP). */
  otherHosts?: readonly string[];
  /** PEM texts. */
  cert: string;
  key: string;
  version?: string;
  maxBodyBytes?: number;
}

export interface TeamTransport {
  url: string;
  port: number;
  /** Every `Host` value served (the public host first). */
  hosts: readonly string[];
  close(): Promise<void>;
}

/** A year: once a browser has seen the server over HTTPS it never tries plain HTTP on that name again. */
export const HSTS = "max-age=31536000";

/**
 * The team server's transport: the loopback transport's protocol and checks (server.ts) over
 * HTTPS on a LAN address, with no launch token — login and a server-side session are the only
 * keys. The Host check admits the names desks use and nothing else (a DNS-rebinding name is
 * refused with 421), the Origin check the same names as `https://` origins (403 otherwise).
 */
export function startTeamTransport(options: TeamTransportOptions): Promise<TeamTransport> {
  let hosts: string[] = [];
  const server = createServer(
    { cert: options.cert, key: options.key, minVersion: "TLSv1.2" },
    handleRequests({
      dispatch: options.dispatch,
      staticDir: options.staticDir,
      maxBodyBytes: options.maxBodyBytes,
      version: options.version,
      headers: { "Strict-Transport-Security": HSTS },
      hosts: () => hosts,
      origins: () => hosts.map((host) => `https://${host}`),
    }),
  );

  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.listenAddress, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      hosts = hostValues([options.publicHost, ...(options.otherHosts ?? [])], port);
      resolvePromise({
        url: `https://${hostPart(options.publicHost)}:${port}/`,
        port,
        hosts,
        close: () => closeServer(server),
      });
    });
  });
}

/** An IPv6 address in brackets, as in a URL and a Host header; names in lower case, as browsers send them. */
function hostPart(name: string): string {
  const lower = name.toLowerCase();
  return isIP(lower) === 6 ? `[${lower}]` : lower;
}

/** `name:port` for each name, and the bare name too on 443, where browsers leave the port out. */
function hostValues(names: readonly string[], port: number): string[] {
  const values = names.flatMap((name) => (port === 443 ? [`${hostPart(name)}:${port}`, hostPart(name)] : [`${hostPart(name)}:${port}`]));
  return [...new Set(values)];
}
