import { dirname } from "node:path";
import { sql } from "drizzle-orm";
import { SETTINGS, type SettingKey, type SettingValue, type Settings } from "../common/settings";
import { PlainQuery, type Reads, type Writes } from "./engine";
import type { Db, ReadableDb } from "./open";
import { ensureWritableFolder, resolveBackupFolder } from "./backup-folder";
import { AppError } from "./errors";
import { syncOne, syncRun } from "./transition";

export { SETTINGS, type SettingKey, type SettingValue, type Settings } from "../common/settings";

// Each query is built once here and run by the async function and by its `…Sync` twin (for the
// callers still on the SQLite connection, db/transition.ts): one text for both engines.
const settingQuery = (key: SettingKey) => sql`SELECT value FROM settings WHERE key = ${key}`;
const storeQuery = (key: SettingKey, json: string) => sql`INSERT INTO settings (key, value) VALUES (${key}, ${json}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`;

/** A stored value that no longer fits its schema (an older version's) reads as the default. */
function settingFrom<K extends SettingKey>(key: K, row: { value: string } | undefined): SettingValue<K> {
  if (!row) return SETTINGS[key].default as SettingValue<K>;
  const parsed = SETTINGS[key].schema.safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : SETTINGS[key].default) as SettingValue<K>;
}

function stored<K extends SettingKey>(key: K, value: SettingValue<K>): string {
  return JSON.stringify(SETTINGS[key].schema.parse(value));
}

/** Read on every operation (the session's idle delay). */
export async function getSetting<K extends SettingKey>(tx: Reads, key: K): Promise<SettingValue<K>> {
  return settingFrom(key, await tx.one<{ value: string }>(settingQuery(key)));
}

/** Several settings in one query (the session's two delays, read on every operation). */
export async function getSettings<K extends SettingKey>(tx: Reads, keys: readonly K[]): Promise<{ [P in K]: SettingValue<P> }> {
  const rows = await tx.all<{ key: K; value: string }>(new PlainQuery(`SELECT key, value FROM settings WHERE key IN (${keys.map(() => "?").join(", ")})`, keys));
  return Object.fromEntries(keys.map((key) => [key, settingFrom(key, rows.find((row) => row.key === key))])) as { [P in K]: SettingValue<P> };
}

/** `getSetting` for the callers still on the SQLite connection (db/transition.ts). */
export function getSettingSync<K extends SettingKey>(db: ReadableDb, key: K): SettingValue<K> {
  return settingFrom(key, syncOne<{ value: string }>(db, settingQuery(key)));
}

export async function setSetting<K extends SettingKey>(tx: Writes, key: K, value: SettingValue<K>): Promise<void> {
  await tx.run(storeQuery(key, stored(key, value)));
}

/** `setSetting` for the callers still on the SQLite connection (db/transition.ts). */
export function setSettingSync<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>): void {
  syncRun(db, storeQuery(key, stored(key, value)));
}

export async function allSettings(tx: Reads): Promise<Settings> {
  const rows = await tx.all<{ key: string; value: string }>(sql`SELECT key, value FROM settings`);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const keys = Object.keys(SETTINGS) as SettingKey[];
  return Object.fromEntries(keys.map((key) => [key, settingFrom(key, byKey.get(key))])) as Settings;
}

/**
 * `databaseFile`: the SQLite file the backup folder is checked against (a folder inside it, or the
 * file itself, is refused); the transaction does not know which file it runs on. None on a
 * PostgreSQL server, whose backups are IT's: there the folder cannot be changed (a form sending
 * the stored one back with the other settings is fine).
 */
export async function updateSettings(tx: Writes, patch: Partial<Settings>, databaseFile: string | undefined): Promise<Settings> {
  const folder = patch["backup.folder"];
  if (folder !== undefined) {
    if (databaseFile !== undefined) checkBackupFolder(databaseFile, folder);
    else if (folder !== (await getSetting(tx, "backup.folder"))) throw new AppError("CONFLICT", "not_on_postgres", {}, "backup.folder");
  }
  for (const key of Object.keys(patch) as SettingKey[]) {
    const value = patch[key];
    if (value !== undefined) await setSetting(tx, key, value as never);
  }
  return allSettings(tx);
}

/**
 * A backup folder is refused when set if it could not hold backups (control characters, /proc, the
 * database file, a file, no write access), with the reason on the field, in the user's language.
 */
function checkBackupFolder(databaseFile: string, value: string): void {
  const choice = resolveBackupFolder(dirname(databaseFile), databaseFile, value);
  const problem = choice.problem ?? ensureWritableFolder(choice.folder);
  if (problem) throw new AppError("VALIDATION", problem, {}, "backup.folder");
}
