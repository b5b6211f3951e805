import { sql, type SQL } from "drizzle-orm";
import type { Dialect, Reads, Writes } from "./engine";
import { AppError } from "./errors";
import type { Company, CompanyDetail, CompanyOption } from "../common/contract/people";
import { reindexPerson } from "./search";

export interface CompanyInput {
  name: string;
  phone?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string;
  website?: string | null;
}

/** The input's fields and their columns. */
const COLUMNS: Record<keyof CompanyInput, string> = { name: "name", phone: "phone", street: "street", postalCode: "postal_code", city: "city", country: "country", website: "website" };

export async function createCompany(tx: Writes, input: CompanyInput, now: number): Promise<Company> {
  const { id } = (await tx.one<{ id: number }>(
    sql`INSERT INTO companies (name, phone, street, postal_code, city, country, website, created_at, updated_at)
        VALUES (${input.name}, ${input.phone ?? null}, ${input.street ?? null}, ${input.postalCode ?? null}, ${input.city ?? null}, ${input.country ?? "CH"},
                ${input.website ?? null}, ${now}, ${now})
        RETURNING id`,
  ))!;
  return getCompanyRow(tx, id);
}

const companyExists = (id: number) => sql`SELECT id FROM companies WHERE id = ${id}`;
const companyMissing = () => new AppError("NOT_FOUND", "not_found", { entity: "company" }, "companyId");

/** A company chosen by id (a person's, a training request's): refused on the field when it does not exist. */
export async function requireCompany(tx: Reads, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  if (!(await tx.one(companyExists(id)))) throw companyMissing();
}

async function getCompanyRow(tx: Reads, id: number): Promise<Company> {
  const row = await tx.one<Company>(
    sql`SELECT id, name, phone, street, postal_code AS "postalCode", city, country, website, created_at AS "createdAt", updated_at AS "updatedAt", version
        FROM companies WHERE id = ${id}`,
  );
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "company" });
  return row;
}

export async function updateCompany(tx: Writes, id: number, version: number, input: Partial<CompanyInput>, now: number): Promise<Company> {
  const current = await getCompanyRow(tx, id);
  if (current.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  // Only the fields given: an absent one keeps its value, a null one is cleared.
  const given = (Object.keys(COLUMNS) as (keyof CompanyInput)[]).filter((field) => input[field] !== undefined);
  const assignments = given.map((field) => sql`${sql.identifier(COLUMNS[field])} = ${input[field]}`);
  assignments.push(sql`updated_at = ${now}`, sql`version = ${version + 1}`);
  await tx.run(sql`UPDATE companies SET ${sql.join(assignments, sql`, `)} WHERE id = ${id}`);
  // The company name is part of each member's search text.
  if (input.name !== undefined && input.name !== current.name) {
    for (const p of await tx.all<{ id: number }>(sql`SELECT id FROM people WHERE company_id = ${id}`)) await reindexPerson(tx, p.id);
  }
  return getCompanyRow(tx, id);
}

export async function getCompany(tx: Reads, id: number): Promise<CompanyDetail> {
  const company = await getCompanyRow(tx, id);
  const members = await tx.all<CompanyDetail["people"][number]>(
    sql`SELECT id, first_name AS "firstName", last_name AS "lastName", last_contact_at AS "lastContactAt"
        FROM people WHERE company_id = ${id} ORDER BY last_name, first_name LIMIT 500`,
  );
  // Their people's error reports, newest first: what the company has been reporting.
  const reports = await tx.all<CompanyDetail["reports"][number]>(
    sql`SELECT r.id, r.reference, r.title, r.status, r.severity, r.created_at AS "createdAt", r.person_id AS "personId", p.first_name || ' ' || p.last_name AS reporter
        FROM people p JOIN error_reports r ON r.person_id = p.id WHERE p.company_id = ${id} ORDER BY r.created_at DESC LIMIT 200`,
  );
  return { ...company, people: members, reports };
}

/**
 * Company names starting with the (lower-cased) text. SQLite: a range over the lower(name) index,
 * closed by U+FFFF. PostgreSQL: starts_with(), since under the database's collation (ICU fr-CH,
 * glibc's) U+FFFF is no upper bound; companies are few enough to be read whole.
 */
const NAME_STARTS_WITH: Record<Dialect, (prefix: string) => SQL> = {
  sqlite: (prefix) => sql`lower(name) >= ${prefix} AND lower(name) < ${prefix + "\uffff"}`,
  pg: (prefix) => sql`starts_with(lower(name), ${prefix})`,
};

/** Company names starting with what was typed, case-insensitively, ordered by lower(name). */
export async function searchCompanies(tx: Reads, q: string, limit = 20): Promise<CompanyOption[]> {
  const prefix = q.normalize("NFC").trim().toLowerCase();
  return tx.all<CompanyOption>(sql`SELECT id, name, city FROM companies WHERE ${NAME_STARTS_WITH[tx.dialect](prefix)} ORDER BY lower(name) LIMIT ${limit}`);
}
