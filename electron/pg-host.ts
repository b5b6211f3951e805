import { version as packageVersion } from "../package.json";
import { advanceServedAuditAnchor } from "../db/audit-anchor";
import { vacuumAfterCommit } from "../db/erasure-vacuum";
import { AppError } from "../db/errors";
import { retentionTables } from "../db/retention";
import { loadMigrations } from "../db/migrate";
import { pgMigrationsDir } from "../db/pg/open";
import { openPgDb, type PgDb } from "../db/pg/served";
import { createDispatcher } from "./api/dispatcher";
import type { HostControl } from "./api/host-control";
import type { Operation } from "./api/operation";
import { registry } from "./api/registry";
import { exportJobsFor, removeLeftoverExports } from "./export/jobs";
import { applyRetentionOnStart, logAuditAnchor, openDataFolder, type ApiHost } from "./host";
import { describeError } from "./log";
import { WorkerPool } from "./workers/pool";

export interface PgHostOptions {
  /** The server's data folder: the lock, logs, the audit key and its anchor, exports, tls/. */
  dataDir: string;
  /** `--database`: the everyday role (db/pg/migrations/0002_app_role.sql). */
  databaseUrl: string;
  /** `--database-owner`: migrates at start, vacuums after an erasure. */
  ownerUrl?: string;
  appVersion?: string;
  now?: () => number;
  poolSize?: number;
}

/** The host of a team server whose database is PostgreSQL. */
export interface PgHost extends ApiHost {
  readonly db: PgDb;
  close(): Promise<void>;
}

/**
 * A team server on PostgreSQL: the data folder opened as for SQLite (lock, log, crash logging),
 * the database through its pool, the same dispatcher. What a file database does itself and a
 * PostgreSQL server leaves to IT (backups by copy, restore, the WAL, the integrity check) is
 * refused in a sentence (not_on_postgres); the diagnostics screen shows the server's state instead.
 * Heavy reads run in worker threads, as on SQLite, each on a connection of its own.
 */
export async function openPgHost(options: PgHostOptions): Promise<PgHost> {
  const { dataDir } = options;
  const now = options.now ?? Date.now;
  const { folderLock, logger, uninstallCrashLogging } = openDataFolder(dataDir);
  let db: PgDb;
  try {
    db = await openPgDb({ url: options.databaseUrl, ownerUrl: options.ownerUrl, keyFolder: dataDir, poolSize: options.poolSize });
  } catch (error) {
    logger.error("database.openFailed", describeError(error));
    uninstallCrashLogging();
    folderLock.release();
    throw error;
  }
  logger.info("host.started", { version: options.appVersion ?? packageVersion, schema: db.schemaVersion, database: db.where, owner: db.owner !== undefined });

  const notHere = () => Promise.reject(new AppError("CONFLICT", "not_on_postgres"));
  const control: HostControl = {
    appVersion: options.appVersion ?? packageVersion,
    log: logger,
    appSchemaVersion: loadMigrations(pgMigrationsDir()).length,
    backupNow: notHere,
    restore: notHere,
    // PostgreSQL has no WAL of ours to empty: an erasure's clean-up is a VACUUM (db/pg/vacuum.ts).
    emptyWalSoon: () => undefined,
  };
  // Heavy reads in worker threads, each with one connection of the app's role: an access report's
  // PDF (seconds of drawing) or a mailing list's CSV must not hold the thread every desk waits on.
  const workers = new WorkerPool({ db: () => db });
  const dispatcher = createDispatcher(registry as unknown as Record<string, Operation>, {
    db,
    host: control,
    now,
    workers,
    logError: (incident, operation, error) => logger.error("operation.failed", { op: operation, incident, ...describeError(error) }),
  });
  // An interrupted run's export files hold personal data nobody will download.
  removeLeftoverExports(dataDir);
  const anchorAudit = async () => {
    try {
      logAuditAnchor(logger, await advanceServedAuditAnchor(db, now()));
    } catch (error) {
      logger.error("audit.anchorFailed", describeError(error));
    }
  };
  // At every start too: entries removed while the server was down are caught against the last anchor.
  void anchorAudit();
  let closing: Promise<void> | undefined;
  // As after a retention run asked on screen: the changed tables vacuumed once committed.
  applyRetentionOnStart(db, now, logger, async (done) => vacuumAfterCommit(db, "retention", retentionTables(done), logger), () => closing !== undefined);

  return {
    db,
    dispatcher,
    dataDir,
    logger,
    control,
    whenIdle: () => Promise.resolve(),
    recordUrl: (url) => folderLock.recordUrl(url),
    close: () =>
      (closing ??= (async () => {
        try {
          // Export and heavy-read threads have connections of their own: they stop first.
          exportJobsFor(db).stopAll();
          await workers.close();
          // The audit chain's head recorded outside the database (audit-anchor.json in the data
          // folder), as a SQLite host does at every backup and at close.
          await anchorAudit();
          await db.close();
        } finally {
          uninstallCrashLogging();
          folderLock.release();
        }
      })()),
  };
}
