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

/** A packaged app without its migrations: a broken install, which the startup dialog says in words. */
export class MigrationsMissingError extends Error {
  constructor(readonly folder: string) {
    super(`The installation is incomplete: the database migrations are missing (${folder}). Reinstall Jet Info CRM.`);
    this.name = "MigrationsMissingError";
  }
}

/** The migrations folder, checked: a missing journal is a broken install, said plainly rather than as ENOENT later. */
export function resolveMigrationsDir(location: MigrationsLocation, exists: (path: string) => boolean = existsSync): string {
  const dir = migrationsDirCandidate(location);
  if (!exists(join(dir, JOURNAL))) {
    // A developer's checkout gets the developer's remedy; a packaged app, the user's.
    if (location.isPackaged) throw new MigrationsMissingError(dir);
    throw new Error(`The database migrations are missing (${dir}). Run "npm run build" first.`);
  }
  return dir;
}
