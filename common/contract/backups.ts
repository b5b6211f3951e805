import { z } from "zod";
import { operation, returns } from "./operation";

/**
 * Backups of the database file: kinds, and what the screens are told about each copy.
 * Every kind is deleted once older than `backup.retentionDays`: erased people must leave every copy.
 */
export type BackupKind = "auto" | "manual" | "before-restore" | "before-upgrade";

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  /** When it was taken (ms since epoch), read from the name so a copied file keeps its date. */
  at: number;
  bytes: number;
}

export interface VerifiedBackup extends BackupInfo {
  schemaVersion: number;
}

/** The backups screen: where copies go, which exist, and the rules that delete them. */
export interface BackupList {
  folder: string;
  /** Why the chosen `backup.folder` is not used (a value stored by an older version), or null. */
  folderProblem: string | null;
  backups: BackupInfo[];
  keep: number;
  retentionDays: number;
  intervalHours: number;
  /** Data erased now may survive in backups until this date. */
  heldUntil: number;
}

/** A restore done: the backup put back, the copy of the database it replaced, the schema it has. */
export interface RestoreResult {
  restored: string;
  safetyCopy: string;
  schemaVersion: number;
}

/** A backup is chosen by its file name, which must be one of the listed ones (checked again on disk). */
export const backupName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.-]+\.sqlite$/);

/** Backups of the database file: list, take one now, put one back. Administrators only. */
export const backupsContract = {
  "backups.list": operation({ input: z.strictObject({}), roles: ["admin"], mutates: false, output: returns<BackupList>() }),

  "backups.create": operation({
    input: z.strictObject({}),
    roles: ["admin"],
    mutates: true,
    detached: true,
    output: returns<VerifiedBackup>(),
  }),

  "backups.restore": operation({
    input: z.strictObject({ name: backupName }),
    roles: ["admin"],
    mutates: true,
    detached: true,
    output: returns<RestoreResult>(),
  }),
};
