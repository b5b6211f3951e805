import { sql } from "drizzle-orm";
import type { Reads, Writes } from "./engine";
import { AppError } from "./errors";
import type { DuplicateCandidate } from "../common/contract/people";
import { PERSONAL_DATA, tableName } from "./personal-data";
import { reindexPerson, removeFromIndex } from "./search";


export interface DuplicateProbe {
  excludeId?: number;
  phones?: string[];
  emails?: string[];
  firstName?: string;
  lastName?: string;
  postalCodes?: string[];
}

export type { DuplicateCandidate };

/** A list of values for `IN (…)`: never empty (PostgreSQL refuses `IN ()`), which the callers see to. */
const list = (values: readonly (string | number)[]) => sql.join(values.map((value) => sql`${value}`), sql`, `);

/** Likely the same person: same phone, same email, or same name at the same postal code. */
export async function findDuplicates(tx: Reads, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
  const found = new Map<number, Set<DuplicateCandidate["reasons"][number]>>();
  const add = (rows: { personId: number }[], reason: DuplicateCandidate["reasons"][number]) => {
    for (const { personId: id } of rows) if (id !== probe.excludeId) (found.get(id) ?? found.set(id, new Set()).get(id)!).add(reason);
  };
  for (const e164 of probe.phones ?? []) add(await tx.all<{ personId: number }>(sql`SELECT person_id AS "personId" FROM phones WHERE e164 = ${e164} LIMIT 20`), "phone");
  for (const email of probe.emails ?? []) add(await tx.all<{ personId: number }>(sql`SELECT person_id AS "personId" FROM emails WHERE email = ${email} LIMIT 20`), "email");
  if (probe.lastName && probe.postalCodes?.length) {
    const rows = await tx.all<{ personId: number }>(
      sql`SELECT DISTINCT p.id AS "personId" FROM people p JOIN addresses a ON a.person_id = p.id
          WHERE lower(p.last_name) = lower(${probe.lastName}) AND lower(p.first_name) = lower(${probe.firstName ?? ""}) AND a.postal_code IN (${list(probe.postalCodes)})
          LIMIT 20`,
    );
    add(rows, "name_postal_code");
  }
  if (found.size === 0) return [];
  const rows = await tx.all<Omit<DuplicateCandidate, "reasons">>(
    sql`SELECT id AS "personId", first_name AS "firstName", last_name AS "lastName" FROM people WHERE id IN (${list([...found.keys()])})`,
  );
  return rows.map((r) => ({ ...r, reasons: [...found.get(r.personId)!] }));
}

/**
 * Tables whose rows move to the kept record on a merge: every table of the personal-data map
 * linked by its own column, except the person row itself.
 */
const OWNED_TABLES = PERSONAL_DATA.flatMap((entry) => ("column" in entry.link && tableName(entry.table) !== "people" ? [[tableName(entry.table), entry.link.column.name] as const] : []));

/** Moves everything of `removeId` onto `keepId`, then deletes `removeId` and its index entry. */
export async function mergePeople(tx: Writes, keepId: number, removeId: number): Promise<void> {
  if (keepId === removeId) throw new AppError("CONFLICT", "merge_self", {}, "removeId");
  const exists = (await tx.all<{ id: number }>(sql`SELECT id FROM people WHERE id IN (${keepId}, ${removeId})`)).map((row) => row.id);
  if (!exists.includes(keepId)) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "keepId");
  if (!exists.includes(removeId)) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "removeId");

  // Same number or address on both: keep the kept person's row, drop the other.
  await tx.run(sql`DELETE FROM phones WHERE person_id = ${removeId} AND e164 IN (SELECT e164 FROM phones WHERE person_id = ${keepId})`);
  await tx.run(sql`DELETE FROM emails WHERE person_id = ${removeId} AND email IN (SELECT email FROM emails WHERE person_id = ${keepId})`);
  await tx.run(sql`UPDATE phones SET person_id = ${keepId}, is_primary = ${false} WHERE person_id = ${removeId}`);
  await tx.run(sql`UPDATE emails SET person_id = ${keepId}, is_primary = ${false} WHERE person_id = ${removeId}`);
  // A choice both made on the same topic and channel: the kept person's stands.
  await tx.run(
    sql`DELETE FROM contact_preferences WHERE person_id = ${removeId}
        AND (topic, channel) IN (SELECT topic, channel FROM contact_preferences WHERE person_id = ${keepId})`,
  );
  for (const [table, column] of OWNED_TABLES) {
    await tx.run(sql`UPDATE ${sql.identifier(table)} SET ${sql.identifier(column)} = ${keepId} WHERE ${sql.identifier(column)} = ${removeId}`);
  }
  // The newer last contact of the two (the aggregate max(), portable; 0 stands for none).
  await tx.run(
    sql`UPDATE people SET
          last_contact_at = (SELECT nullif(max(coalesce(last_contact_at, 0)), 0) FROM people WHERE id IN (${keepId}, ${removeId})),
          company_id = coalesce(company_id, (SELECT company_id FROM people WHERE id = ${removeId})),
          version = version + 1
        WHERE id = ${keepId}`,
  );
  await tx.run(sql`DELETE FROM people WHERE id = ${removeId}`);
  await removeFromIndex(tx, removeId);
  await reindexPerson(tx, keepId);
}
