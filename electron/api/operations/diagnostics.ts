import { statSync } from "node:fs";
import { diagnosticsContract, type Diagnostics } from "../../../common/contract/diagnostics";
import { pgServerState } from "../../../db/pg/server-state";
import { backupFolder, backupFolderProblemText, listBackups } from "../../../db/backups";
import { schemaVersion } from "../../../db/migrate";
import { implement } from "../operation";
import { knownRoute } from "../route-shapes";

/** How many problems integrity_check reports at most; the first ones say enough to call support. */
const MAX_PROBLEMS = 20;

export const diagnosticsOperations = implement(diagnosticsContract, {
  "diagnostics.get": {
    handler: async (ctx): Promise<Diagnostics> => {
      const runtime = `Node ${process.versions.node}${process.versions.electron ? ` · Electron ${process.versions.electron}` : ""}`;
      const common = { appVersion: ctx.host?.appVersion ?? null, logFolder: ctx.host?.log.dir ?? null, runtime };
      if (ctx.db.dialect === "pg") {
        return { ...common, engine: "pg", schemaVersion: ctx.db.schemaVersion, where: ctx.db.where, vacuumsAfterErasure: ctx.db.owner !== undefined, server: await pgServerState(ctx.tx) };
      }
      const db = ctx.db;
      const fileBytes = (suffix: string) => statSync(`${db.file}${suffix}`, { throwIfNoEntry: false })?.size ?? 0;
      const folder = backupFolder(db);
      return {
        ...common,
        engine: "sqlite",
        schemaVersion: schemaVersion(db.sqlite),
        databaseFile: db.file,
        // The WAL holds recent writes not yet folded into the file: part of the size on disk.
        databaseBytes: fileBytes("") + fileBytes("-wal"),
        backupFolder: folder,
        backupFolderProblem: backupFolderProblemText(db, ctx.user!.language),
        lastBackup: listBackups(folder)[0] ?? null,
      };
    },
  },

  "diagnostics.integrityCheck": {
    handler: async (ctx) => {
      const started = performance.now();
      const facts = await ctx.workers.run("diagnostics.integrityCheck");
      const ok = facts.integrity.length === 1 && facts.integrity[0] === "ok" && facts.foreignKeyProblems === 0;
      // SQLite's findings name pages, tables and indexes, never row contents.
      const problems = ok ? [] : facts.integrity.filter((r) => r !== "ok").slice(0, MAX_PROBLEMS);
      return { ok, problems, foreignKeyProblems: facts.foreignKeyProblems, checkedAt: ctx.now(), ms: Math.round(performance.now() - started) };
    },
  },

  "diagnostics.reportError": {
    handler: (ctx, input) => {
      ctx.host?.log.error("renderer.failed", { kind: input.kind, route: knownRoute(input.route), error: input.errorName || undefined, incident: input.incident, user: ctx.user?.id });
      return { logged: ctx.host !== undefined };
    },
  },
});
