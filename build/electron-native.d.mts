// Types for build/electron-native.mjs, so TypeScript tests can import it.
export declare const ELECTRON_HEADERS_URL: string;
export declare function sqlitePackageDir(root: string): string;
export declare function electronNativeDir(root: string, electronVersion: string): string;
export declare function nativeBindingPath(dir: string): string;
export declare function findNodeGyp(env?: NodeJS.ProcessEnv, execPath?: string): string;
export declare function ensureElectronNative(options: {
  root: string;
  electronVersion: string;
  nodeGyp?: string;
  run?: (nodeGyp: string, args: string[], cwd: string) => number;
  log?: (line: string) => void;
}): string;
