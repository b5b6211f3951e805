import { z } from "zod";
import { STAFF } from "../roles";
import type { BackupInfo } from "./backups";
import { operation, returns } from "./operation";

/** What support asks for on the phone. */
export interface Diagnostics {
  appVersion: string | null;
  schemaVersion: number;
  databaseFile: string;
  /** The file and its WAL: the size on disk. */
  databaseBytes: number;
  backupFolder: string;
  /** Why backups cannot be written there, in the user's language; null when they can. */
  backupFolderProblem: string | null;
  lastBackup: BackupInfo | null;
  logFolder: string | null;
  runtime: string;
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
