import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * Where the migrations are at run time. They ship inside the app, next to the bundles:
 * - development (`electron dist/main.cjs`, `node dist/web.cjs`): `<dist>/migrations`, copied there
 *   by build/bundle.mjs;
 * - the installed app: `<resources>/app.asar/dist/migrations` — inside the archive, so the ASAR
 *   integrity fuse covers the SQL the app runs against the database (a file beside the archive
 *   could be edited by anyone who can write to a per-user install folder). Electron reads files
 *   inside app.asar with plain `fs`.
 */
export interface MigrationsLocation {
  isPackaged: boolean;
  /** `process.resourcesPath` in Electron. */
  resourcesPath: string | undefined;
  /** The folder of the running bundle (`__dirname` of main.cjs / web.cjs). */
  distDir: string;
}

export const JOURNAL = join("meta", "_journal.json");

export function migrationsDirCandidate(location: MigrationsLocation): string {
  if (location.isPackaged) {
    if (!location.resourcesPath) throw new Error("The packaged app has no resources folder (process.resourcesPath is unset).");
    return join(location.resourcesPath, "app.asar", "dist", "migrations");
  }
  return join(location.distDir, "migrations");
}

/** The migrations folder, checked: a missing journal is a broken install, said plainly rather than as ENOENT later. */
export function resolveMigrationsDir(location: MigrationsLocation, exists: (path: string) => boolean = existsSync): string {
  const dir = migrationsDirCandidate(location);
  if (!exists(join(dir, JOURNAL))) {
    throw new Error(
      location.isPackaged
        ? `The installation is incomplete: the database migrations are missing (${dir}). Reinstall Jet Info CRM.`
        : `The database migrations are missing (${dir}). Run "npm run build" first.`,
    );
  }
  return dir;
}
