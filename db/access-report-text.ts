import bidiFactory from "bidi-js";
import { font, type FontName } from "./access-report-fonts";

/**
 * A text a person entered, cut into the pieces pdfkit draws one after the other, left to right:
 * each in the font that has its characters, right-to-left words in the order a reader expects.
 *
 * - Fonts: a character of a script with its own font (Arabic, Hebrew, Devanagari, Thai, Han and
 *   kana, Hangul, emoji) is drawn in that font; a space, a digit, a punctuation mark or a combining
 *   mark stays in the font of what precedes it, so a word or an emoji sequence is never split;
 *   everything else is drawn in DejaVu Sans, or the first font that has it.
 * - Direction: the Unicode bidirectional algorithm (bidi-js) runs on each line of the value as on
 *   an isolated paragraph of its own (what `dir="auto"` does on screen): an Arabic name stays
 *   one right-to-left unit after a French label. Pieces are put in visual order (UAX #9 L2) and
 *   mirrored (L4). fontkit shapes Arabic and reverses the glyphs of a right-to-left run itself
 *   when the run is in a right-to-left script and the font has OpenType layout; any other
 *   right-to-left piece (an emoji, punctuation between Arabic words) is reversed here.
 * - Bidi controls and other invisible format characters are not drawn (UAX #9 X9); the JSON file
 *   keeps the text exactly as stored.
 *
 * Known limit: a right-to-left paragraph longer than a line is ordered before pdfkit wraps it, so
 * its pieces keep their order across the break (each line stays readable on its own).
 */

const bidi = bidiFactory();

export interface Piece {
  font: FontName;
  text: string;
  /** Right to left: pdfkit must lay it out whole (see db/access-report-pdf.ts). */
  rtl: boolean;
}

const OWN_FONT: [RegExp, FontName][] = [
  [/\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/u, "emoji"],
  [/\p{Script=Arabic}/u, "arabic"],
  [/\p{Script=Hebrew}/u, "hebrew"],
  [/\p{Script=Devanagari}/u, "devanagari"],
  [/\p{Script=Thai}/u, "thai"],
  [/\p{Script=Hangul}/u, "hangul"],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}]/u, "han"],
];
/** Tried in this order for a character its own font or DejaVu lacks. */
const FALLBACK: FontName[] = ["body", "han", "hangul", "arabic", "hebrew", "devanagari", "thai", "emoji"];
/** Belongs to no script: takes the font of the character before it. */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
/** Never drawn: bidi controls, and any other format character the piece's font has no glyph for. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const FORMAT = /\p{Cf}/u;
/** The scripts fontkit lays out right to left (fontkit/src/layout/Script.js) that a report may meet. */
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}]/u;

const has = (name: FontName, ch: string) => font(name).face.hasGlyphForCodePoint(ch.codePointAt(0)!);

function fontFor(ch: string, previous: FontName | null, base: FontName): FontName {
  for (const [pattern, name] of OWN_FONT) if (pattern.test(ch) && has(name, ch)) return name;
  // A space after an emoji goes back to the text's font: Noto Emoji's is as wide as an emoji.
  if (previous && NEUTRAL.test(ch) && has(previous, ch) && !(previous === "emoji" && /\s/u.test(ch))) return previous;
  if (has(base, ch)) return base;
  return FALLBACK.find((name) => has(name, ch)) ?? base;
}

interface Run {
  font: FontName;
  level: number;
  /** Code points with their mirror applied, in logical order. */
  chars: string[];
}

/** One line (no line break inside) as pieces in visual order. */
function lineToPieces(line: string, base: FontName): Piece[] {
  if (line === "") return [];
  const levels = bidi.getEmbeddingLevels(line);
  const runs: Run[] = [];
  let index = 0;
  for (const ch of line) {
    const at = index;
    index += ch.length;
    if (BIDI_CONTROL.test(ch)) continue;
    const level = levels.levels[at]!;
    const last = runs.at(-1);
    const name = fontFor(ch, last?.font ?? null, base);
    if (FORMAT.test(ch) && !has(name, ch)) continue;
    const drawn = (level % 2 === 1 && bidi.getMirroredCharacter(ch)) || ch;
    if (last && last.font === name && last.level === level) last.chars.push(drawn);
    else runs.push({ font: name, level, chars: [drawn] });
  }
  // UAX #9 L2: from the highest level down to the lowest odd one, reverse every sequence of runs
  // at that level or higher.
  const top = Math.max(0, ...runs.map((r) => r.level));
  const lowestOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), Infinity);
  for (let level = top; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; ) {
      if (runs[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j]!.level >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  return runs.map((run) => {
    const text = run.chars.join("");
    if (run.level % 2 === 0) return { font: run.font, text, rtl: false };
    const face = font(run.font).face;
    const fontkitReverses = RTL_SCRIPT.test(text) && Boolean(face.GSUB || face.GPOS);
    return { font: run.font, text: fontkitReverses ? text : reverseClusters(text), rtl: true };
  });
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Reversed by grapheme: an emoji sequence or a letter with its marks keeps its own order. */
function reverseClusters(text: string): string {
  return [...segmenter.segment(text)]
    .map((s) => s.segment)
    .reverse()
    .join("");
}

/**
 * A value as pieces in visual order, line by line: a line break is a piece of its own (`"\n"` in
 * the base font). Tabs and carriage returns become spaces and line breaks.
 */
export function toPieces(value: string, base: FontName = "body"): Piece[] {
  const lines = value.replace(/\r\n?/g, "\n").replace(/\t/g, " ").split("\n");
  return lines.flatMap((line, i) => [...(i > 0 ? [{ font: base, text: "\n", rtl: false }] : []), ...lineToPieces(line, base)]);
}
