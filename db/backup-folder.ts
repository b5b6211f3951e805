import { accessSync, constants, mkdirSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import type { Reason } from "./errors";

/**
 * The `backup.folder` setting as a place on disk, or why it cannot hold backups. Checked when an
 * administrator sets it, and again on every read: a value stored by an older version (which let a
 * NUL, the database's own path or /proc through) must not break backups, their list or the
 * diagnostics.
 */
export type BackupFolderChoice = { folder: string; problem?: undefined } | { folder?: undefined; problem: BackupFolderProblem };

export type BackupFolderProblem = Extract<
  Reason,
  "backup_folder_characters" | "backup_folder_system" | "backup_folder_database" | "backup_folder_not_folder" | "backup_folder_not_writable"
>;

// Control characters (NUL first of all) make no sense in a folder name and some file APIs throw on them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Kernel and device file systems: they look like folders, but a backup written there is lost or harmful. */
const SYSTEM_ROOTS = process.platform === "win32" ? [] : ["/proc", "/sys", "/dev"];

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * Pure path checks, cheap enough for every read (a stat or two): the folder the value names,
 * relative to the data folder, or the problem. Whether it can be written is checked when it is set.
 */
export function resolveBackupFolder(dataDir: string, databaseFile: string, value: string): BackupFolderChoice {
  const chosen = value.trim();
  if (!chosen) return { folder: join(dataDir, "backups") };
  if (hasControlCharacters(chosen)) return { problem: "backup_folder_characters" };
  const folder = isAbsolute(chosen) ? resolve(chosen) : resolve(dataDir, chosen);
  // Through symbolic links too: a link to /proc/self is /proc.
  const real = realPathOfExistingPart(folder);
  if (SYSTEM_ROOTS.some((root) => real === root || real.startsWith(root + sep))) return { problem: "backup_folder_system" };
  const database = realPathOfExistingPart(databaseFile);
  for (const file of [database, `${database}-wal`, `${database}-shm`]) {
    if (real === file || real.startsWith(file + sep)) return { problem: "backup_folder_database" };
  }
  const stats = statSync(folder, { throwIfNoEntry: false });
  if (stats && !stats.isDirectory()) return { problem: "backup_folder_not_folder" };
  return { folder };
}

/** Creates the folder when missing and checks it can be written: a folder that cannot take a backup is refused when set. */
export function ensureWritableFolder(folder: string): BackupFolderProblem | undefined {
  try {
    mkdirSync(folder, { recursive: true });
    if (!statSync(folder).isDirectory()) return "backup_folder_not_folder";
    accessSync(folder, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // mkdir through a file ("jetinfo-crm.sqlite/backups"): the path is not a folder.
    if (code === "ENOTDIR" || code === "EEXIST") return "backup_folder_not_folder";
    return "backup_folder_not_writable";
  }
}

/** The real path of a path's longest existing ancestor, with the rest appended (the folder may not exist yet). */
function realPathOfExistingPart(path: string): string {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(existing), ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest.push(existing.slice(parent.length).replace(/^[\\/]+/, ""));
      existing = parent;
    }
  }
}
