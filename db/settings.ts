import { z } from "zod";
import type { Db } from "./open";
import { settings } from "./schema";
import { statement } from "./statements";

/** Every known setting, its schema and its default. Unknown keys cannot be written. */
export const SETTINGS = {
  "session.idleMinutes": { schema: z.number().int().min(1).max(240), default: 15 },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;

export function getSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
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

export function allSettings(db: Db): { [K in SettingKey]: SettingValue<K> } {
  return { "session.idleMinutes": getSetting(db, "session.idleMinutes") };
}
