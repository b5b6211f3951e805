import { sql } from "drizzle-orm";
import type { Reads } from "../engine";

/**
 * What the diagnostics and backup screens show for a team server on PostgreSQL, in place of the
 * SQLite file's size and backup folder: the server, the database's size, and the facts IT needs to
 * see that its own backups run (the app copies no PostgreSQL database: `pg_dump`, or base backups
 * with WAL archiving, are IT's, as is a standby). Every fact here is readable by the app's
 * everyday role; those PostgreSQL hides from it (a standby's address) are left out, not guessed.
 */
export interface PgServerState {
  /** `server_version`, e.g. "15.14 (Debian 15.14-0+deb12u1)". */
  serverVersion: string;
  database: string;
  databaseBytes: number;
  /** Connections to this database now, the server's own included. */
  connections: number;
  /** `replica` or `logical` allows base backups and archiving; `minimal` does not. */
  walLevel: string;
  /** `on` or `always` when WAL segments are archived (point-in-time recovery); `off` otherwise. */
  archiveMode: string;
  archiver: {
    archivedCount: number;
    lastArchivedWal: string | null;
    /** Epoch milliseconds, as every time in the app. */
    lastArchivedAt: number | null;
    failedCount: number;
    lastFailedWal: string | null;
    lastFailedAt: number | null;
  };
  /** Standbys streaming from this server, by the name they give (`application_name`). */
  standbys: { name: string; state: string | null; replayLagMs: number | null }[];
}

export async function pgServerState(tx: Reads): Promise<PgServerState> {
  const server = await tx.one<{ serverVersion: string; database: string; databaseBytes: number; connections: number; walLevel: string; archiveMode: string }>(sql`
    SELECT current_setting('server_version') AS "serverVersion",
           current_database() AS "database",
           pg_database_size(current_database()) AS "databaseBytes",
           (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) AS "connections",
           current_setting('wal_level') AS "walLevel",
           current_setting('archive_mode') AS "archiveMode"`);
  const archiver = await tx.one<PgServerState["archiver"]>(sql`
    SELECT archived_count AS "archivedCount", last_archived_wal AS "lastArchivedWal",
           (extract(epoch FROM last_archived_time) * 1000)::int8 AS "lastArchivedAt",
           failed_count AS "failedCount", last_failed_wal AS "lastFailedWal",
           (extract(epoch FROM last_failed_time) * 1000)::int8 AS "lastFailedAt"
    FROM pg_stat_archiver`);
  const standbys = await tx.all<{ name: string; state: string | null; replayLagMs: number | null }>(sql`
    SELECT application_name AS "name", state,
           (extract(epoch FROM replay_lag) * 1000)::int8 AS "replayLagMs"
    FROM pg_stat_replication ORDER BY application_name`);
  return { ...server!, archiver: archiver!, standbys };
}
