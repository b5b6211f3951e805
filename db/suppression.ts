import { createHmac, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Writes } from "./engine";

/**
 * The suppression list: people who asked never to be contacted again and were then erased leave
 * only a keyed hash of each email and number, so an import or a mailing list can recognise them
 * without the database keeping who they were. The key is per installation (a plain hash of a
 * phone number is reversible by trying every number).
 */
const SALT_KEY = "privacy.suppressionSalt";

// Read then written: the write transaction serialises it on both engines (db/engine.ts).
async function salt(tx: Writes): Promise<string> {
  const row = await tx.one<{ value: string }>(sql`SELECT value FROM settings WHERE key = ${SALT_KEY}`);
  if (row) return JSON.parse(row.value) as string;
  const fresh = randomBytes(32).toString("hex");
  await tx.run(sql`INSERT INTO settings (key, value) VALUES (${SALT_KEY}, ${JSON.stringify(fresh)})`);
  return fresh;
}

/** The keyed hash of a contact; emails lower-cased and trimmed, numbers in E.164 as stored. */
export function contactHash(key: string, kind: "email" | "phone", value: string): string {
  const normal = kind === "email" ? value.trim().toLowerCase() : value.trim();
  return createHmac("sha256", key).update(`${kind}:${normal}`).digest("hex");
}

/** Adds the contacts' hashes; one already listed stays as it was. Answers how many were new. */
export async function suppress(tx: Writes, entries: { kind: "email" | "phone"; value: string }[], now: number): Promise<number> {
  if (entries.length === 0) return 0;
  const key = await salt(tx);
  let added = 0;
  for (const e of entries) {
    added += (await tx.run(sql`INSERT INTO suppression_list (hash, kind, added_at) VALUES (${contactHash(key, e.kind, e.value)}, ${e.kind}, ${now}) ON CONFLICT (hash) DO NOTHING`)).changes;
  }
  return added;
}
