import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

/**
 * One running instance per data folder, whatever the mode (desktop, browser, later the team
 * server): two processes on one database lose each other's work (a restore on one drops writes
 * acknowledged by the other, a password reset leaves the other's sessions alive, an export start
 * wipes the other's `exports/`).
 *
 * The lock is SQLite's own exclusive lock on a small file in the data folder, held for the life
 * of the process: an OS-level lock (fcntl on POSIX, LockFileEx on Windows) that the system
 * releases when the process ends, however it ends. A crashed instance leaves no stale lock to
 * guess about (no pid file, no socket file to unlink), and two instances starting together cannot
 * both win. SQLite also sees the lock between two connections of one process.
 */

export const LOCK_FILE = "jetinfo-crm.lock";
/** The browser mode's address (with its launch token), for a second start on the same folder. */
export const RUNNING_URL_FILE = "jetinfo-crm.url";

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    /** The running browser mode's address, when it wrote one. */
    readonly runningUrl: string | undefined,
  ) {
    super(`Jet Info CRM is already running on this data folder (${dataDir})${runningUrl ? `: ${runningUrl}` : ""}`);
    this.name = "DataFolderInUseError";
  }
}

export interface DataFolderLock {
  /** Lets the next instance start; removes the address this one recorded. */
  release(): void;
  /** Records the browser mode's address so that a second start can point to it. */
  recordUrl(url: string): void;
}

export function lockDataFolder(dataDir: string, options: { nativeBinding?: string } = {}): DataFolderLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  const lock = new Database(file, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    // Kept after the transaction too, and never handed back until the connection closes.
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") throw new DataFolderInUseError(dataDir, readRunningUrl(dataDir));
    throw error;
  }
  const urlFile = join(dataDir, RUNNING_URL_FILE);
  // Left by an instance that crashed: its address is dead.
  rmSync(urlFile, { force: true });
  let recorded = false;
  return {
    release: () => {
      if (recorded) rmSync(urlFile, { force: true });
      recorded = false;
      if (lock.open) lock.close();
    },
    recordUrl: (url) => {
      // Only this OS account may read it: it carries the launch token (as the console line does).
      writeFileSync(urlFile, url, { mode: 0o600 });
      recorded = true;
    },
  };
}

/** Read only while another instance holds the lock: a file left by a crash is never trusted on its own. */
function readRunningUrl(dataDir: string): string | undefined {
  try {
    const url = readFileSync(join(dataDir, RUNNING_URL_FILE), "utf8").trim();
    return /^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+$/.test(url) ? url : undefined;
  } catch {
    return undefined;
  }
}
