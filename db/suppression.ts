import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "./open";
import { statement } from "./statements";

/**
 * The suppression list: people who asked never to be contacted again and were then erased leave
 * only a keyed hash of each email and number, so an import or a mailing list can recognise them
 * without the database keeping who they were. The key is per installation (a plain hash of a
 * phone number is reversible by trying every number).
 */
const SALT_KEY = "privacy.suppressionSalt";

function salt(db: Db): string {
  const row = statement(db, "SELECT value FROM settings WHERE key = ?").get(SALT_KEY) as { value: string } | undefined;
  if (row) return JSON.parse(row.value) as string;
  const fresh = randomBytes(32).toString("hex");
  statement(db, "INSERT INTO settings (key, value) VALUES (?, ?)").run(SALT_KEY, JSON.stringify(fresh));
  return fresh;
}

/** The keyed hash of a contact; emails lower-cased and trimmed, numbers in E.164 as stored. */
export function contactHash(key: string, kind: "email" | "phone", value: string): string {
  const normal = kind === "email" ? value.trim().toLowerCase() : value.trim();
  return createHmac("sha256", key).update(`${kind}:${normal}`).digest("hex");
}

function suppressionHash(db: Db, kind: "email" | "phone", value: string): string {
  return contactHash(salt(db), kind, value);
}

export function suppress(db: Db, entries: { kind: "email" | "phone"; value: string }[], now: number): number {
  let added = 0;
  for (const e of entries) added += statement(db, "INSERT OR IGNORE INTO suppression_list (hash, kind, added_at) VALUES (?, ?, ?)").run(suppressionHash(db, e.kind, e.value), e.kind, now).changes;
  return added;
}
