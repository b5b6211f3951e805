import { X509Certificate } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import { generate } from "selfsigned";
import { fingerprintOf } from "./fingerprint";

/** Where the team server keeps its own certificate: `<data>/tls/`, beside the database it protects. */
export const TLS_FOLDER = "tls";
export const CERTIFICATE_FILE = "server.crt";
export const KEY_FILE = "server.key";

/**
 * Five years: the desks pin this certificate's fingerprint, so a new one means confirming it again
 * on every desk. A browser's 398-day limit is for certificates of public authorities, not for one
 * the desks pin by fingerprint.
 */
export const VALIDITY_YEARS = 5;

export interface ServerCertificate {
  /** PEM texts, as `https.createServer` takes them. */
  cert: string;
  key: string;
  /** `AA:BB:…` (fingerprint.ts). */
  fingerprint: string;
  /** Made on this start (first start on the data folder). */
  created: boolean;
  /** The names and addresses it was made for does not include this start's public host: desks connecting by that name see a name mismatch. */
  coversHost: boolean;
}

/**
 * The server's certificate in `<dataDir>/tls/`: the one made on an earlier start, or a new
 * self-signed one when there is none. Kept across starts so its fingerprint, which every desk
 * pinned, does not change; a different `--public-host` later does not replace it (that would cut
 * every desk off) — `coversHost` says so, and the administrator deletes the two files to get a new
 * one. `names`: the public host first (the subject), then any other name or IP address desks may
 * use (subjectAltName).
 */
export async function loadOrCreateCertificate(dataDir: string, names: readonly string[], now = new Date()): Promise<ServerCertificate> {
  const dir = join(dataDir, TLS_FOLDER);
  const certFile = join(dir, CERTIFICATE_FILE);
  const keyFile = join(dir, KEY_FILE);
  const host = names[0];
  if (!host) throw new Error("The certificate needs the server's name");

  const haveCert = existsSync(certFile);
  const haveKey = existsSync(keyFile);
  if (haveCert !== haveKey) {
    // Making a new pair here would change the fingerprint behind everyone's back.
    throw new Error(`${haveCert ? keyFile : certFile} is missing while ${haveCert ? certFile : keyFile} exists: restore it from a backup, or delete both to make a new certificate (every desk then confirms the new fingerprint).`);
  }
  if (haveCert) {
    const cert = readFileSync(certFile, "utf8");
    const key = readFileSync(keyFile, "utf8");
    return { cert, key, fingerprint: fingerprintOf(cert), created: false, coversHost: covers(cert, host) };
  }

  const notAfter = new Date(now);
  notAfter.setFullYear(notAfter.getFullYear() + VALIDITY_YEARS);
  const unique = [...new Set(names.map((name) => name.toLowerCase()))];
  const made = await generate([{ name: "commonName", value: host }], {
    // EC P-256: as strong as RSA 3072, made in milliseconds, and every current TLS client takes it.
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: now,
    notAfterDate: notAfter,
    extensions: [
      { name: "basicConstraints", cA: false, critical: true },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: unique.map((name) => (isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name })) },
    ],
  });

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The key first and each file whole (written aside, then renamed): a crash leaves either no
  // certificate, or a complete pair — never a certificate whose key is missing or cut short.
  writeWhole(keyFile, made.private, 0o600);
  writeWhole(certFile, made.cert, 0o644);
  return { cert: made.cert, key: made.private, fingerprint: fingerprintOf(made.cert), created: true, coversHost: true };
}

function writeWhole(file: string, text: string, mode: number): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, text, { mode });
  // The mode given at creation is masked by the umask; the key must end 0600 whatever it is.
  chmodSync(partial, mode);
  renameSync(partial, file);
}

/** Whether TLS clients checking names would accept this certificate for `host`. */
function covers(cert: string, host: string): boolean {
  const x509 = new X509Certificate(cert);
  return isIP(host) ? x509.checkIP(host) !== undefined : x509.checkHost(host) !== undefined;
}
