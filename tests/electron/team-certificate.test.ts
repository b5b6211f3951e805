import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CERTIFICATE_FILE, KEY_FILE, loadOrCreateCertificate, TLS_FOLDER } from "../../electron/team/certificate";
import { displayedFingerprint, fingerprintOf } from "../../electron/team/fingerprint";
import { publicHostFor, readCertificateFiles } from "../../electron/team/start";
import { scratchDir } from "../fixtures/database";

const scratches: { remove(): void }[] = [];
afterEach(() => scratches.splice(0).forEach((s) => s.remove()));
function folder() {
  const scratch = scratchDir();
  scratches.push(scratch);
  return scratch.dir;
}

describe("the team server's own certificate", () => {
  it("names the public host and the addresses desks may use, for five years, and its fingerprint is the DER's SHA-256", async () => {
    const made = await loadOrCreateCertificate(folder(), ["crm-srv", "10.0.0.5"], new Date("2026-12-01T00:00:00Z"));
    const x509 = new X509Certificate(made.cert);
    expect(x509.subject).toBe("CN=crm-srv");
    expect(x509.subjectAltName).toBe("DNS:crm-srv, IP Address:10.0.0.5");
    expect(new Date(x509.validTo).toISOString()).toBe("2031-12-01T00:00:00.000Z");
    expect(x509.checkPrivateKey(createPrivateKey(made.key))).toBe(true);
    const der = x509.raw;
    const sha256 = (createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g) ?? []).join(":");
    expect(fingerprintOf(made.cert)).toBe(sha256);
    expect(fingerprintOf(der)).toBe(sha256);
    expect(displayedFingerprint(made.cert)).toBe(`SHA256:${sha256}`);
  });

  it("keeps the certificate when the public host changes, and says it does not cover the new name", async () => {
    const dir = folder();
    const first = await loadOrCreateCertificate(dir, ["crm-srv"]);
    const renamed = await loadOrCreateCertificate(dir, ["crm.example.ch"]);
    expect(renamed.fingerprint).toBe(first.fingerprint);
    expect(renamed).toMatchObject({ created: false, coversHost: false });
    expect((await loadOrCreateCertificate(dir, ["CRM-SRV"])).coversHost).toBe(true);
  });

  it("refuses half a pair rather than quietly making a new certificate every desk would have to confirm again", async () => {
    const dir = folder();
    await loadOrCreateCertificate(dir, ["crm-srv"]);
    rmSync(join(dir, TLS_FOLDER, KEY_FILE));
    await expect(loadOrCreateCertificate(dir, ["crm-srv"])).rejects.toThrow(/server\.key is missing while .*server\.crt exists/);
  });
});

describe("--cert / --key", () => {
  it("takes a certificate and its own key, and says which file is wrong otherwise", async () => {
    const a = folder();
    const b = folder();
    await loadOrCreateCertificate(a, ["one"]);
    await loadOrCreateCertificate(b, ["two"]);
    const cert = join(a, TLS_FOLDER, CERTIFICATE_FILE);
    const key = join(a, TLS_FOLDER, KEY_FILE);
    const otherKey = join(b, TLS_FOLDER, KEY_FILE);
    expect(readCertificateFiles(cert, key).cert).toContain("BEGIN CERTIFICATE");
    expect(() => readCertificateFiles(cert, otherKey)).toThrow(`${otherKey} is not the private key of ${cert}.`);
    expect(() => readCertificateFiles(key, key)).toThrow(`${key} is not a PEM certificate.`);
    const text = join(a, "notes.txt");
    writeFileSync(text, "hello");
    expect(() => readCertificateFiles(cert, text)).toThrow(/notes\.txt is not a PEM private key/);
    expect(() => readCertificateFiles(join(a, "absent.crt"), key)).toThrow(`${join(a, "absent.crt")} does not exist.`);
  });
});

describe("the default public host", () => {
  it("is the machine's name when listening everywhere, the listen address otherwise", () => {
    expect(publicHostFor("0.0.0.0")).toBe(hostname().toLowerCase());
    expect(publicHostFor("::")).toBe(hostname().toLowerCase());
    expect(publicHostFor("192.168.1.20")).toBe("192.168.1.20");
  });
});
