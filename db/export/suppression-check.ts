import type Database from "better-sqlite3";
import { contactHash } from "../suppression";

interface SuppressionState {
  salt: string | null;
  hashes: Set<string>;
}

const states = new WeakMap<Database.Database, SuppressionState>();

/**
 * `export_suppressed(email, phone)` for the mailing-list export: 1 when either contact is on the
 * suppression list (people erased after asking never to be contacted again). The list holds keyed
 * hashes (db/suppression.ts); a function cannot query the connection that is running it, so the
 * key and the hashes are read before each export statement runs.
 */
export function registerSuppressionCheck(sqlite: Database.Database): void {
  let state = states.get(sqlite);
  if (!state) {
    const fresh: SuppressionState = { salt: null, hashes: new Set() };
    states.set(sqlite, (state = fresh));
    sqlite.function("export_suppressed", { deterministic: false }, (email: unknown, phone: unknown) => {
      if (fresh.salt === null || fresh.hashes.size === 0) return 0;
      const listed = (kind: "email" | "phone", value: unknown) => typeof value === "string" && value !== "" && fresh.hashes.has(contactHash(fresh.salt!, kind, value));
      return listed("email", email) || listed("phone", phone) ? 1 : 0;
    });
  }
  const row = sqlite.prepare("SELECT value FROM settings WHERE key = 'privacy.suppressionSalt'").get() as { value: string } | undefined;
  state.salt = row ? (JSON.parse(row.value) as string) : null;
  const hasList = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'suppression_list'").get() !== undefined;
  state.hashes = new Set(hasList ? (sqlite.prepare("SELECT hash FROM suppression_list").pluck().all() as string[]) : []);
}
