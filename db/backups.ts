import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { resolveBackupFolder } from "./backup-folder";
import { AppError, message } from "./errors";
import type { Language } from "./schema";
import { hasSqliteHeader, readFileFactsInWorker, type FileCheckOptions, type FileFacts } from "./file-check";
import type { Db, ReadableDb } from "./open";
import { getSettingSync } from "./settings";
import type { BackupInfo, BackupKind, VerifiedBackup } from "../common/contract/backups";
export type { BackupInfo, BackupKind, VerifiedBackup } from "../common/contract/backups";

/**
 * Copies of the database file: taken with SQLite's online backup API (the app keeps working while
 * pages are copied), verified, rotated, and put back on request.
 *
 * - `auto`: at start-up and every `backup.intervalHours`; only these count towards `backup.keep`.
 * - `manual`: "Sauvegarder maintenant".
 * - `before-restore`: the database as it was just before a restore replaced it.
 * - `before-upgrade`: the copy db/open.ts takes before migrating to a new schema.
 * Every kind is deleted once older than `backup.retentionDays`: erased people must leave every copy.
 */
/** A fresh copy that failed its own check (disk full, failing disk): the backup is not kept. */
export class BackupVerificationError extends Error {
  constructor(readonly reason: string) {
    super(`The backup copy failed verification (${reason}); it was deleted.`);
    this.name = "BackupVerificationError";
  }
}

/** The restored file could not be opened; the previous database was put back and is open again. */
export class RestoreFailedError extends Error {
  constructor(
    readonly db: Db,
    readonly failure: unknown,
  ) {
    super("The restored database could not be opened; the previous database was put back.");
    this.name = "RestoreFailedError";
  }
}

const PREFIX = "jetinfo-crm-backup-";
// 2026-11-25T090000.123Z: sorts by name, no ':' (Windows), unique to the millisecond.
const OURS = /^jetinfo-crm-backup-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z-(auto|manual|before-restore)\.sqlite$/;
// Written by db/open.ts before a migration: <base>-schema<n>-2026-11-25T09-00-00-000Z.sqlite
const UPGRADE = /^[\w.-]+-schema\d+-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.sqlite$/;
const DAY = 86_400_000;

function stamp(at: number): string {
  const iso = new Date(at).toISOString(); // 2026-11-25T09:00:00.123Z
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}.${iso.slice(20, 23)}Z`;
}

/** The kind and date a backup's name carries, or undefined for any other file. */
export function parseBackupName(name: string): { kind: BackupKind; at: number } | undefined {
  const ours = OURS.exec(name);
  if (ours) return { kind: ours[6] as BackupKind, at: Date.parse(`${ours[1]}T${ours[2]}:${ours[3]}:${ours[4]}.${ours[5]}Z`) };
  const upgrade = UPGRADE.exec(name);
  if (upgrade) return { kind: "before-upgrade", at: Date.parse(`${upgrade[1]}T${upgrade[2]}:${upgrade[3]}:${upgrade[4]}.${upgrade[5]}Z`) };
  return undefined;
}

/** The backups in a folder, newest first. A missing folder has none. */
export function listBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const found: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const stats = statSync(join(folder, name), { throwIfNoEntry: false });
    if (stats?.isFile()) found.push({ name, ...parsed, bytes: stats.size });
  }
  return found.sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
}

/**
 * The path of a backup chosen by name, only if it is one of the folder's backups: a name from the
 * client never reaches the file system as a path (`../`, absolute paths, other files are refused).
 */
export function backupPath(folder: string, name: string): string {
  const listed = listBackups(folder).find((backup) => backup.name === name);
  if (!listed) throw new AppError("NOT_FOUND", "backup_not_found", {}, "name");
  return join(folder, listed.name);
}

/** Takes a verified copy of the open database. The copy is a single file (no WAL) named after the time. */
export async function createBackup(
  db: Db,
  options: { folder: string; kind: Exclude<BackupKind, "before-upgrade">; now: number; nativeBinding?: string },
): Promise<VerifiedBackup> {
  mkdirSync(options.folder, { recursive: true });
  let at = options.now;
  while (existsSync(join(options.folder, `${PREFIX}${stamp(at)}-${options.kind}.sqlite`))) at += 1;
  const name = `${PREFIX}${stamp(at)}-${options.kind}.sqlite`;
  const target = join(options.folder, name);
  // Written under another name first: a crash mid-copy never leaves a half file in the list.
  const partial = `${target}.partial`;
  try {
    await db.sqlite.backup(partial);
    let version: number;
    try {
      ({ schemaVersion: version } = await verifyDatabaseFile(partial, { singleFile: true, nativeBinding: options.nativeBinding }));
    } catch (error) {
      // Not the user's input at fault: the disk or the copy is. Logged as an incident.
      throw new BackupVerificationError(error instanceof AppError ? error.reason : "unreadable");
    }
    renameSync(partial, target);
    return { name, kind: options.kind, at, bytes: statSync(target).size, schemaVersion: version };
  } finally {
    removeDatabaseFiles(partial);
  }
}

/**
 * Checks a database file on its own connection, in a worker thread: an SQLite header,
 * `integrity_check` ok, and a Jet Info CRM schema not newer than this app's. `singleFile` turns a
 * copy into a self-contained rollback-journal file (the backup API copies the source's WAL flag),
 * so the copy can be moved or opened read-only.
 */
export async function verifyDatabaseFile(
  file: string,
  options: FileCheckOptions & { appSchemaVersion?: number; requireActiveAdmin?: boolean } = {},
): Promise<{ schemaVersion: number }> {
  if (!hasSqliteHeader(file)) throw new AppError("VALIDATION", "backup_not_sqlite", {}, "name");
  let facts: FileFacts;
  try {
    facts = await readFileFactsInWorker(file, options);
  } catch {
    // SQLITE_NOTADB, SQLITE_CORRUPT and friends: the file cannot be trusted.
    throw new AppError("VALIDATION", "backup_corrupt", {}, "name");
  }
  if (facts.integrity.length !== 1 || facts.integrity[0] !== "ok") throw new AppError("VALIDATION", "backup_corrupt", {}, "name");
  if (facts.schemaVersion < 1 || !facts.hasUsers) throw new AppError("VALIDATION", "backup_not_crm", {}, "name");
  if (options.appSchemaVersion !== undefined && facts.schemaVersion > options.appSchemaVersion) {
    throw new AppError("VALIDATION", "backup_from_future", { version: String(facts.schemaVersion), supported: String(options.appSchemaVersion) }, "name");
  }
  // The first start-up backup is taken before setup: restored, it would reopen first-run setup to
  // anyone holding the launch address. A copy nobody can administer is refused.
  if (options.requireActiveAdmin && !facts.hasActiveAdmin) throw new AppError("VALIDATION", "backup_no_admin", {}, "name");
  return { schemaVersion: facts.schemaVersion };
}

/** `jetinfo-crm-backup-….sqlite.partial` (or `-schema<n>-…`, before an upgrade) and its journal files: a copy being written, or cut short. */
const PARTIAL = /^jetinfo-crm-(backup|schema\d+)-.+\.sqlite\.partial(-wal|-shm|-journal)?$/;

/**
 * Deletes the copies a backup interrupted by a stop or a crash left behind (`*.sqlite.partial`):
 * full copies of the database no list, rotation or retention would ever see. Call only while no
 * backup is being written into the folder (start-up, and the backup queue between two backups).
 */
export function removeInterruptedBackups(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const removed = readdirSync(folder).filter((name) => PARTIAL.test(name));
  for (const name of removed) rmSync(join(folder, name), { force: true });
  return removed;
}

/** The staging copy of a restore cut short (db/backups.ts `restoreBackup`), beside the database file. */
export function removeInterruptedRestore(databaseFile: string): void {
  removeDatabaseFiles(`${databaseFile}.restoring`);
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Deletes the automatic backups beyond the newest `keep`, and every backup (any kind) taken more
 * than `retentionDays` ago. Returns the names deleted.
 */
export function rotateBackups(folder: string, policy: { keep: number; retentionDays: number; now: number }): string[] {
  const cutoff = policy.now - policy.retentionDays * DAY;
  const deleted: string[] = [];
  let autoSeen = 0;
  for (const backup of listBackups(folder)) {
    const surplus = backup.kind === "auto" && ++autoSeen > policy.keep;
    if (surplus || backup.at < cutoff) {
      rmSync(join(folder, backup.name), { force: true });
      deleted.push(backup.name);
    }
  }
  return deleted;
}

/**
 * Until when a backup may still hold data erased now: the newest backup taken today is deleted
 * `retentionDays` (setting `backup.retentionDays`) from now. The privacy feature prints this date
 * on an erasure.
 */
export function backupsHeldUntil(retentionDays: number, now: number): number {
  return now + retentionDays * DAY;
}

export interface RestoreOptions {
  /** Where the copy of the current database goes before it is replaced. */
  folder: string;
  /** The newest schema this version of the app can open. */
  appSchemaVersion: number;
  now: number;
  /** Opens the database file again (with the host's migrations and native binding). */
  reopen: (file: string) => Db;
  nativeBinding?: string;
}

/**
 * Replaces the open database with a backup and returns the database opened again. The chosen file
 * is copied to a staging file and that copy is checked, so what is installed is exactly what was
 * verified; a file that is not SQLite, fails `integrity_check`, or comes from a newer schema is
 * refused before anything of the current database is touched. The current database is backed up
 * (`before-restore`) before it is replaced.
 */
export async function restoreBackup(current: Db, source: string, options: RestoreOptions): Promise<{ db: Db; safetyCopy: VerifiedBackup; schemaVersion: number }> {
  const file = current.file;
  const staging = `${file}.restoring`;
  removeDatabaseFiles(staging);
  let version: number;
  try {
    copyFileSync(source, staging);
    ({ schemaVersion: version } = await verifyDatabaseFile(staging, {
      singleFile: true,
      appSchemaVersion: options.appSchemaVersion,
      requireActiveAdmin: true,
      nativeBinding: options.nativeBinding,
    }));
  } catch (error) {
    removeDatabaseFiles(staging);
    throw error;
  }

  let safetyCopy: VerifiedBackup;
  try {
    safetyCopy = await createBackup(current, { folder: options.folder, kind: "before-restore", now: options.now, nativeBinding: options.nativeBinding });
  } catch (error) {
    removeDatabaseFiles(staging);
    throw error;
  }

  // Synchronous from here: no other call can reach the connection between close and reopen.
  // Checkpoint and close, then remove what is left of the WAL: a stale WAL beside the new file would
  // be replayed into it.
  current.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  current.close();
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  renameSync(staging, file);
  removeDatabaseFiles(staging);
  try {
    return { db: options.reopen(file), safetyCopy, schemaVersion: version };
  } catch (error) {
    // Should not happen after the checks; if it does, the previous database goes back in place.
    copyFileSync(join(options.folder, safetyCopy.name), file);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    throw new RestoreFailedError(options.reopen(file), error);
  }
}

/**
 * The folder from `backup.folder`, or `backups/` beside the database; a relative folder is read from
 * the data folder. A stored value that cannot hold backups (see db/backup-folder.ts) does not stop
 * them: they go to the default folder, and backupFolderProblem says why for the screens.
 */
export function backupFolder(db: ReadableDb): string {
  return resolveBackupFolder(dirname(db.file), db.file, getSettingSync(db, "backup.folder")).folder ?? join(dirname(db.file), "backups");
}

/** Why the chosen folder is not used, in the reader's language, or null when it is. */
export function backupFolderProblemText(db: ReadableDb, language: Language): string | null {
  const { problem } = resolveBackupFolder(dirname(db.file), db.file, getSettingSync(db, "backup.folder"));
  return problem ? message("backup_folder_unusable", language, { problem: message(problem, language) }) : null;
}
