import { desc, eq, sql } from "drizzle-orm";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import type { DisclosurePage } from "../common/contract/privacy";
import type { Category } from "./personal-data";
import { disclosures, people, users } from "./schema";

export interface NewDisclosure {
  personId?: number | null;
  recipient: string;
  legalBasis: string;
  categories: Category[];
  disclosedOn: string;
  note?: string;
}

/** The disclosure log: to whom, on what legal basis, which categories, when, recorded by whom. */
export function recordDisclosure(db: Db, input: NewDisclosure, actor: Actor): number {
  if (input.personId != null && !db.orm.select({ id: people.id }).from(people).where(eq(people.id, input.personId)).get()) {
    throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  }
  const { id } = db.orm
    .insert(disclosures)
    .values({
      personId: input.personId ?? null,
      recipient: input.recipient,
      legalBasis: input.legalBasis,
      categories: JSON.stringify([...new Set(input.categories)]),
      disclosedOn: input.disclosedOn,
      note: input.note ?? "",
      recordedBy: actor.userId,
      recordedAt: actor.now,
    })
    .returning({ id: disclosures.id })
    .get();
  return id;
}

export function listDisclosures(db: ReadableDb, f: { personId?: number; page: number; pageSize: number }): DisclosurePage {
  const where = f.personId !== undefined ? eq(disclosures.personId, f.personId) : undefined;
  const rows = db.orm
    .select({
      id: disclosures.id,
      personId: disclosures.personId,
      person: sql<string | null>`(SELECT first_name || ' ' || last_name FROM people WHERE id = ${disclosures.personId})`,
      recipient: disclosures.recipient,
      legalBasis: disclosures.legalBasis,
      categories: disclosures.categories,
      disclosedOn: disclosures.disclosedOn,
      note: disclosures.note,
      recordedBy: users.displayName,
      recordedAt: disclosures.recordedAt,
    })
    .from(disclosures)
    .leftJoin(users, eq(users.id, disclosures.recordedBy))
    .where(where)
    .orderBy(desc(disclosures.disclosedOn), desc(disclosures.id))
    .limit(f.pageSize)
    .offset(f.page * f.pageSize)
    .all()
    .map((r) => ({ ...r, categories: JSON.parse(r.categories) as Category[] }));
  const total = db.orm.select({ n: sql<number>`count(*)` }).from(disclosures).where(where).get()?.n ?? 0;
  return { rows, total };
}
