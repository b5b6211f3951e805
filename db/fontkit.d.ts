/**
 * The part of fontkit (pdfkit's font engine, listed in package.json at pdfkit's version) that the
 * access report asks directly: which characters a font has, and whether it shapes text. fontkit
 * ships no types of its own.
 */
declare module "fontkit" {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    readonly ascent: number;
    readonly unitsPerEm: number;
    /** Present when the font has OpenType layout: fontkit then shapes and orders right-to-left runs itself. */
    readonly GSUB?: unknown;
    readonly GPOS?: unknown;
  }
  export interface FontCollection {
    readonly fonts: Font[];
  }
  export function create(buffer: Buffer, postscriptName?: string): Font | FontCollection;
}
