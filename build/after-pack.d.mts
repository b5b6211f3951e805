// Types for build/after-pack.mjs, so TypeScript tests can import it.
import type { FuseConfig } from "@electron/fuses";

export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
export declare const FUSES: FuseConfig;
export declare function electronBinaryPath(context: PackContext): string;
export declare function setFuses(context: PackContext, flip?: (binary: string, config: FuseConfig) => Promise<number>): Promise<string>;
export default function afterPack(context: PackContext): Promise<void>;
