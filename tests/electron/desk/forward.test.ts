import { createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { message } from "../../../common/messages";
import { createForwarder, type Forwarder } from "../../../electron/desk/forward";
import { probeServer } from "../../../electron/desk/team-tls";
import { fingerprintOf } from "../../../electron/team/fingerprint";
import { companyCredentials, selfSignedCredentials, startTeamServerDouble, type Credentials, type TeamServerDouble } from "../../fixtures/team-server-double";

/**
 * The desk's forwarder against a real HTTPS server on 127.0.0.1 that answers like the team server.
 * What a user would notice: calls go through with the pinned certificate; a server presenting any
 * other certificate gets nothing at all, and the desk says so in words; a company CA works too.
 */

let selfSigned: Credentials;
let otherSelfSigned: Credentials;
let company: { ca: string; server: Credentials };
beforeAll(async () => {
  [selfSigned, otherSelfSigned, company] = await Promise.all([selfSignedCredentials(), selfSignedCredentials("impostor"), companyCredentials()]);
});


let server: TeamServerDouble | undefined;
let forwarder: Forwarder | undefined;
afterEach(async () => {
  forwarder?.close();
  forwarder = undefined;
  await server?.close();
  server = undefined;
});

describe("the forwarder", () => {
  it("passes a call to the server with the pinned certificate: operation, input, session and version", async () => {
    server = await startTeamServerDouble(selfSigned);
    forwarder = createForwarder({ url: server.url, trust: { kind: "fingerprint", fingerprint: fingerprintOf(selfSigned.cert) } });
    const answer = await forwarder.dispatch("people.search", { q: "022 735 33 92" }, { sessionId: "session-of-the-agent" });
    expect(answer).toEqual({ ok: true, value: { operation: "people.search", input: { q: "022 735 33 92" } } });
    expect(server.calls).toEqual([{ operation: "people.search", input: { q: "022 735 33 92" }, sessionId: "session-of-the-agent", clientVersion: server.version }]);

    // Keep-alive: the next call reuses the checked connection, and a call without a session sends none.
    await forwarder.dispatch("setup.status", {});
    expect(server.calls[1]).toMatchObject({ operation: "setup.status", sessionId: undefined });
  });

  it("refuses a server presenting another certificate before sending anything, and says so", async () => {
    server = await startTeamServerDouble(otherSelfSigned);
    forwarder = createForwarder({ url: server.url, trust: { kind: "fingerprint", fingerprint: fingerprintOf(selfSigned.cert) } });
    const answer = await forwarder.dispatch("session.login", { username: "agent", password: "secret password" });
    expect(answer).toEqual({ ok: false, error: { code: "INTERNAL", reason: "team_certificate_changed", message: message("team_certificate_changed", "fr") } });
    expect(server.calls).toEqual([]);
  });

  it("accepts a server whose certificate the company CA signed, and refuses one it did not", async () => {
    server = await startTeamServerDouble(company.server);
    forwarder = createForwarder({ url: server.url, trust: { kind: "ca", certificate: company.ca } });
    expect(await forwarder.dispatch("setup.status", {})).toMatchObject({ ok: true });
    forwarder.close();
    await server.close();

    server = await startTeamServerDouble(selfSigned);
    forwarder = createForwarder({ url: server.url, trust: { kind: "ca", certificate: company.ca } });
    expect(await forwarder.dispatch("session.login", { username: "agent", password: "secret password" })).toMatchObject({ ok: false, error: { reason: "team_certificate_untrusted" } });
    expect(server.calls).toEqual([]);
  });

  it("refuses a CA-signed certificate that does not carry the server's name", async () => {
    server = await startTeamServerDouble(company.server);
    // The certificate names localhost and 127.0.0.1; another name for the same machine is not on it.
    const url = server.url.replace("127.0.0.1", "127.0.0.2");
    forwarder = createForwarder({ url, trust: { kind: "ca", certificate: company.ca } });
    const answer = await forwarder.dispatch("setup.status", {});
    // 127.0.0.2 may not be reachable on every system; where it is, the name check refuses it.
    expect(answer).toMatchObject({ ok: false });
    expect(["team_certificate_untrusted", "team_unreachable"]).toContain((answer as { error: { reason: string } }).error.reason);
    expect(server.calls).toEqual([]);
  });

  it("passes the server's version refusal on as it came", async () => {
    server = await startTeamServerDouble(selfSigned, { version: "9.9.9" });
    forwarder = createForwarder({ url: server.url, trust: { kind: "fingerprint", fingerprint: fingerprintOf(selfSigned.cert) }, clientVersion: "0.1.0" });
    const answer = await forwarder.dispatch("setup.status", {});
    expect(answer).toEqual({
      ok: false,
      error: { code: "FORBIDDEN", reason: "version_mismatch", message: "Ce poste a la version 0.1.0 de Jet Info CRM, le serveur d'équipe la version 9.9.9." },
    });
  });

  it("says the server does not answer when nothing listens, in words", async () => {
    const port = await freePort();
    const failures: string[] = [];
    forwarder = createForwarder({ url: `https://127.0.0.1:${port}/`, trust: { kind: "fingerprint", fingerprint: fingerprintOf(selfSigned.cert) }, onFailure: (reason, code) => failures.push(`${reason} ${code}`) });
    const answer = await forwarder.dispatch("setup.status", {});
    expect(answer).toEqual({ ok: false, error: { code: "INTERNAL", reason: "team_unreachable", message: message("team_unreachable", "fr") } });
    expect(failures).toEqual(["team_unreachable ECONNREFUSED"]);
  });

  it("gives up after its timeout with a sentence, and waits longer than a 25 s long poll by default", async () => {
    server = await startTeamServerDouble(selfSigned, { answer: () => new Promise(() => undefined) });
    forwarder = createForwarder({ url: server.url, trust: { kind: "fingerprint", fingerprint: fingerprintOf(selfSigned.cert) }, timeoutMs: 300 });
    expect(await forwarder.dispatch("events.wait", { after: 0 })).toMatchObject({ ok: false, error: { reason: "team_timeout" } });
    const { FORWARD_TIMEOUT_MS } = await import("../../../electron/desk/forward");
    expect(FORWARD_TIMEOUT_MS).toBeGreaterThanOrEqual(35_000);
  });

  it("says so when the address answers but not as a team server", async () => {
    server = await startTeamServerDouble(selfSigned);
    forwarder = createForwarder({ url: server.url, trust: { kind: "fingerprint", fingerprint: fingerprintOf(selfSigned.cert) } });
    // The double answers 404 with a non-envelope body for what is not an operation path.
    expect(await forwarder.dispatch("people.search/../../x", {})).toMatchObject({ ok: false, error: { code: "NOT_FOUND", reason: "unknown_operation" } });
    server.answer = () => ({ nonsense: true }) as never;
    expect(await forwarder.dispatch("people.search", {})).toMatchObject({ ok: false, error: { reason: "team_bad_answer" } });
  });
});

describe("the probe", () => {
  it("shows the certificate a server presents, without sending it a request", async () => {
    server = await startTeamServerDouble(selfSigned);
    const probed = await probeServer(server.url);
    expect(probed).toMatchObject({ ok: true, certificate: { url: server.url, fingerprint: fingerprintOf(selfSigned.cert), selfSigned: true } });
    expect(probed.ok && probed.certificate.subject).toContain("CN=jetinfo-team-test");
    expect(probed.ok && Date.parse(probed.certificate.validTo)).toBeGreaterThan(Date.now());
    expect(server.calls).toEqual([]);
  });

  it("says when nothing answers, or when the port does not speak TLS", async () => {
    expect(await probeServer(`https://127.0.0.1:${await freePort()}/`)).toEqual({ ok: false, reason: "team_unreachable" });
    // A plain HTTP server on that port: it answers in clear text to the handshake.
    const sockets = new Set<Socket>();
    const plain = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
    });
    await new Promise<void>((done) => plain.listen(0, "127.0.0.1", done));
    try {
      expect(await probeServer(`https://127.0.0.1:${(plain.address() as AddressInfo).port}/`)).toEqual({ ok: false, reason: "team_not_tls" });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => plain.close(done));
    }
  });
});


/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}
