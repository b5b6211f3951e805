import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as fontkit from "fontkit";

/**
 * The fonts the access report is drawn with. A name may be written in any script (common/fields.ts
 * accepts letters and marks of every one) and a summary may hold emoji, so DejaVu Sans (Latin,
 * Greek, Cyrillic, Armenian, Georgian…) is completed by regional Noto fonts, each drawn only for
 * the characters it is there for. Regular weight only: bold is used for the report's own headings
 * and labels, which are French or English; a bold run in another script falls back to the regular
 * face of its font.
 *
 * Sizes on disk (what the app ships; build/electron-builder.mjs leaves the other weights out):
 * Noto Sans SC (Han ideographs, kana) 8.4 MB and Noto Sans KR (Hangul) 4.6 MB, regional subsets
 * of Noto Sans CJK rather than its 20 MB super-collections; Noto Emoji (monochrome) 0.9 MB; Noto
 * Naskh Arabic 134 kB (Noto Sans Arabic splits dotted letters into glyphs a reader copies as
 * control characters); Noto Sans Hebrew, Devanagari and Thai 9 / 68 / 11 kB (their script
 * subsets, as WOFF: fontkit's WOFF2 glyphs come out blank in pdfkit's subsets). pdfkit embeds
 * only the glyphs a report uses, and only the fonts it uses.
 */

// The CommonJS bundle has __filename; the ES modules the tests and the bench run have import.meta.
const requireHere = createRequire(typeof __filename === "string" ? __filename : import.meta.url);
/** A file of a package that exports only its script entry: found beside that entry. */
const besideMain = (pkg: string, file: string) => join(dirname(requireHere.resolve(pkg)), "..", file);

export type FontName = "body" | "bold" | "arabic" | "hebrew" | "devanagari" | "thai" | "han" | "hangul" | "emoji";

const FILES: Record<FontName, () => string> = {
  body: () => requireHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  bold: () => requireHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  arabic: () => besideMain("@embedpdf/fonts-arabic", "fonts/NotoNaskhArabic-Regular.ttf"),
  hebrew: () => requireHere.resolve("@fontsource/noto-sans-hebrew/files/noto-sans-hebrew-hebrew-400-normal.woff"),
  devanagari: () => requireHere.resolve("@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff"),
  thai: () => requireHere.resolve("@fontsource/noto-sans-thai/files/noto-sans-thai-thai-400-normal.woff"),
  han: () => besideMain("@embedpdf/fonts-sc", "fonts/NotoSansHans-Regular.otf"),
  hangul: () => besideMain("@embedpdf/fonts-kr", "fonts/NotoSansKR-Regular.otf"),
  emoji: () => requireHere.resolve("@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf"),
};

export const FONT_NAMES = Object.keys(FILES) as FontName[];

export interface LoadedFont {
  bytes: Buffer;
  /** fontkit's view, asked which characters the font has and whether it shapes (GSUB/GPOS). */
  face: fontkit.Font;
}

const loaded = new Map<FontName, LoadedFont>();

/** A font's file and parsed face, read once per process (the CJK files are megabytes). */
export function font(name: FontName): LoadedFont {
  let entry = loaded.get(name);
  if (!entry) {
    const bytes = readFileSync(FILES[name]());
    const face = fontkit.create(bytes);
    if (!("hasGlyphForCodePoint" in face)) throw new Error(`${name}: a font collection, not a font`);
    entry = { bytes, face };
    loaded.set(name, entry);
  }
  return entry;
}

/** The font's file path (the electron-builder test checks every one is packaged). */
export function fontFile(name: FontName): string {
  return FILES[name]();
}
