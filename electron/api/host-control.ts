import type { VerifiedBackup } from "../../db/backups";
import type { Logger } from "../log";

/**
 * What the host (electron/host.ts) lends to the operations that act on the database file itself
 * rather than on its rows. Absent when a dispatcher runs on its own (unit tests).
 */
export interface HostControl {
  readonly appVersion: string;
  /** The application log (ids and codes only: see electron/log.ts). */
  readonly log: Logger;
  /** Newest schema this build can open (the number of migrations it ships). */
  readonly appSchemaVersion: number;
  /** A verified backup now; waits for any backup or restore already running. */
  backupNow(kind: "manual"): Promise<VerifiedBackup>;
  /**
   * An erasure or retention run left old pages in the WAL: try to empty it on the event loop's
   * next turn (after the operation answered), then every 250 ms until the readers let go
   * (db/wal-truncation.ts keeps which removals wait).
   */
  emptyWalSoon(): void;
  /** Replaces the database with a backup from the backup folder, then ends every session. */
  restore(name: string): Promise<{ restored: string; safetyCopy: string; schemaVersion: number }>;
}
