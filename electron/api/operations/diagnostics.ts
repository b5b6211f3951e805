import { statSync } from "node:fs";
import { z } from "zod";
import { backupFolder, backupFolderProblemText, listBackups } from "../../../db/backups";
import { readFileFactsInWorker } from "../../../db/file-check";
import { schemaVersion } from "../../../db/migrate";
import { STAFF, op } from "../operation";
import { knownRoute } from "../route-shapes";

/** How many problems integrity_check reports at most; the first ones say enough to call support. */
const MAX_PROBLEMS = 20;

/** What support asks for on the phone, and the report of a crash in the page. */
export const diagnosticsOperations = {
  "diagnostics.get": op({
    input: z.strictObject({}),
    roles: ["admin"],
    mutates: false,
    handler: (ctx) => {
      const fileBytes = (suffix: string) => statSync(`${ctx.db.file}${suffix}`, { throwIfNoEntry: false })?.size ?? 0;
      const folder = backupFolder(ctx.db);
      return {
        appVersion: ctx.host?.appVersion ?? null,
        schemaVersion: schemaVersion(ctx.db.sqlite),
        databaseFile: ctx.db.file,
        // The WAL holds recent writes not yet folded into the file: part of the size on disk.
        databaseBytes: fileBytes("") + fileBytes("-wal"),
        backupFolder: folder,
        backupFolderProblem: backupFolderProblemText(ctx.db, ctx.user!.language),
        lastBackup: listBackups(folder)[0] ?? null,
        logFolder: ctx.host?.log.dir ?? null,
        runtime: `Node ${process.versions.node}${process.versions.electron ? ` · Electron ${process.versions.electron}` : ""}`,
      };
    },
  }),

  "diagnostics.integrityCheck": op({
    input: z.strictObject({}),
    roles: ["admin"],
    mutates: false,
    // Seconds on a large file: a second connection in a worker thread reads it, so every desk keeps working.
    detached: true,
    handler: async (ctx) => {
      const started = performance.now();
      const facts = await readFileFactsInWorker(ctx.db.file);
      const ok = facts.integrity.length === 1 && facts.integrity[0] === "ok" && facts.foreignKeyProblems === 0;
      // SQLite's findings name pages, tables and indexes, never row contents.
      const problems = ok ? [] : facts.integrity.filter((r) => r !== "ok").slice(0, MAX_PROBLEMS);
      return { ok, problems, foreignKeyProblems: facts.foreignKeyProblems, checkedAt: ctx.now(), ms: Math.round(performance.now() - started) };
    },
  }),

  "diagnostics.reportError": op({
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
    handler: (ctx, input) => {
      ctx.host?.log.error("renderer.failed", { kind: input.kind, route: knownRoute(input.route), error: input.errorName || undefined, incident: input.incident, user: ctx.user?.id });
      return { logged: ctx.host !== undefined };
    },
  }),
};
