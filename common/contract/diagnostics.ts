import { z } from "zod";
import { STAFF } from "../roles";
import type { BackupInfo } from "./backups";
import { operation, returns } from "./operation";

interface DiagnosticsBase {
  appVersion: string | null;
  schemaVersion: number;
  logFolder: string | null;
  runtime: string;
}

/** What support asks for on the phone: a SQLite file's facts, or a PostgreSQL server's. */
export type Diagnostics = FileDiagnostics | ServerDiagnostics;

export interface FileDiagnostics extends DiagnosticsBase {
  engine: "sqlite";
  databaseFile: string;
  /** The file and its WAL: the size on disk. */
  databaseBytes: number;
  backupFolder: string;
  /** Why backups cannot be written there, in the user's language; null when they can. */
  backupFolderProblem: string | null;
  lastBackup: BackupInfo | null;
}

/** A team server on PostgreSQL: the app copies no database there; IT's backups are shown as the server reports them. */
export interface ServerDiagnostics extends DiagnosticsBase {
  engine: "pg";
  /** host:port/database, never a user or a password. */
  where: string;
  /** The server was given its owner (--database-owner): it vacuums the tables after an erasure. */
  vacuumsAfterErasure: boolean;
  server: PgServerState;
}

/**
 * The PostgreSQL server's state as the app's everyday role can read it (db/pg/server-state.ts):
 * the facts IT needs to see that its own backups and standbys run.
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

export interface IntegrityCheck {
  ok: boolean;
  /** SQLite's findings (pages, tables, indexes; never row contents), the first ones only. */
  problems: string[];
  foreignKeyProblems: number;
  checkedAt: number;
  ms: number;
}

/** Diagnostics for support, and the report of a crash in the page. */
export const diagnosticsContract = {
  "diagnostics.get": operation({ input: z.strictObject({}), roles: ["admin"], mutates: false, output: returns<Diagnostics>() }),

  "diagnostics.integrityCheck": operation({
    input: z.strictObject({}),
    roles: ["admin"],
    mutates: false,
    // Seconds on a large file: a second connection in a worker thread reads it, so every desk keeps working.
    detached: true,
    output: returns<IntegrityCheck>(),
  }),

  "diagnostics.reportError": operation({
    // Only what is safe to keep: the kind of failure, the screen, the error's class and the page's
    // incident id. No message: it could quote whatever was on the screen.
    input: z.strictObject({
      kind: z.enum(["error", "unhandledrejection", "render"]),
      // Only what a route can be made of; a well-formed route that is none of the app's screens
      // (a name typed into the address bar) is logged as "unknown", never as it came.
      route: z.string().max(200).regex(/^[\w/:*?-]*$/),
      // An error class (TypeError, ChunkLoadError…) or nothing: no free text.
      errorName: z.string().max(60).regex(/^(?:[A-Z][A-Za-z]{0,54}Error)?$/),
      incident: z.string().regex(/^[0-9a-f]{8}$/),
    }),
    roles: STAFF,
    mutates: false,
    whileLocked: true,
    output: returns<{ logged: boolean }>(),
  }),
};
