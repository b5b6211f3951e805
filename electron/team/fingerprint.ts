import { X509Certificate } from "node:crypto";

/**
 * A certificate's SHA-256 fingerprint as people compare it by eye and as tools print it:
 * colon-separated uppercase hex pairs of the SHA-256 of its DER form — what
 * `openssl x509 -fingerprint -sha256` prints after `=`, and what Node's TLS socket gives as
 * `getPeerCertificate().fingerprint256`, so a desk can compare the pinned value with the one the
 * server presents without converting either.
 *
 * Takes a PEM text (the first certificate of a chain) or the DER bytes.
 */
export function fingerprintOf(certificate: string | Buffer): string {
  return new X509Certificate(certificate).fingerprint256;
}

/** The prefix the server prints before the hex (`Fingerprint: SHA256:AA:BB:…`), as OpenSSH does. */
export const FINGERPRINT_PREFIX = "SHA256:";

/** `SHA256:AA:BB:…`: the form printed by the server and shown on a desk for confirmation. */
export function displayedFingerprint(certificate: string | Buffer): string {
  return `${FINGERPRINT_PREFIX}${fingerprintOf(certificate)}`;
}
