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

/** Emails lower-cased and trimmed, numbers in E.164: the forms the database stores. */
export function suppressionHash(db: Db, kind: "email" | "phone", value: string): string {
  const normal = kind === "email" ? value.trim().toLowerCase() : value.trim();
  return createHmac("sha256", salt(db)).update(`${kind}:${normal}`).digest("hex");
}

export function suppress(db: Db, entries: { kind: "email" | "phone"; value: string }[], now: number): number {
  let added = 0;
  for (const e of entries) added += statement(db, "INSERT OR IGNORE INTO suppression_list (hash, kind, added_at) VALUES (?, ?, ?)").run(suppressionHash(db, e.kind, e.value), e.kind, now).changes;
  return added;
}

export function isSuppressed(db: Db, kind: "email" | "phone", value: string): boolean {
  return statement(db, "SELECT 1 FROM suppression_list WHERE hash = ?").get(suppressionHash(db, kind, value)) !== undefined;
}
