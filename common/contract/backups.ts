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
