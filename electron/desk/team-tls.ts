import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { connect, type PeerCertificate, type TLSSocket } from "node:tls";
import type { ServerCertificate } from "../../common/contract/desk";
import type { Reason } from "../../common/messages";
import { fingerprintOf } from "../team/fingerprint";

/**
 * The TLS side of a desk in team mode: the certificate fingerprint the desk pins, the check made
 * on every new connection before anything is sent, and the probe that shows an administrator what
 * a server presents before it is trusted.
 * The fingerprint is the team server's own `fingerprintOf` (electron/team/fingerprint.ts), taken
 * here from the DER the connection presents: one definition for what the server prints and what a
 * desk pins.
 */

/** How a desk decides that the server it reached is its own. */
export type TeamTrust = { kind: "fingerprint"; fingerprint: string } | { kind: "ca"; certificate: string };

/** Host and port to dial for `https://host:port/`, and the SNI name (none for an address: RFC 6066). */
export function dialTarget(url: string): { host: string; port: number; servername?: string } {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = parsed.port === "" ? 443 : Number(parsed.port);
  return isIP(host) ? { host, port } : { host, port, servername: host };
}

/**
 * Why a freshly secured connection must not be used, or null when it is the desk's server. Called
 * once per connection, after the handshake and before the first byte of a request.
 */
export function trustProblem(socket: TLSSocket, trust: TeamTrust): Reason | null {
  if (trust.kind === "ca") return socket.authorized ? null : "team_certificate_untrusted";
  const raw = socket.getPeerCertificate().raw as Buffer | undefined;
  if (!raw || raw.length === 0) return "team_certificate_changed";
  return fingerprintOf(raw) === trust.fingerprint ? null : "team_certificate_changed";
}

/** A company CA certificate as PEM, or null when the text is none (a form's file, a hand-edited path). */
export function companyCertificate(pem: string): { pem: string; subject: string } | null {
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) return null;
  try {
    const certificate = new X509Certificate(pem);
    return { pem, subject: certificate.subject.replace(/\n/g, ", ") };
  } catch {
    return null;
  }
}

/** A network failure said as one of the desk's reasons: never Node's own text. */
export function networkReason(error: unknown): Reason {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ETIMEDOUT" || code === "TEAM_TIMEOUT") return "team_timeout";
  if (typeof code === "string" && (code.startsWith("ERR_SSL_") || code === "EPROTO" || code === "ERR_TLS_HANDSHAKE_TIMEOUT")) return "team_not_tls";
  if (typeof code === "string" && (code.startsWith("ERR_TLS_CERT") || code.includes("CERT") || code.includes("SELF_SIGNED") || code === "UNABLE_TO_VERIFY_LEAF_SIGNATURE")) {
    return "team_certificate_untrusted";
  }
  return "team_unreachable";
}

/** "CN=crm-serveur, O=Jet Info" from Node's parsed name (absent parts skipped). */
function describeName(name: PeerCertificate["subject"] | undefined): string {
  if (!name) return "";
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : String(value)}`)
    .join(", ");
}

/** OpenSSL's "Dec  1 23:00:00 2026 GMT" as ISO; the text as it came if it is not a date. */
function isoDate(openssl: string): string {
  const time = Date.parse(openssl);
  return Number.isNaN(time) ? openssl : new Date(time).toISOString();
}

export type ProbeAnswer = { ok: true; certificate: ServerCertificate } | { ok: false; reason: Reason };

/**
 * Knocks on a team server and reads the certificate it presents, trusting nothing yet: the
 * handshake is all that happens (no request is sent), so a wrong address learns nothing from us.
 */
export function probeServer(url: string, timeoutMs = 10_000): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: ProbeAnswer) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(answer);
    };
    const socket = connect({ ...dialTarget(url), rejectUnauthorized: false, timeout: timeoutMs });
    socket.once("secureConnect", () => {
      const peer = socket.getPeerCertificate();
      if (!peer.raw || peer.raw.length === 0) return finish({ ok: false, reason: "team_not_tls" });
      finish({
        ok: true,
        certificate: {
          url,
          fingerprint: fingerprintOf(peer.raw),
          subject: describeName(peer.subject),
          issuer: describeName(peer.issuer),
          validFrom: isoDate(peer.valid_from),
          validTo: isoDate(peer.valid_to),
          selfSigned: describeName(peer.subject) === describeName(peer.issuer),
        },
      });
    });
    socket.once("timeout", () => finish({ ok: false, reason: "team_timeout" }));
    socket.once("error", (error) => finish({ ok: false, reason: networkReason(error) }));
  });
}
