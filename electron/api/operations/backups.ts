import { sqliteOnly } from "../../../db/served";
import { backupsContract } from "../../../common/contract/backups";
import { backupFolder, backupFolderProblemText, backupsHeldUntil, createBackup, listBackups } from "../../../db/backups";
import { getSetting } from "../../../db/settings";
import { implement } from "../operation";

/** Backups of the database file: list, take one now, put one back. Administrators only. */
export const backupOperations = implement(backupsContract, {
  "backups.list": {
    handler: async (ctx) => {
      const retentionDays = await getSetting(ctx.tx, "backup.retentionDays");
      const folder = backupFolder(sqliteOnly(ctx.db));
      return {
        folder,
        folderProblem: backupFolderProblemText(sqliteOnly(ctx.db), ctx.user!.language),
        backups: listBackups(folder),
        keep: await getSetting(ctx.tx, "backup.keep"),
        retentionDays,
        intervalHours: await getSetting(ctx.tx, "backup.intervalHours"),
        heldUntil: backupsHeldUntil(retentionDays, ctx.now()),
      };
    },
  },

  "backups.create": {
    // A dispatcher without its host (unit tests) still backs up; the host adds turn-taking and rotation.
    handler: (ctx) => (ctx.host ? ctx.host.backupNow("manual") : createBackup(sqliteOnly(ctx.db), { folder: backupFolder(sqliteOnly(ctx.db)), kind: "manual", now: ctx.now() })),
    audit: { entity: "backup", entityId: (_i, o) => o.name },
  },

  "backups.restore": {
    handler: (ctx, input) => {
      if (!ctx.host) throw new Error("Restoring needs the host that owns the database file");
      return ctx.host.restore(input.name);
    },
    audit: { entity: "backup", entityId: (i) => i.name },
  },
});
