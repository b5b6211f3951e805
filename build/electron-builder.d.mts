// Types for build/electron-builder.mjs, so TypeScript tests can import it.
import type { Configuration } from "app-builder-lib";

declare const config: Configuration;
export default config;
export declare const UNUSED_FONT_FILES: string[];
