import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FuseV1Options, getCurrentFuseWire } from "@electron/fuses";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import afterPack, { electronBinaryPath, FUSES, setFuses, type PackContext } from "../../build/after-pack.mjs";

// The fuse wire as Electron ships it: the sentinel, version 1, the wire's length, then one byte per
// fuse ('0' off, '1' on). Electron's defaults are the opposite of what we want for every fuse we
// set, so a fuse the hook forgot stays visibly wrong. A ninth fuse stands for one added by a newer
// Electron than @electron/fuses knows: it must be left alone, not make the build fail.
const SENTINEL = "dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX";
const ELECTRON_DEFAULTS = "101100011";
const ON = 49;
const OFF = 48;

function fakeElectron(file: string, copies = 1): void {
  mkdirSync(dirname(file), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL, "latin1"), Buffer.from([1, ELECTRON_DEFAULTS.length]), Buffer.from(ELECTRON_DEFAULTS, "latin1")]);
  const parts = [Buffer.from("\x7fELF…machine code…")];
  for (let i = 0; i < copies; i++) parts.push(wire, Buffer.from("…more code…"));
  writeFileSync(file, Buffer.concat(parts));
}

let out: string;
const packager = { appInfo: { productFilename: "Jet Info CRM" }, executableName: "jetinfo-crm" };
const context = (electronPlatformName: string): PackContext => ({ appOutDir: out, electronPlatformName, packager });

beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), "jetinfo-afterpack-"));
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
});

async function expectHardened(binary: string) {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  expect({
    RunAsNode: wire[FuseV1Options.RunAsNode],
    EnableNodeOptionsEnvironmentVariable: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
    EnableNodeCliInspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
    EnableCookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
    EnableEmbeddedAsarIntegrityValidation: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
    OnlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
    GrantFileProtocolExtraPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    LoadBrowserProcessSpecificV8Snapshot: wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot],
    unknownNinthFuse: wire[8],
  }).toEqual({
    RunAsNode: OFF,
    EnableNodeOptionsEnvironmentVariable: OFF,
    EnableNodeCliInspectArguments: OFF,
    EnableCookieEncryption: ON,
    EnableEmbeddedAsarIntegrityValidation: ON,
    OnlyLoadAppFromAsar: ON,
    GrantFileProtocolExtraPrivileges: OFF,
    // Not ours to set: left as Electron ships them.
    LoadBrowserProcessSpecificV8Snapshot: OFF,
    unknownNinthFuse: ON,
  });
}

describe("afterPack fuse hook", () => {
  it("sets every fuse in the Linux binary", async () => {
    const binary = join(out, "jetinfo-crm");
    fakeElectron(binary);
    await afterPack(context("linux"));
    await expectHardened(binary);
  });

  it("sets every fuse in the Windows executable", async () => {
    const binary = join(out, "Jet Info CRM.exe");
    fakeElectron(binary);
    await afterPack(context("win32"));
    await expectHardened(binary);
  });

  it("sets every fuse in the macOS framework, in both halves of a universal binary", async () => {
    const framework = join(out, "Jet Info CRM.app", "Contents", "Frameworks", "Electron Framework.framework", "Electron Framework");
    fakeElectron(framework, 2);
    await afterPack(context("darwin"));
    const bytes = readFileSync(framework, "latin1");
    const wires = [...bytes.matchAll(new RegExp(`${SENTINEL}..(.{9})`, "gs"))].map((m) => m[1]);
    expect(wires).toEqual(["010011001", "010011001"]);
    await expectHardened(join(out, "Jet Info CRM.app"));
  });

  it("fails the build when the binary has no fuse wire, rather than ship an unfused app", async () => {
    writeFileSync(join(out, "jetinfo-crm"), "not electron");
    await expect(afterPack(context("linux"))).rejects.toThrow(/sentinel/);
  });

  it("locates the binary the way electron-builder names it on each system", () => {
    expect(electronBinaryPath(context("linux"))).toBe(join(out, "jetinfo-crm"));
    expect(electronBinaryPath(context("win32"))).toBe(join(out, "Jet Info CRM.exe"));
    expect(electronBinaryPath(context("darwin"))).toBe(join(out, "Jet Info CRM.app"));
    expect(electronBinaryPath(context("mas"))).toBe(join(out, "Jet Info CRM.app"));
  });

  it("passes the whole fuse configuration to flipFuses", async () => {
    const seen: unknown[] = [];
    await setFuses(context("linux"), async (binary, config) => {
      seen.push(binary, config);
      return 1;
    });
    expect(seen[0]).toBe(join(out, "jetinfo-crm"));
    expect(seen[1]).toMatchObject({ ...FUSES, version: "1" });
  });
});
