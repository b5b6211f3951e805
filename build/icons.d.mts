// Types for build/icons.mjs, so TypeScript tests can import it.
export declare const PNG_SIZES: number[];
export declare function renderPng(svg: Buffer, size: number): Buffer;
export declare function generateIcons(outDir?: string): { pngs: number[]; ico: number; icns: number };
