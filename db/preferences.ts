import { sql, type SQL } from "drizzle-orm";
import type { Reads, Writes } from "./engine";

export async function getPreference(tx: Reads, userId: number, key: string): Promise<unknown> {
  const row = await tx.one<{ value: string }>(sql`SELECT value FROM user_preferences WHERE user_id = ${userId} AND key = ${key}`);
  return row ? JSON.parse(row.value) : null;
}

export async function setPreference(tx: Writes, userId: number, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await tx.run(sql`INSERT INTO user_preferences (user_id, key, value) VALUES (${userId}, ${key}, ${json}) ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value`);
}

/**
 * The rule for free text users typed into saved filters (the support queue's search text): an
 * erasure clears the text of every saved filter, of every user; the other choices (status,
 * severity, product, assignee, sort) stay. A half-typed, misspelt or phonetic search cannot be
 * matched reliably against the erased names, e-mails and numbers, so no text is kept rather than
 * a guess. The user only retypes a search. Returns how many saved filters lost their text.
 *
 * Done here rather than with the engines' JSON functions, which differ (SQLite's json_remove,
 * PostgreSQL's jsonb, which refuses a "\u0000" that a typed search may hold): a few rows per user.
 */
export async function clearSavedFilterTexts(tx: Writes): Promise<number> {
  let cleared = 0;
  for (const row of await tx.all<SavedValue>(SAVED_VALUES)) {
    const without = withoutText(row.value);
    if (without !== null) cleared += (await tx.run(clearedQuery(row, without))).changes;
  }
  return cleared;
}

interface SavedValue {
  userId: number;
  key: string;
  value: string;
}

const SAVED_VALUES = sql`SELECT user_id AS "userId", key, value FROM user_preferences`;

const clearedQuery = (row: SavedValue, value: string): SQL => sql`UPDATE user_preferences SET value = ${value} WHERE user_id = ${row.userId} AND key = ${row.key}`;

/** The value without its `text` member, or null when it has none (or is no JSON object). */
function withoutText(value: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !Object.prototype.hasOwnProperty.call(parsed, "text")) return null;
  const { text: _text, ...rest } = parsed as Record<string, unknown>;
  return JSON.stringify(rest);
}
