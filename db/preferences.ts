import { and, eq } from "drizzle-orm";
import type { Db } from "./open";
import { userPreferences } from "./schema";

export function getPreference(db: Db, userId: number, key: string): unknown {
  const row = db.orm.select({ value: userPreferences.value }).from(userPreferences).where(and(eq(userPreferences.userId, userId), eq(userPreferences.key, key))).get();
  return row ? JSON.parse(row.value) : null;
}

export function setPreference(db: Db, userId: number, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  db.orm.insert(userPreferences).values({ userId, key, value: json }).onConflictDoUpdate({ target: [userPreferences.userId, userPreferences.key], set: { value: json } }).run();
}
