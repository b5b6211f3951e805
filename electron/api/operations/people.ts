import { z } from "zod";
import { createCompany, getCompany, searchCompanies, updateCompany } from "../../../db/companies";
import { findDuplicates, mergePeople } from "../../../db/duplicates";
import { listInteractions, logInteraction } from "../../../db/interactions";
import {
  addAddress,
  addEmail,
  addPhone,
  createPerson,
  getPerson,
  personHistoryOf,
  removeAddress,
  removeEmail,
  removePhone,
  setPrimaryEmail,
  setPrimaryPhone,
  updateAddress,
  updatePerson,
  updatePhone,
} from "../../../db/people";
import type { Actor } from "../../../db/actor";
import { AppError } from "../../../db/errors";
import { INTERACTION_CHANNELS, INTERACTION_PURPOSES, PERSON_LANGUAGES, PHONE_KINDS, SALUTATIONS } from "../../../db/schema";
import { searchPeople } from "../../../db/search";
import { country, email, id, instant, personName, phoneNumber, text, version } from "../../../common/fields";
import { op, STAFF, type HandlerContext } from "../operation";


const change = (ctx: HandlerContext): Actor => ({ userId: ctx.user!.id, now: ctx.now() });
/** The person card as the caller's user reads it (course titles in their language). */
const card = (ctx: HandlerContext, personId: number) => getPerson(ctx.db, personId, ctx.user!.language);

const identity = {
  salutation: z.enum(SALUTATIONS).nullable().optional(),
  firstName: personName(100, 0).optional(),
  lastName: personName(100),
  language: z.enum(PERSON_LANGUAGES).optional(),
  companyId: id.nullable().optional(),
};
const phoneInput = z.strictObject({ number: phoneNumber, kind: z.enum(PHONE_KINDS).optional(), isPrimary: z.boolean().optional() });
const emailInput = z.strictObject({ email, isPrimary: z.boolean().optional() });
const addressInput = z.strictObject({
  street: text(200, 0).optional(),
  postalCode: text(12, 0).optional(),
  city: text(100),
  country: country.optional(),
});
const companyInput = {
  name: text(200),
  phone: phoneNumber.nullable().optional(),
  street: text(200, 0).nullable().optional(),
  postalCode: text(12, 0).nullable().optional(),
  city: text(100, 0).nullable().optional(),
  country: country.optional(),
  website: z.url({ protocol: /^https?$/ }).max(300).nullable().optional(),
};

const personAudit = (fields: string[]) => ({ entity: "person", entityId: (_i: unknown, o: { id: number }) => o.id, fields: () => fields });

/** Caller lookup, the person card and everything an agent corrects on it during a call. */
export const peopleOperations = {
  "people.search": op({
    input: z.strictObject({ q: z.string().max(200) }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => searchPeople(ctx.db, input.q),
  }),

  "people.get": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => card(ctx, input.id),
    audit: personAudit(["identity", "company", "phones", "emails", "addresses", "timeline"]),
  }),

  "people.create": op({
    input: z.strictObject({
      ...identity,
      phones: z.array(phoneInput).max(10).optional(),
      emails: z.array(emailInput).max(10).optional(),
      addresses: z.array(addressInput).max(5).optional(),
    }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => {
      const personId = createPerson(ctx.db, { ...input, phones: input.phones?.map((p) => ({ ...p, e164: p.number })) }, change(ctx));
      const created = card(ctx, personId);
      return { ...created, duplicates: duplicatesOf(ctx, created) };
    },
    audit: { entity: "person", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  }),

  "people.update": op({
    input: z.strictObject({ id, version, ...identity, lastName: identity.lastName.optional() }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, { id: personId, version: v, ...changes }) => {
      const changed = updatePerson(ctx.db, personId, v, changes, change(ctx));
      return { ...card(ctx, personId), changed };
    },
    audit: { entity: "person", entityId: (i) => i.id, fields: (_i, o) => o.changed },
  }),

  "people.history": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => personHistoryOf(ctx.db, input.id),
    audit: { entity: "person", entityId: (i) => i.id, fields: () => ["history"] },
  }),

  "people.duplicates": op({
    input: z.strictObject({
      excludeId: id.optional(),
      phones: z.array(phoneNumber).max(10).optional(),
      emails: z.array(email).max(10).optional(),
      firstName: personName(100, 0).optional(),
      lastName: personName(100, 0).optional(),
      postalCodes: z.array(text(12)).max(5).optional(),
    }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => findDuplicates(ctx.db, input),
  }),

  "people.merge": op({
    input: z.strictObject({ keepId: id, removeId: id }),
    roles: ["manager", "admin"],
    mutates: true,
    handler: (ctx, input) => {
      mergePeople(ctx.db, input.keepId, input.removeId);
      return card(ctx, input.keepId);
    },
    audit: { entity: "person", entityId: (i) => i.keepId, fields: () => ["merged"] },
  }),

  "phones.add": op({
    input: z.strictObject({ personId: id, ...phoneInput.shape }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => {
      addPhone(ctx.db, input.personId, { e164: input.number, kind: input.kind, isPrimary: input.isPrimary }, change(ctx));
      const updated = card(ctx, input.personId);
      return { ...updated, duplicates: findDuplicates(ctx.db, { excludeId: updated.id, phones: [input.number] }) };
    },
    audit: personAudit(["phones"]),
  }),

  "phones.update": op({
    input: z.strictObject({ id, number: phoneNumber, kind: z.enum(PHONE_KINDS).optional() }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => card(ctx, updatePhone(ctx.db, input.id, { e164: input.number, kind: input.kind }, change(ctx))),
    audit: personAudit(["phones"]),
  }),

  "phones.remove": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => card(ctx, removePhone(ctx.db, input.id, change(ctx))),
    audit: personAudit(["phones"]),
  }),

  "phones.setPrimary": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => card(ctx, setPrimaryPhone(ctx.db, input.id)),
    audit: personAudit(["phones.isPrimary"]),
  }),

  "emails.add": op({
    input: z.strictObject({ personId: id, ...emailInput.shape }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => {
      addEmail(ctx.db, input.personId, input, change(ctx));
      const updated = card(ctx, input.personId);
      return { ...updated, duplicates: findDuplicates(ctx.db, { excludeId: updated.id, emails: [input.email] }) };
    },
    audit: personAudit(["emails"]),
  }),

  "emails.remove": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => card(ctx, removeEmail(ctx.db, input.id, change(ctx))),
    audit: personAudit(["emails"]),
  }),

  "emails.setPrimary": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => card(ctx, setPrimaryEmail(ctx.db, input.id)),
    audit: personAudit(["emails.isPrimary"]),
  }),

  "addresses.add": op({
    input: z.strictObject({ personId: id, ...addressInput.shape }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, { personId, ...address }) => {
      addAddress(ctx.db, personId, address, change(ctx));
      return card(ctx, personId);
    },
    audit: personAudit(["addresses"]),
  }),

  "addresses.update": op({
    input: z.strictObject({ id, ...addressInput.shape }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, { id: addressId, ...address }) => card(ctx, updateAddress(ctx.db, addressId, address, change(ctx))),
    audit: personAudit(["addresses"]),
  }),

  "addresses.remove": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => card(ctx, removeAddress(ctx.db, input.id, change(ctx))),
    audit: personAudit(["addresses"]),
  }),

  "companies.search": op({
    input: z.strictObject({ q: z.string().max(200) }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => searchCompanies(ctx.db, input.q),
  }),

  "companies.get": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => getCompany(ctx.db, input.id),
    audit: { entity: "company", entityId: (i) => i.id, fields: () => ["company", "people"] },
  }),

  "companies.create": op({
    input: z.strictObject(companyInput),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => createCompany(ctx.db, input, ctx.now()),
    audit: { entity: "company", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  }),

  "companies.update": op({
    input: z.strictObject({ id, version, ...companyInput, name: companyInput.name.optional() }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, { id: companyId, version: v, ...changes }) => updateCompany(ctx.db, companyId, v, changes, ctx.now()),
    audit: { entity: "company", entityId: (i) => i.id, fields: (i) => Object.keys(i).filter((k) => k !== "id" && k !== "version") },
  }),

  "interactions.log": op({
    input: z.strictObject({
      personId: id,
      channel: z.enum(INTERACTION_CHANNELS),
      purpose: z.enum(INTERACTION_PURPOSES),
      summary: text(4000, 0),
      at: instant.optional(),
    }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => {
      const now = ctx.now();
      if (input.at !== undefined && input.at > now + 5 * 60_000) throw new AppError("VALIDATION", "date_in_future", {}, "at");
      logInteraction(ctx.db, { ...input, at: input.at ?? now, agentId: ctx.user!.id }, now);
      return card(ctx, input.personId);
    },
    audit: personAudit(["interactions"]),
  }),

  "interactions.list": op({
    input: z.strictObject({ personId: id, limit: z.number().int().min(1).max(500).default(100) }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => listInteractions(ctx.db, input.personId, input.limit),
    audit: { entity: "person", entityId: (i) => i.personId, fields: () => ["interactions"] },
  }),
};

function duplicatesOf(ctx: HandlerContext, person: ReturnType<typeof getPerson>) {
  return findDuplicates(ctx.db, {
    excludeId: person.id,
    phones: person.phones.map((p) => p.e164),
    emails: person.emails.map((e) => e.email),
    firstName: person.firstName,
    lastName: person.lastName,
    postalCodes: person.addresses.map((a) => a.postalCode).filter(Boolean),
  });
}
