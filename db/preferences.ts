import { and, eq } from "drizzle-orm";
import type { Db, ReadableDb } from "./open";
import { userPreferences } from "./schema";
import { statement } from "./statements";

export function getPreference(db: ReadableDb, userId: number, key: string): unknown {
  const row = db.orm.select({ value: userPreferences.value }).from(userPreferences).where(and(eq(userPreferences.userId, userId), eq(userPreferences.key, key))).get();
  return row ? JSON.parse(row.value) : null;
}

export function setPreference(db: Db, userId: number, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  db.orm.insert(userPreferences).values({ userId, key, value: json }).onConflictDoUpdate({ target: [userPreferences.userId, userPreferences.key], set: { value: json } }).run();
}

/**
 * The rule for free text users typed into saved filters (the support queue's search text): an
 * erasure clears the text of every saved filter, of every user; the other choices (status,
 * severity, product, assignee, sort) stay. A half-typed, misspelt or phonetic search cannot be
 * matched reliably against the erased names, e-mails and numbers, so no text is kept rather than
 * a guess. The user only retypes a search. Returns how many saved filters lost their text.
 */
export function clearSavedFilterTexts(db: Db): number {
  return statement(db, "UPDATE user_preferences SET value = json_remove(value, '$.text') WHERE json_valid(value) AND json_type(value, '$.text') IS NOT NULL").run().changes;
}
