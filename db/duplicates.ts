import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import type { DuplicateCandidate } from "../common/contract/people";
import { PERSONAL_DATA, tableName } from "./personal-data";
import { reindexPersonSync, removeFromIndexSync } from "./search";

export interface DuplicateProbe {
  excludeId?: number;
  phones?: string[];
  emails?: string[];
  firstName?: string;
  lastName?: string;
  postalCodes?: string[];
}

export type { DuplicateCandidate };

/** Likely the same person: same phone, same email, or same name at the same postal code. */
export function findDuplicates(db: ReadableDb, probe: DuplicateProbe): DuplicateCandidate[] {
  const found = new Map<number, Set<DuplicateCandidate["reasons"][number]>>();
  const add = (ids: number[], reason: DuplicateCandidate["reasons"][number]) => {
    for (const id of ids) if (id !== probe.excludeId) (found.get(id) ?? found.set(id, new Set()).get(id)!).add(reason);
  };
  for (const e164 of probe.phones ?? []) add(db.sqlite.prepare("SELECT person_id FROM phones WHERE e164 = ? LIMIT 20").pluck().all(e164) as number[], "phone");
  for (const email of probe.emails ?? []) add(db.sqlite.prepare("SELECT person_id FROM emails WHERE email = ? LIMIT 20").pluck().all(email) as number[], "email");
  if (probe.lastName && probe.postalCodes?.length) {
    const ids = db.sqlite
      .prepare(
        `SELECT DISTINCT p.id FROM people p JOIN addresses a ON a.person_id = p.id
         WHERE lower(p.last_name) = lower(?) AND lower(p.first_name) = lower(?) AND a.postal_code IN (SELECT value FROM json_each(?)) LIMIT 20`,
      )
      .pluck()
      .all(probe.lastName, probe.firstName ?? "", JSON.stringify(probe.postalCodes)) as number[];
    add(ids, "name_postal_code");
  }
  if (found.size === 0) return [];
  const rows = db.sqlite
    .prepare("SELECT id AS personId, first_name AS firstName, last_name AS lastName FROM people WHERE id IN (SELECT value FROM json_each(?))")
    .all(JSON.stringify([...found.keys()])) as Omit<DuplicateCandidate, "reasons">[];
  return rows.map((r) => ({ ...r, reasons: [...found.get(r.personId)!] }));
}

/**
 * Tables whose rows move to the kept record on a merge: every table of the personal-data map
 * linked by its own column, except the person row itself.
 */
const OWNED_TABLES = PERSONAL_DATA.flatMap((entry) => ("column" in entry.link && tableName(entry.table) !== "people" ? [[tableName(entry.table), entry.link.column.name] as const] : []));

/** Moves everything of `removeId` onto `keepId`, then deletes `removeId` and its index entry. */
export function mergePeople(db: Db, keepId: number, removeId: number): void {
  if (keepId === removeId) throw new AppError("CONFLICT", "merge_self", {}, "removeId");
  const exists = db.sqlite.prepare("SELECT id FROM people WHERE id IN (?, ?)").pluck().all(keepId, removeId) as number[];
  if (!exists.includes(keepId)) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "keepId");
  if (!exists.includes(removeId)) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "removeId");

  // Same number or address on both: keep the kept person's row, drop the other.
  db.sqlite.prepare("DELETE FROM phones WHERE person_id = ? AND e164 IN (SELECT e164 FROM phones WHERE person_id = ?)").run(removeId, keepId);
  db.sqlite.prepare("DELETE FROM emails WHERE person_id = ? AND email IN (SELECT email FROM emails WHERE person_id = ?)").run(removeId, keepId);
  db.sqlite.prepare("UPDATE phones SET person_id = ?, is_primary = 0 WHERE person_id = ?").run(keepId, removeId);
  db.sqlite.prepare("UPDATE emails SET person_id = ?, is_primary = 0 WHERE person_id = ?").run(keepId, removeId);
  // A choice both made on the same topic and channel: the kept person's stands.
  db.sqlite.prepare("DELETE FROM contact_preferences WHERE person_id = ? AND (topic, channel) IN (SELECT topic, channel FROM contact_preferences WHERE person_id = ?)").run(removeId, keepId);
  for (const [table, column] of OWNED_TABLES) db.sqlite.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(keepId, removeId);
  db.sqlite
    .prepare(
      `UPDATE people SET
         last_contact_at = (SELECT nullif(max(coalesce(last_contact_at, 0)), 0) FROM people WHERE id IN (?, ?)),
         company_id = coalesce(company_id, (SELECT company_id FROM people WHERE id = ?)),
         version = version + 1
       WHERE id = ?`,
    )
    .run(keepId, removeId, removeId, keepId);
  db.sqlite.prepare("DELETE FROM people WHERE id = ?").run(removeId);
  removeFromIndexSync(db, removeId);
  reindexPersonSync(db, keepId);
}
