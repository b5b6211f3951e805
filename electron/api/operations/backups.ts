import { z } from "zod";
import { backupFolder, backupFolderProblemText, backupsHeldUntil, createBackup, listBackups } from "../../../db/backups";
import { getSetting } from "../../../db/settings";
import { op } from "../operation";

/** A backup is chosen by its file name, which must be one of the listed ones (checked again on disk). */
const backupName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.-]+\.sqlite$/);

/** Backups of the database file: list, take one now, put one back. Administrators only. */
export const backupOperations = {
  "backups.list": op({
    input: z.strictObject({}),
    roles: ["admin"],
    mutates: false,
    handler: (ctx) => {
      const retentionDays = getSetting(ctx.db, "backup.retentionDays");
      const folder = backupFolder(ctx.db);
      return {
        folder,
        /** Why the chosen `backup.folder` is not used (a value stored by an older version), or null. */
        folderProblem: backupFolderProblemText(ctx.db, ctx.user!.language),
        backups: listBackups(folder),
        keep: getSetting(ctx.db, "backup.keep"),
        retentionDays,
        intervalHours: getSetting(ctx.db, "backup.intervalHours"),
        /** Data erased now may survive in backups until this date. */
        heldUntil: backupsHeldUntil(retentionDays, ctx.now()),
      };
    },
  }),

  "backups.create": op({
    input: z.strictObject({}),
    roles: ["admin"],
    mutates: true,
    detached: true,
    // A dispatcher without its host (unit tests) still backs up; the host adds turn-taking and rotation.
    handler: (ctx) => (ctx.host ? ctx.host.backupNow("manual") : createBackup(ctx.db, { folder: backupFolder(ctx.db), kind: "manual", now: ctx.now() })),
    // Declared after the handler: the output type is inferred from it.
    audit: { entity: "backup", entityId: (_i, o) => o.name },
  }),

  "backups.restore": op({
    input: z.strictObject({ name: backupName }),
    roles: ["admin"],
    mutates: true,
    detached: true,
    audit: { entity: "backup", entityId: (i) => i.name },
    handler: (ctx, input) => {
      if (!ctx.host) throw new Error("Restoring needs the host that owns the database file");
      return ctx.host.restore(input.name);
    },
  }),
};
