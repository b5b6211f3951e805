import { dirname } from "node:path";
import { SETTINGS, type SettingKey, type SettingValue, type Settings } from "../common/settings";
import type { Db, ReadableDb } from "./open";
import { settings } from "./schema";
import { ensureWritableFolder, resolveBackupFolder } from "./backup-folder";
import { AppError } from "./errors";
import { statement } from "./statements";

export { SETTINGS, type SettingKey, type SettingValue, type Settings } from "../common/settings";

export function getSetting<K extends SettingKey>(db: ReadableDb, key: K): SettingValue<K> {
  // Read on every operation (the idle delay): a cached statement, not the query builder.
  const row = statement(db, "SELECT value FROM settings WHERE key = ?").get(key) as { value: string } | undefined;
  if (!row) return SETTINGS[key].default as SettingValue<K>;
  const parsed = SETTINGS[key].schema.safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : SETTINGS[key].default) as SettingValue<K>;
}

export function setSetting<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>): void {
  const json = JSON.stringify(SETTINGS[key].schema.parse(value));
  db.orm.insert(settings).values({ key, value: json }).onConflictDoUpdate({ target: settings.key, set: { value: json } }).run();
}

export function allSettings(db: ReadableDb): Settings {
  const keys = Object.keys(SETTINGS) as SettingKey[];
  return Object.fromEntries(keys.map((key) => [key, getSetting(db, key)])) as Settings;
}

export function updateSettings(db: Db, patch: Partial<Settings>): Settings {
  if (patch["backup.folder"] !== undefined) checkBackupFolder(db, patch["backup.folder"]);
  for (const key of Object.keys(patch) as SettingKey[]) {
    const value = patch[key];
    if (value !== undefined) setSetting(db, key, value as never);
  }
  return allSettings(db);
}

/**
 * A backup folder is refused when set if it could not hold backups (control characters, /proc, the
 * database file, a file, no write access), with the reason on the field, in the user's language.
 */
function checkBackupFolder(db: Db, value: string): void {
  const choice = resolveBackupFolder(dirname(db.file), db.file, value);
  const problem = choice.problem ?? ensureWritableFolder(choice.folder);
  if (problem) throw new AppError("VALIDATION", problem, {}, "backup.folder");
}
