import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { minimatch } from "minimatch";
import { describe, expect, it } from "vitest";
import config from "../../build/electron-builder.mjs";
import { FONT_NAMES, fontFile } from "../../db/access-report-fonts";
import { generateIcons, PNG_SIZES } from "../../build/icons.mjs";
// electron-builder's own check, the one `electron-builder` runs first (ajv over app-builder-lib/scheme.json).
import { validateConfiguration } from "app-builder-lib/out/util/config/config.js";

const ROOT = join(import.meta.dirname, "../..");
const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1];

type Target = { target: string; arch?: string[] };
const targets = (platform: { target?: unknown } | null | undefined) => ((platform?.target ?? []) as Target[]).map((t) => t.target);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe("electron-builder configuration", () => {
  it("is valid against electron-builder's schema", async () => {
    await expect(validateConfiguration(structuredClone({ ...config }), quietLogger)).resolves.toBeUndefined();
  });

  it("would be refused with a misspelt option (the check is real)", async () => {
    await expect(validateConfiguration({ ...config, asarUnpacked: ["x"] } as never, quietLogger)).rejects.toThrow(/asarUnpacked/);
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, oneClik: false } } as never, quietLogger)).rejects.toThrow(/configuration\.nsis/);
  });

  it("names the product and builds NSIS, AppImage, .deb and dmg", () => {
    expect(config.appId).toBe("ch.jetinfo.crm");
    expect(config.productName).toBe("Jet Info CRM");
    expect(targets(config.win)).toEqual(["nsis"]);
    expect(targets(config.linux)).toEqual(["AppImage", "deb"]);
    expect(targets(config.mac)).toEqual(["dmg"]);
  });

  it("packs dist/ into app.asar with better-sqlite3's native build unpacked, rebuilt for Electron", () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    const files = config.files as string[];
    const packed = (path: string) => files.filter((p) => !p.startsWith("!")).some((p) => minimatch(path, p)) && !files.filter((p) => p.startsWith("!")).some((p) => minimatch(path, p.slice(1)));
    expect(packed("dist/main.cjs")).toBe(true);
    expect(packed("dist/preload.cjs")).toBe(true);
    expect(packed("dist/renderer/index.html")).toBe(true);
    // The migrations travel inside the archive (electron/migrations-path.ts looks there).
    expect(packed("dist/migrations/meta/_journal.json")).toBe(true);
    expect(packed("dist/migrations/0000_foundation.sql")).toBe(true);
    expect(packed("dist/web.cjs")).toBe(false);
    expect(packed("dist/server.cjs")).toBe(false);
    // package.json's main must be inside what is packed.
    expect(packed(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).main)).toBe(true);

    const unpacked = config.asarUnpack as string[];
    expect(unpacked.some((p) => minimatch("node_modules/better-sqlite3/build/Release/better_sqlite3.node", p))).toBe(true);
    expect(unpacked.some((p) => minimatch("node_modules/pdfkit/js/pdfkit.js", p))).toBe(false);
  });

  it("ships every font the access report draws with, and none of the packages' other weights and subsets", () => {
    const files = config.files as string[];
    const packed = (path: string) => files.filter((p) => !p.startsWith("!")).some((p) => minimatch(path, p)) || (path.startsWith("node_modules/") && !files.filter((p) => p.startsWith("!")).some((p) => minimatch(path, p.slice(1))));
    const modules = realpathSync(join(ROOT, "node_modules"));
    const inModules = (file: string) => `node_modules/${realpathSync(file).slice(modules.length + 1).split("\\").join("/")}`;
    for (const name of FONT_NAMES) expect(packed(inModules(fontFile(name))), name).toBe(true);
    // What the fonts' packages add to the installed app: the files they ship, less those left out.
    let bytes = 0;
    for (const pkg of ["dejavu-fonts-ttf", "@embedpdf/fonts-sc", "@embedpdf/fonts-kr", "@embedpdf/fonts-arabic", "@expo-google-fonts/noto-emoji", "@fontsource/noto-sans-hebrew", "@fontsource/noto-sans-devanagari", "@fontsource/noto-sans-thai"]) {
      for (const entry of readdirSync(join(modules, pkg), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const file = join(entry.parentPath, entry.name);
        if (packed(inModules(file))) bytes += statSync(file).size;
      }
    }
    expect(bytes).toBeLessThan(16_000_000);
    expect(packed("node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Bold.otf")).toBe(false);
    expect(packed("node_modules/@fontsource/noto-sans-thai/files/noto-sans-thai-thai-400-normal.woff2")).toBe(false);
  });

  it("registers the jetinfo-crm:// protocol for the phone system", () => {
    expect(config.protocols).toEqual([{ name: "Jet Info CRM call", schemes: ["jetinfo-crm"] }]);
  });

  it("sets the fuses in an afterPack hook that exists", async () => {
    expect(config.afterPack).toBe("build/after-pack.mjs");
    const hook = (await import("../../build/after-pack.mjs")) as { default: unknown };
    expect(typeof hook.default).toBe("function");
  });

  it("never deletes the user's data on uninstall", () => {
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });

  it("`npm run dist` runs the dist script with this configuration", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe("node build/dist.mjs");
    expect(readFileSync(join(ROOT, "build/dist.mjs"), "utf8")).toContain('"--config", "build/electron-builder.mjs"');
  });
});

describe("icons", () => {
  it("exist in every format the configuration names", () => {
    for (const icon of [config.win?.icon, config.mac?.icon, config.linux?.icon]) expect(existsSync(join(ROOT, icon as string))).toBe(true);
    const ico = readFileSync(join(ROOT, "build/icons/icon.ico"));
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    // Windows wants 16 to 256 px in the .ico.
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    expect(readFileSync(join(ROOT, "build/icons/icon.icns")).subarray(0, 4).toString("latin1")).toBe("icns");
    for (const size of PNG_SIZES) expect(pngSize(join(ROOT, `build/icons/png/${size}x${size}.png`))).toEqual([size, size]);
  });

  it("are what build/icons.mjs makes from the SVG (the checked-in files are up to date)", () => {
    const out = mkdtempSync(join(tmpdir(), "jetinfo-icons-"));
    try {
      generateIcons(out);
      for (const file of ["icon.ico", "icon.icns", "icon.png", ...PNG_SIZES.map((s) => `png/${s}x${s}.png`)]) {
        expect(readFileSync(join(out, file)).equals(readFileSync(join(ROOT, "build/icons", file))), file).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
