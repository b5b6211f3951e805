import { and, desc, eq, ne } from "drizzle-orm";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import type { PersonCard, PersonHistoryEntry } from "../common/contract/people";
import { formatPhone, reversedDigits } from "../common/phone";
import { addresses, companies, emails, people, personHistory, phones, users, type PERSON_LANGUAGES, type PHONE_KINDS, type SALUTATIONS } from "./schema";
import { listInteractions } from "./interactions";
import { reportsOfPerson } from "./reports";
import { trainingOfPerson } from "./training";
import type { Language } from "./schema";
import { reindexPersonSync } from "./search";
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


function record(db: Db, personId: number, change: Actor, field: string, oldValue: string | null, newValue: string | null) {
  db.orm.insert(personHistory).values({ personId, at: change.now, userId: change.userId, field, oldValue, newValue }).run();
}

/** `field` names the input that carried the id, so the form can point at it. */
function requirePerson(db: ReadableDb, id: number, field = "id") {
  const row = db.orm.select().from(people).where(eq(people.id, id)).get();
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, field);
  return row;
}

export function createPerson(db: Db, input: Identity & { phones?: PhoneInput[]; emails?: EmailInput[]; addresses?: AddressInput[] }, change: Actor): number {
  requireCompany(db, input.companyId);
  const { id } = db.orm
    .insert(people)
    .values({
      salutation: input.salutation ?? null,
      firstName: input.firstName ?? "",
      lastName: input.lastName,
      language: input.language ?? "fr",
      companyId: input.companyId ?? null,
      createdAt: change.now,
      updatedAt: change.now,
    })
    .returning({ id: people.id })
    .get();
  for (const p of input.phones ?? []) insertPhone(db, id, p);
  for (const e of input.emails ?? []) insertEmail(db, id, e);
  for (const a of input.addresses ?? []) insertAddress(db, id, a);
  reindexPersonSync(db, id);
  return id;
}

const IDENTITY_FIELDS = ["salutation", "firstName", "lastName", "language", "companyId"] as const;

/** Optimistic concurrency: a save based on an older version is refused, not merged silently. */
export function updatePerson(db: Db, id: number, version: number, changes: Partial<Identity>, change: Actor): string[] {
  const current = requirePerson(db, id);
  if (current.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  if (changes.companyId !== undefined) requireCompany(db, changes.companyId);
  const changed = IDENTITY_FIELDS.filter((f) => changes[f] !== undefined && (changes[f] ?? null) !== (current[f] ?? null));
  for (const f of changed) record(db, id, change, f, stringOrNull(current[f]), stringOrNull(changes[f]));
  db.orm
    .update(people)
    .set({ ...Object.fromEntries(changed.map((f) => [f, changes[f] ?? null])), updatedAt: change.now, version: current.version + 1 })
    .where(eq(people.id, id))
    .run();
  reindexPersonSync(db, id);
  return changed;
}

function stringOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function insertPhone(db: Db, personId: number, p: PhoneInput): number {
  const exists = db.orm.select({ id: phones.id }).from(phones).where(and(eq(phones.personId, personId), eq(phones.e164, p.e164))).get();
  if (exists) throw new AppError("CONFLICT", "duplicate_value", {}, "number");
  const hasPrimary = db.orm.select({ id: phones.id }).from(phones).where(and(eq(phones.personId, personId), eq(phones.isPrimary, true))).get();
  const primary = p.isPrimary === true || !hasPrimary;
  if (primary && hasPrimary) db.orm.update(phones).set({ isPrimary: false }).where(eq(phones.personId, personId)).run();
  return db.orm
    .insert(phones)
    .values({ personId, e164: p.e164, digitsReversed: reversedDigits(p.e164), kind: p.kind ?? "mobile", isPrimary: primary })
    .returning({ id: phones.id })
    .get().id;
}

function insertEmail(db: Db, personId: number, e: EmailInput): number {
  const exists = db.orm.select({ id: emails.id }).from(emails).where(and(eq(emails.personId, personId), eq(emails.email, e.email))).get();
  if (exists) throw new AppError("CONFLICT", "duplicate_value", {}, "email");
  const hasPrimary = db.orm.select({ id: emails.id }).from(emails).where(and(eq(emails.personId, personId), eq(emails.isPrimary, true))).get();
  const primary = e.isPrimary === true || !hasPrimary;
  if (primary && hasPrimary) db.orm.update(emails).set({ isPrimary: false }).where(eq(emails.personId, personId)).run();
  return db.orm.insert(emails).values({ personId, email: e.email, isPrimary: primary }).returning({ id: emails.id }).get().id;
}

function insertAddress(db: Db, personId: number, a: AddressInput): number {
  return db.orm
    .insert(addresses)
    .values({ personId, street: a.street ?? "", postalCode: a.postalCode ?? "", city: a.city, country: a.country ?? "CH" })
    .returning({ id: addresses.id })
    .get().id;
}

const describeAddress = (a: AddressInput) => [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.country].filter(Boolean).join(", ");

export function addPhone(db: Db, personId: number, p: PhoneInput, change: Actor): number {
  requirePerson(db, personId, "personId");
  const id = insertPhone(db, personId, p);
  record(db, personId, change, "phones", null, p.e164);
  return id;
}

export function updatePhone(db: Db, phoneId: number, p: { e164: string; kind?: PhoneKind }, change: Actor): number {
  const current = db.orm.select().from(phones).where(eq(phones.id, phoneId)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "phone" });
  const clash = db.orm.select({ id: phones.id }).from(phones).where(and(eq(phones.personId, current.personId), eq(phones.e164, p.e164), ne(phones.id, phoneId))).get();
  if (clash) throw new AppError("CONFLICT", "duplicate_value", {}, "number");
  db.orm.update(phones).set({ e164: p.e164, digitsReversed: reversedDigits(p.e164), kind: p.kind ?? current.kind }).where(eq(phones.id, phoneId)).run();
  if (current.e164 !== p.e164) record(db, current.personId, change, "phones", current.e164, p.e164);
  if (p.kind && p.kind !== current.kind) record(db, current.personId, change, "phones.kind", current.kind, p.kind);
  return current.personId;
}

export function removePhone(db: Db, phoneId: number, change: Actor): number {
  const current = db.orm.select().from(phones).where(eq(phones.id, phoneId)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "phone" });
  db.orm.delete(phones).where(eq(phones.id, phoneId)).run();
  if (current.isPrimary) promoteFirst(db, "phones", current.personId);
  record(db, current.personId, change, "phones", current.e164, null);
  return current.personId;
}

export function setPrimaryPhone(db: Db, phoneId: number): number {
  const current = db.orm.select().from(phones).where(eq(phones.id, phoneId)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "phone" });
  db.orm.update(phones).set({ isPrimary: false }).where(eq(phones.personId, current.personId)).run();
  db.orm.update(phones).set({ isPrimary: true }).where(eq(phones.id, phoneId)).run();
  return current.personId;
}

export function addEmail(db: Db, personId: number, e: EmailInput, change: Actor): number {
  requirePerson(db, personId, "personId");
  const id = insertEmail(db, personId, e);
  record(db, personId, change, "emails", null, e.email);
  reindexPersonSync(db, personId);
  return id;
}

/** A typo corrected in place: the row (and whether it is the primary one) stays, the history keeps both values. */
export function updateEmail(db: Db, emailId: number, e: { email: string }, change: Actor): number {
  const current = db.orm.select().from(emails).where(eq(emails.id, emailId)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "email" });
  if (current.email === e.email) return current.personId;
  const clash = db.orm.select({ id: emails.id }).from(emails).where(and(eq(emails.personId, current.personId), eq(emails.email, e.email), ne(emails.id, emailId))).get();
  if (clash) throw new AppError("CONFLICT", "duplicate_value", {}, "email");
  db.orm.update(emails).set({ email: e.email }).where(eq(emails.id, emailId)).run();
  record(db, current.personId, change, "emails", current.email, e.email);
  reindexPersonSync(db, current.personId);
  return current.personId;
}

export function removeEmail(db: Db, emailId: number, change: Actor): number {
  const current = db.orm.select().from(emails).where(eq(emails.id, emailId)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "email" });
  db.orm.delete(emails).where(eq(emails.id, emailId)).run();
  if (current.isPrimary) promoteFirst(db, "emails", current.personId);
  record(db, current.personId, change, "emails", current.email, null);
  reindexPersonSync(db, current.personId);
  return current.personId;
}

export function setPrimaryEmail(db: Db, emailId: number): number {
  const current = db.orm.select().from(emails).where(eq(emails.id, emailId)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "email" });
  db.orm.update(emails).set({ isPrimary: false }).where(eq(emails.personId, current.personId)).run();
  db.orm.update(emails).set({ isPrimary: true }).where(eq(emails.id, emailId)).run();
  return current.personId;
}

export function addAddress(db: Db, personId: number, a: AddressInput, change: Actor): number {
  requirePerson(db, personId, "personId");
  const id = insertAddress(db, personId, a);
  record(db, personId, change, "addresses", null, describeAddress(a));
  reindexPersonSync(db, personId);
  return id;
}

export function updateAddress(db: Db, addressId: number, a: AddressInput, change: Actor): number {
  const current = db.orm.select().from(addresses).where(eq(addresses.id, addressId)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "address" });
  db.orm.update(addresses).set({ street: a.street ?? "", postalCode: a.postalCode ?? "", city: a.city, country: a.country ?? "CH" }).where(eq(addresses.id, addressId)).run();
  const before = describeAddress(current);
  const after = describeAddress(a);
  if (before !== after) record(db, current.personId, change, "addresses", before, after);
  reindexPersonSync(db, current.personId);
  return current.personId;
}

export function removeAddress(db: Db, addressId: number, change: Actor): number {
  const current = db.orm.select().from(addresses).where(eq(addresses.id, addressId)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "address" });
  db.orm.delete(addresses).where(eq(addresses.id, addressId)).run();
  record(db, current.personId, change, "addresses", describeAddress(current), null);
  reindexPersonSync(db, current.personId);
  return current.personId;
}

function promoteFirst(db: Db, table: "phones" | "emails", personId: number) {
  db.sqlite.prepare(`UPDATE ${table} SET is_primary = 1 WHERE id = (SELECT id FROM ${table} WHERE person_id = ? ORDER BY id LIMIT 1)`).run(personId);
}

/** The person card; course titles in the reader's language. */
export function getPerson(db: ReadableDb, id: number, language: Language = "fr"): PersonCard {
  const person = requirePerson(db, id);
  const company = person.companyId ? (db.orm.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.id, person.companyId)).get() ?? null) : null;
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
    phones: db.orm
      .select({ id: phones.id, e164: phones.e164, kind: phones.kind, isPrimary: phones.isPrimary })
      .from(phones)
      .where(eq(phones.personId, id))
      .orderBy(desc(phones.isPrimary), phones.id)
      .all()
      .map((p) => ({ ...p, display: formatPhone(p.e164) })),
    emails: db.orm.select({ id: emails.id, email: emails.email, isPrimary: emails.isPrimary }).from(emails).where(eq(emails.personId, id)).orderBy(desc(emails.isPrimary), emails.id).all(),
    addresses: db.orm
      .select({ id: addresses.id, street: addresses.street, postalCode: addresses.postalCode, city: addresses.city, country: addresses.country })
      .from(addresses)
      .where(eq(addresses.personId, id))
      .orderBy(addresses.id)
      .all(),
    /** Every error report with its status: "where is my report?" answered from the card. */
    reports: reportsOfPerson(db, id),
    training: trainingOfPerson(db, id, language),
    timeline: listInteractions(db, id, 1000).map((i) => ({ kind: "interaction" as const, ...i })),
  };
}
export type { PersonCard };

export function personHistoryOf(db: ReadableDb, personId: number): PersonHistoryEntry[] {
  requirePerson(db, personId, "personId");
  return db.orm
    .select({ id: personHistory.id, at: personHistory.at, field: personHistory.field, oldValue: personHistory.oldValue, newValue: personHistory.newValue, user: users.displayName })
    .from(personHistory)
    .leftJoin(users, eq(users.id, personHistory.userId))
    .where(eq(personHistory.personId, personId))
    .orderBy(desc(personHistory.at), desc(personHistory.id))
    .all();
}
