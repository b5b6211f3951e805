import { sql } from "drizzle-orm";
import type { Actor } from "./actor";
import type { Reads, Writes } from "./engine";
import { AppError } from "./errors";
import type { PersonCard, PersonHistoryEntry } from "../common/contract/people";
import { formatPhone, reversedDigits } from "../common/phone";
import type { Language, PERSON_LANGUAGES, PHONE_KINDS, SALUTATIONS } from "./schema";
import { listInteractions } from "./interactions";
import { reportsOfPerson } from "./reports";
import { trainingOfPerson } from "./training";
import { reindexPerson } from "./search";
import { requireCompany } from "./companies";


export type Salutation = (typeof SALUTATIONS)[number];
export type PersonLanguage = (typeof PERSON_LANGUAGES)[number];
export type PhoneKind = (typeof PHONE_KINDS)[number];

export interface Identity {
  salutation?: Salutation | null;
  firstName?: string;
  lastName: string;
  language?: PersonLanguage;
  companyId?: number | null;
}
export interface PhoneInput {
  e164: string;
  kind?: PhoneKind;
  isPrimary?: boolean;
}
export interface EmailInput {
  email: string;
  isPrimary?: boolean;
}
export interface AddressInput {
  street?: string;
  postalCode?: string;
  city: string;
  country?: string;
}

async function record(tx: Writes, personId: number, change: Actor, field: string, oldValue: string | null, newValue: string | null) {
  await tx.run(
    sql`INSERT INTO person_history (person_id, "at", user_id, field, old_value, new_value)
        VALUES (${personId}, ${change.now}, ${change.userId}, ${field}, ${oldValue}, ${newValue})`,
  );
}

interface PersonRow {
  id: number;
  salutation: Salutation | null;
  firstName: string;
  lastName: string;
  language: PersonLanguage;
  companyId: number | null;
  lastContactAt: number | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** `field` names the input that carried the id, so the form can point at it. */
async function requirePerson(tx: Reads, id: number, field = "id"): Promise<PersonRow> {
  const row = await tx.one<PersonRow>(
    sql`SELECT id, salutation, first_name AS "firstName", last_name AS "lastName", language, company_id AS "companyId",
               last_contact_at AS "lastContactAt", created_at AS "createdAt", updated_at AS "updatedAt", version
        FROM people WHERE id = ${id}`,
  );
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, field);
  return row;
}

export async function createPerson(tx: Writes, input: Identity & { phones?: PhoneInput[]; emails?: EmailInput[]; addresses?: AddressInput[] }, change: Actor): Promise<number> {
  await requireCompany(tx, input.companyId);
  const { id } = (await tx.one<{ id: number }>(
    sql`INSERT INTO people (salutation, first_name, last_name, language, company_id, created_at, updated_at)
        VALUES (${input.salutation ?? null}, ${input.firstName ?? ""}, ${input.lastName}, ${input.language ?? "fr"}, ${input.companyId ?? null}, ${change.now}, ${change.now})
        RETURNING id`,
  ))!;
  for (const p of input.phones ?? []) await insertPhone(tx, id, p);
  for (const e of input.emails ?? []) await insertEmail(tx, id, e);
  for (const a of input.addresses ?? []) await insertAddress(tx, id, a);
  await reindexPerson(tx, id);
  return id;
}

/** The identity's fields and their columns. */
const IDENTITY_COLUMNS = { salutation: "salutation", firstName: "first_name", lastName: "last_name", language: "language", companyId: "company_id" } as const;
const IDENTITY_FIELDS = Object.keys(IDENTITY_COLUMNS) as (keyof typeof IDENTITY_COLUMNS)[];

/** Optimistic concurrency: a save based on an older version is refused, not merged silently. */
export async function updatePerson(tx: Writes, id: number, version: number, changes: Partial<Identity>, change: Actor): Promise<string[]> {
  const current = await requirePerson(tx, id);
  if (current.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  if (changes.companyId !== undefined) await requireCompany(tx, changes.companyId);
  const changed = IDENTITY_FIELDS.filter((f) => changes[f] !== undefined && (changes[f] ?? null) !== (current[f] ?? null));
  for (const f of changed) await record(tx, id, change, f, stringOrNull(current[f]), stringOrNull(changes[f]));
  const assignments = changed.map((f) => sql`${sql.identifier(IDENTITY_COLUMNS[f])} = ${changes[f] ?? null}`);
  assignments.push(sql`updated_at = ${change.now}`, sql`version = ${current.version + 1}`);
  await tx.run(sql`UPDATE people SET ${sql.join(assignments, sql`, `)} WHERE id = ${id}`);
  await reindexPerson(tx, id);
  return changed;
}

function stringOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

async function insertPhone(tx: Writes, personId: number, p: PhoneInput): Promise<number> {
  const exists = await tx.one(sql`SELECT id FROM phones WHERE person_id = ${personId} AND e164 = ${p.e164}`);
  if (exists) throw new AppError("CONFLICT", "duplicate_value", {}, "number");
  const hasPrimary = await tx.one(sql`SELECT id FROM phones WHERE person_id = ${personId} AND is_primary = ${true}`);
  const primary = p.isPrimary === true || !hasPrimary;
  if (primary && hasPrimary) await tx.run(sql`UPDATE phones SET is_primary = ${false} WHERE person_id = ${personId}`);
  const { id } = (await tx.one<{ id: number }>(
    sql`INSERT INTO phones (person_id, e164, digits_reversed, kind, is_primary)
        VALUES (${personId}, ${p.e164}, ${reversedDigits(p.e164)}, ${p.kind ?? "mobile"}, ${primary}) RETURNING id`,
  ))!;
  return id;
}

async function insertEmail(tx: Writes, personId: number, e: EmailInput): Promise<number> {
  const exists = await tx.one(sql`SELECT id FROM emails WHERE person_id = ${personId} AND email = ${e.email}`);
  if (exists) throw new AppError("CONFLICT", "duplicate_value", {}, "email");
  const hasPrimary = await tx.one(sql`SELECT id FROM emails WHERE person_id = ${personId} AND is_primary = ${true}`);
  const primary = e.isPrimary === true || !hasPrimary;
  if (primary && hasPrimary) await tx.run(sql`UPDATE emails SET is_primary = ${false} WHERE person_id = ${personId}`);
  const { id } = (await tx.one<{ id: number }>(sql`INSERT INTO emails (person_id, email, is_primary) VALUES (${personId}, ${e.email}, ${primary}) RETURNING id`))!;
  return id;
}

async function insertAddress(tx: Writes, personId: number, a: AddressInput): Promise<number> {
  const { id } = (await tx.one<{ id: number }>(
    sql`INSERT INTO addresses (person_id, street, postal_code, city, country)
        VALUES (${personId}, ${a.street ?? ""}, ${a.postalCode ?? ""}, ${a.city}, ${a.country ?? "CH"}) RETURNING id`,
  ))!;
  return id;
}

const describeAddress = (a: AddressInput) => [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.country].filter(Boolean).join(", ");

interface PhoneRow {
  id: number;
  personId: number;
  e164: string;
  kind: PhoneKind;
  isPrimary: boolean;
}

async function requirePhone(tx: Reads, phoneId: number): Promise<PhoneRow> {
  const row = await tx.one<PhoneRow>(sql`SELECT id, person_id AS "personId", e164, kind, is_primary AS "isPrimary" FROM phones WHERE id = ${phoneId}`);
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "phone" });
  // SQLite gives 1 or 0, PostgreSQL a boolean.
  return { ...row, isPrimary: Boolean(row.isPrimary) };
}

interface EmailRow {
  id: number;
  personId: number;
  email: string;
  isPrimary: boolean;
}

async function requireEmail(tx: Reads, emailId: number): Promise<EmailRow> {
  const row = await tx.one<EmailRow>(sql`SELECT id, person_id AS "personId", email, is_primary AS "isPrimary" FROM emails WHERE id = ${emailId}`);
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "email" });
  return { ...row, isPrimary: Boolean(row.isPrimary) };
}

interface AddressRow extends Required<AddressInput> {
  id: number;
  personId: number;
}

async function requireAddress(tx: Reads, addressId: number): Promise<AddressRow> {
  const row = await tx.one<AddressRow>(
    sql`SELECT id, person_id AS "personId", street, postal_code AS "postalCode", city, country FROM addresses WHERE id = ${addressId}`,
  );
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "address" });
  return row;
}

export async function addPhone(tx: Writes, personId: number, p: PhoneInput, change: Actor): Promise<number> {
  await requirePerson(tx, personId, "personId");
  const id = await insertPhone(tx, personId, p);
  await record(tx, personId, change, "phones", null, p.e164);
  return id;
}

export async function updatePhone(tx: Writes, phoneId: number, p: { e164: string; kind?: PhoneKind }, change: Actor): Promise<number> {
  const current = await requirePhone(tx, phoneId);
  const clash = await tx.one(sql`SELECT id FROM phones WHERE person_id = ${current.personId} AND e164 = ${p.e164} AND id <> ${phoneId}`);
  if (clash) throw new AppError("CONFLICT", "duplicate_value", {}, "number");
  await tx.run(sql`UPDATE phones SET e164 = ${p.e164}, digits_reversed = ${reversedDigits(p.e164)}, kind = ${p.kind ?? current.kind} WHERE id = ${phoneId}`);
  if (current.e164 !== p.e164) await record(tx, current.personId, change, "phones", current.e164, p.e164);
  if (p.kind && p.kind !== current.kind) await record(tx, current.personId, change, "phones.kind", current.kind, p.kind);
  return current.personId;
}

export async function removePhone(tx: Writes, phoneId: number, change: Actor): Promise<number> {
  const current = await requirePhone(tx, phoneId);
  await tx.run(sql`DELETE FROM phones WHERE id = ${phoneId}`);
  if (current.isPrimary) await promoteFirst(tx, "phones", current.personId);
  await record(tx, current.personId, change, "phones", current.e164, null);
  return current.personId;
}

export async function setPrimaryPhone(tx: Writes, phoneId: number): Promise<number> {
  const current = await requirePhone(tx, phoneId);
  await tx.run(sql`UPDATE phones SET is_primary = ${false} WHERE person_id = ${current.personId}`);
  await tx.run(sql`UPDATE phones SET is_primary = ${true} WHERE id = ${phoneId}`);
  return current.personId;
}

export async function addEmail(tx: Writes, personId: number, e: EmailInput, change: Actor): Promise<number> {
  await requirePerson(tx, personId, "personId");
  const id = await insertEmail(tx, personId, e);
  await record(tx, personId, change, "emails", null, e.email);
  await reindexPerson(tx, personId);
  return id;
}

/** A typo corrected in place: the row (and whether it is the primary one) stays, the history keeps both values. */
export async function updateEmail(tx: Writes, emailId: number, e: { email: string }, change: Actor): Promise<number> {
  const current = await requireEmail(tx, emailId);
  if (current.email === e.email) return current.personId;
  const clash = await tx.one(sql`SELECT id FROM emails WHERE person_id = ${current.personId} AND email = ${e.email} AND id <> ${emailId}`);
  if (clash) throw new AppError("CONFLICT", "duplicate_value", {}, "email");
  await tx.run(sql`UPDATE emails SET email = ${e.email} WHERE id = ${emailId}`);
  await record(tx, current.personId, change, "emails", current.email, e.email);
  await reindexPerson(tx, current.personId);
  return current.personId;
}

export async function removeEmail(tx: Writes, emailId: number, change: Actor): Promise<number> {
  const current = await requireEmail(tx, emailId);
  await tx.run(sql`DELETE FROM emails WHERE id = ${emailId}`);
  if (current.isPrimary) await promoteFirst(tx, "emails", current.personId);
  await record(tx, current.personId, change, "emails", current.email, null);
  await reindexPerson(tx, current.personId);
  return current.personId;
}

export async function setPrimaryEmail(tx: Writes, emailId: number): Promise<number> {
  const current = await requireEmail(tx, emailId);
  await tx.run(sql`UPDATE emails SET is_primary = ${false} WHERE person_id = ${current.personId}`);
  await tx.run(sql`UPDATE emails SET is_primary = ${true} WHERE id = ${emailId}`);
  return current.personId;
}

export async function addAddress(tx: Writes, personId: number, a: AddressInput, change: Actor): Promise<number> {
  await requirePerson(tx, personId, "personId");
  const id = await insertAddress(tx, personId, a);
  await record(tx, personId, change, "addresses", null, describeAddress(a));
  await reindexPerson(tx, personId);
  return id;
}

export async function updateAddress(tx: Writes, addressId: number, a: AddressInput, change: Actor): Promise<number> {
  const current = await requireAddress(tx, addressId);
  await tx.run(
    sql`UPDATE addresses SET street = ${a.street ?? ""}, postal_code = ${a.postalCode ?? ""}, city = ${a.city}, country = ${a.country ?? "CH"} WHERE id = ${addressId}`,
  );
  const before = describeAddress(current);
  const after = describeAddress(a);
  if (before !== after) await record(tx, current.personId, change, "addresses", before, after);
  await reindexPerson(tx, current.personId);
  return current.personId;
}

export async function removeAddress(tx: Writes, addressId: number, change: Actor): Promise<number> {
  const current = await requireAddress(tx, addressId);
  await tx.run(sql`DELETE FROM addresses WHERE id = ${addressId}`);
  await record(tx, current.personId, change, "addresses", describeAddress(current), null);
  await reindexPerson(tx, current.personId);
  return current.personId;
}

async function promoteFirst(tx: Writes, table: "phones" | "emails", personId: number) {
  const name = sql.identifier(table);
  await tx.run(sql`UPDATE ${name} SET is_primary = ${true} WHERE id = (SELECT id FROM ${name} WHERE person_id = ${personId} ORDER BY id LIMIT 1)`);
}

/** The person card; course titles in the reader's language. */
export async function getPerson(tx: Reads, id: number, language: Language = "fr"): Promise<PersonCard> {
  const person = await requirePerson(tx, id);
  const company = person.companyId ? ((await tx.one<{ id: number; name: string }>(sql`SELECT id, name FROM companies WHERE id = ${person.companyId}`)) ?? null) : null;
  // is_primary first: SQLite's 1 and PostgreSQL's true both sort after 0 and false.
  const phones = await tx.all<Omit<PhoneRow, "personId">>(sql`SELECT id, e164, kind, is_primary AS "isPrimary" FROM phones WHERE person_id = ${id} ORDER BY is_primary DESC, id`);
  const emails = await tx.all<Omit<EmailRow, "personId">>(sql`SELECT id, email, is_primary AS "isPrimary" FROM emails WHERE person_id = ${id} ORDER BY is_primary DESC, id`);
  const addresses = await tx.all<Omit<AddressRow, "personId">>(
    sql`SELECT id, street, postal_code AS "postalCode", city, country FROM addresses WHERE person_id = ${id} ORDER BY id`,
  );
  const timeline = await listInteractions(tx, id, 1000);
  return {
    id: person.id,
    salutation: person.salutation,
    firstName: person.firstName,
    lastName: person.lastName,
    language: person.language,
    company,
    version: person.version,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
    lastContactAt: person.lastContactAt,
    phones: phones.map((p) => ({ ...p, isPrimary: Boolean(p.isPrimary), display: formatPhone(p.e164) })),
    emails: emails.map((e) => ({ ...e, isPrimary: Boolean(e.isPrimary) })),
    addresses,
    /** Every error report with its status: "where is my report?" answered from the card. */
    reports: await reportsOfPerson(tx, id),
    training: await trainingOfPerson(tx, id, language),
    timeline: timeline.map((i) => ({ kind: "interaction" as const, ...i })),
  };
}
export type { PersonCard };

export async function personHistoryOf(tx: Reads, personId: number): Promise<PersonHistoryEntry[]> {
  await requirePerson(tx, personId, "personId");
  return tx.all<PersonHistoryEntry>(
    sql`SELECT h.id, h.at, h.field, h.old_value AS "oldValue", h.new_value AS "newValue", u.display_name AS "user"
        FROM person_history h LEFT JOIN users u ON u.id = h.user_id
        WHERE h.person_id = ${personId} ORDER BY h.at DESC, h.id DESC`,
  );
}
