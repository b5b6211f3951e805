import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DESK_MODE_FILE, readDeskMode, startingMode, writeDeskMode } from "../../../electron/desk/desk-mode";
import { normaliseFingerprint, teamServerUrl } from "../../../common/team-address";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "jetinfo-desk-mode-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, "0").toUpperCase()).join(":");

describe("desk-mode.json", () => {
  it("is absent at first start, and reads back what was written", () => {
    expect(readDeskMode(dataDir)).toEqual({ state: "absent" });
    for (const mode of [
      { mode: "local" as const },
      { mode: "team" as const, url: "https://crm-serveur:8443/", fingerprint: FINGERPRINT },
      { mode: "team" as const, url: "https://crm.jetinfo.ch/", caFile: "team-ca.pem" },
    ]) {
      writeDeskMode(dataDir, mode);
      expect(readDeskMode(dataDir)).toEqual({ state: "set", mode });
    }
    expect(readFileSync(join(dataDir, DESK_MODE_FILE), "utf8")).toMatch(/\n$/);
  });

  it("reads an administrator's hand-written file the way the screen would have written it", () => {
    writeFileSync(join(dataDir, DESK_MODE_FILE), JSON.stringify({ mode: "team", url: "CRM-Serveur:8443", fingerprint: `SHA256:${FINGERPRINT.replace(/:/g, "").toLowerCase()}` }));
    expect(readDeskMode(dataDir)).toEqual({ state: "set", mode: { mode: "team", url: "https://crm-serveur:8443/", fingerprint: FINGERPRINT } });
  });

  it("is unreadable, never guessed, when corrupt, cut short or of another shape", () => {
    for (const content of ['{"mode":"team","url":"https://crm:8443/"', "", "null", '{"mode":"team","url":"http://crm:8080/","fingerprint":"' + FINGERPRINT + '"}', '{"mode":"cloud"}', '{"mode":"local","extra":1}']) {
      writeFileSync(join(dataDir, DESK_MODE_FILE), content);
      expect(readDeskMode(dataDir), content).toEqual({ state: "unreadable" });
    }
  });

  it("keeps a desk that already has a database local, and writes so", () => {
    writeFileSync(join(dataDir, "jetinfo-crm.sqlite"), "");
    expect(startingMode(dataDir, "jetinfo-crm.sqlite")).toEqual({ state: "set", mode: { mode: "local" } });
    expect(readDeskMode(dataDir)).toEqual({ state: "set", mode: { mode: "local" } });
    rmSync(join(dataDir, DESK_MODE_FILE));
    rmSync(join(dataDir, "jetinfo-crm.sqlite"));
    expect(startingMode(dataDir, "jetinfo-crm.sqlite")).toEqual({ state: "absent" });
  });
});

describe("a team server's address and fingerprint", () => {
  it("reads what an administrator types", () => {
    expect(teamServerUrl("crm-serveur:8443")).toBe("https://crm-serveur:8443/");
    expect(teamServerUrl(" https://10.0.0.5:8443/ ")).toBe("https://10.0.0.5:8443/");
    expect(teamServerUrl("https://crm.jetinfo.ch:443")).toBe("https://crm.jetinfo.ch/");
    expect(teamServerUrl("https://[::1]:8443/")).toBe("https://[::1]:8443/");
    for (const refused of ["", "http://crm:8443/", "ftp://crm/", "https://user:pw@crm/", "https://crm:70000/", "https://crm/api/x", "crm serveur", "https://crm/?a=1"]) {
      expect(teamServerUrl(refused), refused).toBeNull();
    }
  });

  it("reads a fingerprint as openssl or the server prints it", () => {
    const bare = FINGERPRINT.replace(/:/g, "");
    expect(normaliseFingerprint(`SHA256:${FINGERPRINT}`)).toBe(FINGERPRINT);
    expect(normaliseFingerprint(`sha256 Fingerprint=${FINGERPRINT}`)).toBe(FINGERPRINT);
    expect(normaliseFingerprint(bare.toLowerCase())).toBe(FINGERPRINT);
    expect(normaliseFingerprint(bare.slice(2))).toBeNull();
    expect(normaliseFingerprint(`${bare.slice(2)}ZZ`)).toBeNull();
  });
});
