import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

/**
 * The installation's secret for the audit chain, kept beside the database file, never in it: a
 * copy of the database alone (a backup on a share, a file sent for support) cannot have its log
 * rewritten so that it still verifies.
 *
 * `unkeyedUntil` is the last entry written before the chain was keyed (migration 0011), as it was
 * when the key was made. The database records the same boundary; one raised later (to re-hash keyed
 * entries the old, unkeyed way) no longer matches the key file.
 */
export interface AuditKey {
  secret: Buffer;
  unkeyedUntil: number;
}

export const AUDIT_KEY_FILE = "audit.key";

/** Reads `<folder>/audit.key`, or creates it (0600, exclusively: two processes agree on one key). */
export function loadOrCreateAuditKey(folder: string, unkeyedUntil: () => number): AuditKey {
  const file = join(folder, AUDIT_KEY_FILE);
  try {
    const fd = openSync(file, "wx", 0o600);
    const key: AuditKey = { secret: randomBytes(32), unkeyedUntil: unkeyedUntil() };
    try {
      writeSync(fd, JSON.stringify({ version: 1, secret: key.secret.toString("base64"), unkeyedUntil: key.unkeyedUntil }));
    } finally {
      closeSync(fd);
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stored = JSON.parse(readFileSync(file, "utf8")) as { secret?: unknown; unkeyedUntil?: unknown };
  if (typeof stored.secret !== "string" || typeof stored.unkeyedUntil !== "number") throw new Error(`${file} is not an audit key file`);
  return { secret: Buffer.from(stored.secret, "base64"), unkeyedUntil: stored.unkeyedUntil };
}

/** For a database with no folder of its own (`:memory:`): a key that lives as long as the connection. */
export function ephemeralAuditKey(unkeyedUntil: number): AuditKey {
  return { secret: randomBytes(32), unkeyedUntil };
}
