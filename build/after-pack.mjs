// electron-builder `afterPack` hook: sets the Electron fuses in the packaged binary, before
// electron-builder signs it (a fuse flip changes the binary, so it must come first). Fuses are
// bits compiled into Electron that switch features off for good; a packaged CRM holding personal
// data needs none of these debugging and scripting doors.
import { join } from "node:path";
import { flipFuses, FuseV1Options, FuseVersion } from "@electron/fuses";

/** What each fuse is set to, and why. */
export const FUSES = {
  version: FuseVersion.V1,
  // `ELECTRON_RUN_AS_NODE=1 "Jet Info CRM.exe" script.js` would run any script with the app's rights.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and local storage encrypted with the OS key store.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS=--require=… would inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open a debugger on the main process, database included.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (macOS and Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is loaded, so the integrity check cannot be sidestepped by an app/ folder.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The page is served from app://crm, never file://: file: pages need no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The file the fuses live in, located the way electron-builder's own fuse step does. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === "darwin" || electronPlatformName === "mas") return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === "win32") return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
}

/** `flip` is injectable for tests; a binary without the fuse wire fails the build rather than ship unfused. */
export async function setFuses(context, flip = flipFuses) {
  const binary = electronBinaryPath(context);
  // Flipping fuses breaks the ad-hoc signature of an unsigned Apple-silicon build; redo it (codesign
  // exists only on macOS, where macOS builds are made). A real signature is applied after this hook.
  const resetAdHocDarwinSignature = process.platform === "darwin" && (context.electronPlatformName === "darwin" || context.electronPlatformName === "mas");
  const sentinels = await flip(binary, { ...FUSES, resetAdHocDarwinSignature });
  if (!sentinels) throw new Error(`No fuse wire was set in ${binary}`);
  return binary;
}

export default async function afterPack(context) {
  await setFuses(context);
}
