import { sql } from "drizzle-orm";
import type { Actor } from "./actor";
import type { Reads, Writes } from "./engine";
import { AppError } from "./errors";
import type { Disclosure, DisclosurePage } from "../common/contract/privacy";
import type { Category } from "./personal-data";

export interface NewDisclosure {
  personId?: number | null;
  recipient: string;
  legalBasis: string;
  categories: Category[];
  disclosedOn: string;
  note?: string;
}

/** The disclosure log: to whom, on what legal basis, which categories, when, recorded by whom. */
export async function recordDisclosure(tx: Writes, input: NewDisclosure, actor: Actor): Promise<number> {
  if (input.personId != null && !(await tx.one(sql`SELECT 1 AS found FROM people WHERE id = ${input.personId}`))) {
    throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  }
  const inserted = await tx.one<{ id: number }>(sql`
    INSERT INTO disclosures (person_id, recipient, legal_basis, categories, disclosed_on, note, recorded_by, recorded_at)
    VALUES (${input.personId ?? null}, ${input.recipient}, ${input.legalBasis}, ${JSON.stringify([...new Set(input.categories)])}, ${input.disclosedOn}, ${input.note ?? ""},
      ${actor.userId}, ${actor.now})
    RETURNING id`);
  return inserted!.id;
}

export async function listDisclosures(tx: Reads, f: { personId?: number; page: number; pageSize: number }): Promise<DisclosurePage> {
  const where = f.personId !== undefined ? sql`WHERE d.person_id = ${f.personId}` : sql``;
  const found = await tx.all<Omit<Disclosure, "categories"> & { categories: string }>(sql`
    SELECT d.id, d.person_id AS "personId", (SELECT first_name || ' ' || last_name FROM people WHERE people.id = d.person_id) AS person,
      d.recipient, d.legal_basis AS "legalBasis", d.categories, d.disclosed_on AS "disclosedOn", d.note, u.display_name AS "recordedBy", d.recorded_at AS "recordedAt"
    FROM disclosures d LEFT JOIN users u ON u.id = d.recorded_by
    ${where}
    ORDER BY d.disclosed_on DESC, d.id DESC
    LIMIT ${f.pageSize} OFFSET ${f.page * f.pageSize}`);
  const rows = found.map((r) => ({ ...r, categories: JSON.parse(r.categories) as Category[] }));
  const total = (await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM disclosures d ${where}`))?.n ?? 0;
  return { rows, total };
}
