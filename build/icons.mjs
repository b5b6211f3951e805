// Regenerates the app icons from build/icons/icon.svg: PNG sizes (Linux, and the sources of the
// others), icon.ico (Windows) and icon.icns (macOS). The outputs are checked in, so packaging
// does not depend on this script; run it after editing the SVG: `node build/icons.mjs`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";
import png2icons from "png2icons";

const dir = fileURLToPath(new URL("./icons/", import.meta.url));
/** Linux hicolor sizes, plus 1024 for the macOS and Windows generators. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

export function renderPng(svg, size) {
  // No system fonts: the SVG has no text, and the output must not depend on the machine.
  return new Resvg(svg, { fitTo: { mode: "width", value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

export function generateIcons(outDir = dir) {
  const svg = readFileSync(join(dir, "icon.svg"));
  const pngDir = join(outDir, "png");
  mkdirSync(pngDir, { recursive: true });
  const pngs = new Map(PNG_SIZES.map((size) => [size, renderPng(svg, size)]));
  // electron-builder reads a Linux icon folder of "<size>x<size>.png" files.
  for (const [size, png] of pngs) writeFileSync(join(pngDir, `${size}x${size}.png`), png);
  const source = pngs.get(1024);
  const ico = png2icons.createICO(source, png2icons.BICUBIC2, 0, false, true);
  const icns = png2icons.createICNS(source, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error("png2icons could not create the .ico or .icns file");
  writeFileSync(join(outDir, "icon.ico"), ico);
  writeFileSync(join(outDir, "icon.icns"), icns);
  writeFileSync(join(outDir, "icon.png"), pngs.get(512));
  return { pngs: [...pngs.keys()], ico: ico.length, icns: icns.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const made = generateIcons();
  console.log(`icons: PNG ${made.pngs.join(", ")}; icon.ico ${made.ico} bytes; icon.icns ${made.icns} bytes`);
}
