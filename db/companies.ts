import { asc, eq, sql } from "drizzle-orm";
import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import type { Company, CompanyDetail, CompanyOption } from "../common/contract/people";
import { companies, people } from "./schema";
import { reindexPersonSync } from "./search";

export interface CompanyInput {
  name: string;
  phone?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string;
  website?: string | null;
}

export function createCompany(db: Db, input: CompanyInput, now: number): Company {
  const { id } = db.orm.insert(companies).values({ ...input, createdAt: now, updatedAt: now }).returning({ id: companies.id }).get();
  return getCompanyRow(db, id);
}

/** A company chosen by id (a person's, a training request's): refused on the field when it does not exist. */
export function requireCompany(db: ReadableDb, id: number | null | undefined): void {
  if (id == null) return;
  if (!db.orm.select({ id: companies.id }).from(companies).where(eq(companies.id, id)).get()) throw new AppError("NOT_FOUND", "not_found", { entity: "company" }, "companyId");
}

function getCompanyRow(db: ReadableDb, id: number): Company {
  const row = db.orm.select().from(companies).where(eq(companies.id, id)).get();
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "company" });
  return row;
}

export function updateCompany(db: Db, id: number, version: number, input: Partial<CompanyInput>, now: number): Company {
  const current = getCompanyRow(db, id);
  if (current.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  db.orm.update(companies).set({ ...input, updatedAt: now, version: version + 1 }).where(eq(companies.id, id)).run();
  // The company name is part of each member's search text.
  if (input.name !== undefined && input.name !== current.name) {
    for (const p of db.orm.select({ id: people.id }).from(people).where(eq(people.companyId, id)).all()) reindexPersonSync(db, p.id);
  }
  return getCompanyRow(db, id);
}

export function getCompany(db: ReadableDb, id: number): CompanyDetail {
  const company = getCompanyRow(db, id);
  const members = db.orm
    .select({ id: people.id, firstName: people.firstName, lastName: people.lastName, lastContactAt: people.lastContactAt })
    .from(people)
    .where(eq(people.companyId, id))
    .orderBy(asc(people.lastName), asc(people.firstName))
    .limit(500)
    .all();
  // Their people's error reports, newest first: what the company has been reporting.
  const reports = db.sqlite
    .prepare(
      `SELECT r.id, r.reference, r.title, r.status, r.severity, r.created_at AS createdAt, r.person_id AS personId, p.first_name || ' ' || p.last_name AS reporter
       FROM people p JOIN error_reports r ON r.person_id = p.id WHERE p.company_id = ? ORDER BY r.created_at DESC LIMIT 200`,
    )
    .all(id) as CompanyDetail["reports"];
  return { ...company, people: members, reports };
}

/** Company names starting with what was typed, case-insensitively, through the lower(name) index. */
export function searchCompanies(db: ReadableDb, q: string, limit = 20): CompanyOption[] {
  const prefix = q.normalize("NFC").trim().toLowerCase();
  return db.orm
    .select({ id: companies.id, name: companies.name, city: companies.city })
    .from(companies)
    .where(sql`lower(${companies.name}) >= ${prefix} AND lower(${companies.name}) < ${prefix + "\uffff"}`)
    .orderBy(sql`lower(${companies.name})`)
    .limit(limit)
    .all();
}
