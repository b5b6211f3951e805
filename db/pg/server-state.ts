import { sql } from "drizzle-orm";
import type { PgServerState } from "../../common/contract/diagnostics";
import type { Reads } from "../engine";

export type { PgServerState };

/**
 * What the diagnostics screen shows for a team server on PostgreSQL, in place of the SQLite file's
 * size and backup folder: the server, the database's size, and the facts IT needs to see that its
 * own backups run (the app copies no PostgreSQL database: `pg_dump`, or base backups with WAL
 * archiving, are IT's, as is a standby). Every fact here is readable by the app's everyday role;
 * those PostgreSQL hides from it (a standby's address) are left out, not guessed.
 */
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
