import type Database from "better-sqlite3";
import { contactHash } from "../suppression";

/**
 * Whether a contact pair is on the suppression list (people erased after asking never to be
 * contacted again): the list holds keyed hashes (db/suppression.ts), so each contact is hashed with
 * the database's key and looked up. Both engines' mailing lists use this one check.
 */
export type SuppressedContact = (email: unknown, phone: unknown) => boolean;

/** The check for one snapshot's key and list; `null` when nothing can be suppressed (no key, empty list). */
export function suppressionCheck(salt: string | null, hashes: ReadonlySet<string>): SuppressedContact | null {
  if (salt === null || hashes.size === 0) return null;
  const listed = (kind: "email" | "phone", value: unknown) => typeof value === "string" && value !== "" && hashes.has(contactHash(salt, kind, value));
  return (email, phone) => listed("email", email) || listed("phone", phone);
}

/** The key as stored in settings (a JSON string), or null before the first suppression. */
export const SUPPRESSION_SALT_KEY = "privacy.suppressionSalt";

const states = new WeakMap<Database.Database, { check: SuppressedContact | null }>();

/**
 * `export_suppressed(email, phone)` for the mailing-list export on SQLite: 1 when either contact is
 * on the suppression list. A function cannot query the connection that is running it, so the key
 * and the hashes are read before each export statement runs.
 */
export function registerSuppressionCheck(sqlite: Database.Database): void {
  let state = states.get(sqlite);
  if (!state) {
    const fresh: { check: SuppressedContact | null } = { check: null };
    states.set(sqlite, (state = fresh));
    sqlite.function("export_suppressed", { deterministic: false }, (email: unknown, phone: unknown) => (fresh.check?.(email, phone) ? 1 : 0));
  }
  const row = sqlite.prepare("SELECT value FROM settings WHERE key = ?").get(SUPPRESSION_SALT_KEY) as { value: string } | undefined;
  const hasList = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'suppression_list'").get() !== undefined;
  state.check = suppressionCheck(row ? (JSON.parse(row.value) as string) : null, new Set(hasList ? (sqlite.prepare("SELECT hash FROM suppression_list").pluck().all() as string[]) : []));
}
