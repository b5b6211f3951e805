/** The part of bidi-js (the Unicode bidirectional algorithm, UAX #9) the access report uses; it ships no types. */
declare module "bidi-js" {
  export interface EmbeddingLevels {
    /** One level per UTF-16 code unit: odd is right to left. */
    levels: Uint8Array;
    paragraphs: { start: number; end: number; level: number }[];
  }
  export interface Bidi {
    getEmbeddingLevels(text: string, explicitDirection?: "ltr" | "rtl"): EmbeddingLevels;
    /** The character to draw for `char` in right-to-left text (a parenthesis turned round), or null. */
    getMirroredCharacter(char: string): string | null;
  }
  export default function bidiFactory(): Bidi;
}
