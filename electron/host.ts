import { homedir } from "node:os";
import { join } from "node:path";
import { version as packageVersion } from "../package.json";
import {
  backupFolder,
  backupPath,
  createBackup,
  listBackups,
  restoreBackup,
  RestoreFailedError,
  removeInterruptedBackups,
  removeInterruptedRestore,
  rotateBackups,
  type VerifiedBackup,
} from "../db/backups";
import { advanceAuditAnchor, resetAuditAnchor, type AuditAnchor } from "../db/audit-anchor";
import { lockDataFolder, type DataFolderLock } from "../db/data-folder-lock";
import { emptyWal } from "../db/erasure";
import { AppError } from "../db/errors";
import { applyRetentionAtStartup, type RetentionRule } from "../db/retention";
import { loadMigrations, schemaVersion } from "../db/migrate";
import { openDatabase, type Db } from "../db/open";
import type { ServedDb } from "../db/served";
import { getSettingSync } from "../db/settings";
import { hasWalPending, retryWalTruncation } from "../db/wal-truncation";
import { createDispatcher, type Dispatcher } from "./api/dispatcher";
import type { HostControl } from "./api/host-control";
import type { Operation } from "./api/operation";
import { registry } from "./api/registry";
import { removeLeftoverExports } from "./export/jobs";
import { WorkerPool } from "./workers/pool";
import { createLogger, describeError, installCrashLogging, type Logger } from "./log";

export const APP_NAME = "Jet Info CRM";
export const DATABASE_FILE = "jetinfo-crm.sqlite";

/** Electron's default userData folder, so the browser mode finds the same data. */
export function defaultDataDir(): string {
  if (process.platform === "win32") return join(process.env.APPDATA ?? join(homedir(), "AppData", "Roaming"), APP_NAME);
  if (process.platform === "darwin") return join(homedir(), "Library", "Application Support", APP_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), APP_NAME);
}

/** `--data <folder>` / `--port <n>` / `--call <number>` from a command line. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

/** What the transports need of a host, whichever database it serves (this file's, or electron/pg-host.ts's). */
export interface ApiHost {
  readonly db: ServedDb;
  dispatcher: Dispatcher;
  dataDir: string;
  logger: Logger;
  control: HostControl;
  /** Resolves once no backup or restore is running (tests; a clean quit). */
  whenIdle(): Promise<void>;
  /** Browser mode: the address a second start on this data folder is pointed to. */
  recordUrl(url: string): void;
  close(): void | Promise<void>;
}

/** The host of a SQLite file: a desk's, or a team server's. */
export interface Host extends ApiHost {
  /** The open database; a restore replaces it, so read it here each time rather than keeping it. */
  readonly db: Db;
  close(): void;
}

export interface HostOptions {
  dataDir: string;
  migrationsDir: string;
  nativeBinding?: string;
  /** Electron's app.getVersion(); package.json's version otherwise. */
  appVersion?: string;
  now?: () => number;
  /** The start-up backup and the periodic one; off in tests that count backups themselves. */
  scheduleBackups?: boolean;
}

/** How often the host asks whether the periodic backup is due: cheap, and robust to sleep and setting changes. */
const BACKUP_CHECK_MS = 10 * 60_000;
/** How often an erasure's WAL truncation is tried again while a reader holds an older snapshot. */
const WAL_RETRY_MS = 250;
/** After this, the host stops trying by itself (a reader stuck for an hour is a bug to log); a status call or the next erasure tries again. */
const WAL_RETRY_LIMIT_MS = 60 * 60_000;

/** How long a quit waits for a running backup or restore: seconds on a large file; a hung one must not keep the app open. */
export const QUIT_WAIT_MS = 30_000;

/**
 * Waits, before a quit, until no backup or restore is running — at most `limitMs`. Closing the
 * connection mid-copy would abandon a backup, or leave a restore half done. Resolves false (and
 * logs it) when the wait was cut short.
 */
export function settleBeforeQuit(host: ApiHost, limitMs = QUIT_WAIT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), limitMs);
  });
  return Promise.race([host.whenIdle().then(() => true), limit]).then((idle) => {
    clearTimeout(timer);
    if (!idle) host.logger.warn("host.quitWhileBusy", { waitedMs: limitMs });
    return idle;
  });
}

/** An automatic backup is due when the newest one is at least `intervalHours` old (or there is none). */
export function backupDue(newestAutoAt: number | undefined, intervalHours: number, now: number): boolean {
  return newestAutoAt === undefined || now - newestAutoAt >= intervalHours * 3_600_000;
}

/**
 * The API host both shells share: the database in the data folder, the dispatcher over it, the
 * log, crash logging, and the backups (at start-up, then whenever `backup.intervalHours` passed).
 */
export function openHost(options: HostOptions): Host {
  const { dataDir } = options;
  const now = options.now ?? Date.now;
  const { folderLock, logger, uninstallCrashLogging } = openDataFolder(dataDir, options.nativeBinding);
  const appSchemaVersion = loadMigrations(options.migrationsDir).length;
  const open = (file: string) => openDatabase(file, { migrationsDir: options.migrationsDir, backupDir: join(dataDir, "backups"), nativeBinding: options.nativeBinding });

  let db: Db;
  try {
    db = open(join(dataDir, DATABASE_FILE));
  } catch (error) {
    logger.error("database.openFailed", describeError(error));
    uninstallCrashLogging();
    folderLock.release();
    throw error;
  }
  logger.info("host.started", { version: options.appVersion ?? packageVersion, schema: schemaVersion(db.sqlite) });

  // Backups and restores take turns: a restore closes the connection a backup would be reading.
  let jobs: Promise<unknown> = Promise.resolve();
  function exclusive<T>(job: () => Promise<T>): Promise<T> {
    const result = jobs.then(job);
    jobs = result.catch(() => undefined);
    return result;
  }

  /** Records the audit chain's head outside the database: in audit-anchor.json and in this log. */
  function anchorAudit(): void {
    try {
      logAuditAnchor(logger, advanceAuditAnchor(db, now()));
    } catch (error) {
      logger.error("audit.anchorFailed", describeError(error));
    }
  }

  function rotate(): void {
    const policy = { keep: getSettingSync(db, "backup.keep"), retentionDays: getSettingSync(db, "backup.retentionDays"), now: now() };
    // The default folder too: the copies taken before a schema upgrade are always written there.
    for (const folder of new Set([backupFolder(db), join(dataDir, "backups")])) {
      const deleted = rotateBackups(folder, policy);
      if (deleted.length) logger.info("backup.rotated", { deleted: deleted.length });
      // Run inside the backup queue: no copy of ours is being written, so any partial is stale.
      const stale = removeInterruptedBackups(folder);
      if (stale.length) logger.info("backup.partialsRemoved", { files: stale.length });
    }
  }

  function backup(kind: "auto" | "manual"): Promise<VerifiedBackup> {
    return exclusive(async () => {
      // Queued before a quit: the connection is gone, and so is the need.
      if (closed) throw new Error("The host is closed");
      try {
        const made = await createBackup(db, { folder: backupFolder(db), kind, now: now(), nativeBinding: options.nativeBinding });
        logger.info("backup.created", { kind, bytes: made.bytes, schema: made.schemaVersion });
        // Closed while the copy finished: close() anchored the log already, and the connection is gone.
        if (!closed) {
          anchorAudit();
          rotate();
        }
        return made;
      } catch (error) {
        // Closed while copying (a quit that did not wait, a test ending): the copy is abandoned and
        // its partial file removed; nothing failed.
        if (closed) logger.info("backup.abandoned", { kind });
        else logger.error("backup.failed", { kind, ...describeError(error) });
        throw error;
      } finally {
        // The backup read the database: an erasure waiting for readers to let go can finish now.
        if (!closed) tryEmptyWal();
      }
    });
  }

  // An erasure committed while a reader held an older snapshot: its old pages are still in the WAL.
  let walTimer: NodeJS.Timeout | undefined;
  let walWaitingSince = 0;
  function stopWalTimer() {
    if (walTimer) clearInterval(walTimer);
    walTimer = undefined;
  }
  function tryEmptyWal() {
    if (closed) return stopWalTimer();
    const attempt = retryWalTruncation(db);
    if (attempt.outcome === "emptied") logger.info("wal.emptied", { removals: attempt.removals, waitedMs: now() - walWaitingSince });
    if (attempt.outcome !== "busy") return stopWalTimer();
    if (walTimer && now() - walWaitingSince > WAL_RETRY_LIMIT_MS) {
      logger.warn("wal.stillHeld", { waitedMs: now() - walWaitingSince });
      stopWalTimer();
    }
  }
  // The first attempt waits for the event loop's next turn: the erasure's answer leaves first
  // (the checkpoint's fsyncs are not the agent's wait), then the WAL is emptied at once.
  let walAttemptQueued = false;
  function emptyWalSoon() {
    if (closed || walAttemptQueued || !hasWalPending(db)) return;
    walAttemptQueued = true;
    setImmediate(() => {
      walAttemptQueued = false;
      startEmptyingWal();
    });
  }
  function startEmptyingWal() {
    if (closed || !hasWalPending(db)) return;
    if (!walTimer) walWaitingSince = now();
    tryEmptyWal();
    if (walTimer || !hasWalPending(db)) return;
    walTimer = setInterval(tryEmptyWal, WAL_RETRY_MS);
    // Must not keep a quitting process (or a finished test) alive; close() stops it too.
    walTimer.unref();
  }

  // Heavy reads (export previews, audit verification, access reports, integrity checks) run in
  // worker threads, each with its own read-only connection: one manager's preview must not hold the
  // thread that answers every desk's lookups.
  const workers = new WorkerPool({ db: () => db, nativeBinding: options.nativeBinding });

  const control: HostControl = {
    appVersion: options.appVersion ?? packageVersion,
    log: logger,
    appSchemaVersion,
    backupNow: (kind) => backup(kind),
    emptyWalSoon,
    restore: (name) =>
      exclusive(async () => {
        const folder = backupFolder(db);
        const source = backupPath(folder, name);
        // The worker threads' connections close first: no connection may stay open on a file being
        // replaced, nor answer from the old one. They reopen on the file in place at the next job.
        await workers.stop("restoring");
        try {
          const result = await restoreBackup(db, source, { folder, appSchemaVersion, now: now(), reopen: open, nativeBinding: options.nativeBinding });
          db = result.db;
          try {
            // The restored log is the reference now, shorter than the last anchor or not.
            const head = resetAuditAnchor(db, now());
            logger.info("audit.anchored", { entries: head.entries, lastId: head.lastId, head: head.head, restored: true });
          } catch (error) {
            logger.error("audit.anchorFailed", describeError(error));
          }
          // Nothing any desk read describes the restored file: the live updates say "read everything".
          dispatcher.feed.reset();
          // Everyone logs in again: the restored file has its own accounts, roles and passwords.
          dispatcher.sessions.clear();
          logger.info("backup.restored", { schema: result.schemaVersion });
          return { restored: name, safetyCopy: result.safetyCopy.name, schemaVersion: result.schemaVersion };
        } catch (error) {
          if (error instanceof RestoreFailedError) {
            db = error.db;
            logger.error("backup.restoreFailed", describeError(error.failure));
          } else if (error instanceof AppError) {
            // The chosen file was refused (damaged, from a newer version, no administrator): the
            // user's choice, told to them; nothing went wrong in the app.
            logger.info("backup.restoreRefused", { code: error.code, reason: error.reason });
          } else logger.warn("backup.restoreRefused", describeError(error));
          throw error;
        } finally {
          workers.resume();
        }
      }),
  };

  const dispatcher = createDispatcher(registry as unknown as Record<string, Operation>, {
    db: () => db,
    host: control,
    // One clock for the host and its sessions (idle lock, lifetime, login throttle): tests move it.
    now,
    workers,
    logError: (incident, operation, error) => logger.error("operation.failed", { op: operation, incident, ...describeError(error) }),
  });

  // What an interrupted run leaves holds personal data nobody will use: export files (finished or
  // half written), backup copies cut short (`*.sqlite.partial`), a restore's staging copy.
  removeLeftoverExports(dataDir);
  removeInterruptedRestore(db.file);
  for (const folder of new Set([backupFolder(db), join(dataDir, "backups")])) {
    try {
      const stale = removeInterruptedBackups(folder);
      if (stale.length) logger.info("backup.partialsRemoved", { files: stale.length });
    } catch (error) {
      // An unreachable backup folder (a network share) is no reason to keep the desk from starting.
      logger.warn("backup.partialsNotRemoved", describeError(error));
    }
  }

  const retaining = db;
  applyRetentionOnStart(db, now, logger, () => retaining.engine.exclusive(() => retaining.writer.open && emptyWal(retaining)), () => closed);

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  if (options.scheduleBackups !== false) {
    const runIfDue = () => {
      // A timer's throw ends the process (an unreadable backup folder, a closed connection): log it instead.
      try {
        const newestAuto = listBackups(backupFolder(db)).find((b) => b.kind === "auto");
        if (backupDue(newestAuto?.at, getSettingSync(db, "backup.intervalHours"), now())) backup("auto").catch(() => undefined);
      } catch (error) {
        logger.error("backup.checkFailed", describeError(error));
      }
    };
    // At start-up always: the copy from before today's work.
    backup("auto").catch(() => undefined);
    timer = setInterval(runIfDue, BACKUP_CHECK_MS);
    // The timer must not keep a quitting process (or a finished test) alive.
    timer.unref();
  }

  return {
    get db() {
      return db;
    },
    dispatcher,
    dataDir,
    logger,
    control,
    whenIdle: () => jobs.then(() => undefined),
    recordUrl: (url) => folderLock.recordUrl(url),
    close: () => {
      closed = true;
      if (timer) clearInterval(timer);
      stopWalTimer();
      anchorAudit();
      uninstallCrashLogging();
      // Their connections go with them; a job still running is refused (its caller is going too).
      void workers.close();
      db.close();
      folderLock.release();
    },
  };
}

/**
 * What every host opens in its data folder first: the folder's lock (a second instance stops here,
 * with DataFolderInUseError, before touching anything), the log, and crash logging into it.
 */
export function openDataFolder(dataDir: string, nativeBinding?: string): { folderLock: DataFolderLock; logger: Logger; uninstallCrashLogging: () => void } {
  const folderLock = lockDataFolder(dataDir, { nativeBinding });
  const logger = createLogger({
    dir: join(dataDir, "logs"),
    echo: (line, level) => {
      if (level !== "INFO") console.error(line);
    },
  });
  return { folderLock, logger, uninstallCrashLogging: installCrashLogging(logger) };
}

/**
 * The retention rules at start-up, as the engine's first transaction: every request waits its turn
 * behind it. Keeping old data one more day is no reason to keep a desk or a server from starting.
 * `clean`: the engine's clean-up once committed (SQLite empties its WAL). A host closed before the
 * run ended (a quit right after the start, a tool that opens and closes) abandoned it: rolled back
 * with the connection, nothing failed, and the next start applies the rules.
 */
export function applyRetentionOnStart(db: ServedDb, now: () => number, logger: Logger, clean: (done: Record<RetentionRule, number>) => Promise<unknown>, closed: () => boolean): void {
  void db.engine
    .transaction("write", (tx) => applyRetentionAtStartup(tx, now(), db.auditKey))
    .then(async (retained) => {
      if (!retained || closed()) return;
      await clean(retained);
      logger.info("retention.applied", retained);
    })
    .catch((error: unknown) => (closed() ? logger.info("retention.abandoned") : logger.error("retention.failed", describeError(error))));
}

/** An anchor's outcome in the host's log. */
export function logAuditAnchor(logger: Logger, { anchored, head }: { anchored: boolean; head: AuditAnchor }): void {
  if (anchored) logger.info("audit.anchored", { entries: head.entries, lastId: head.lastId, head: head.head });
  // The log no longer holds what the last anchor saw: that anchor is kept, audit.verify reports it.
  else logger.warn("audit.anchorRefused", { entries: head.entries, lastId: head.lastId });
}
