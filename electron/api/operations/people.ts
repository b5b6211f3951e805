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
  updateEmail,
  updatePerson,
  updatePhone,
} from "../../../db/people";
import type { Actor } from "../../../db/actor";
import { AppError } from "../../../db/errors";
import { searchPeople } from "../../../db/search";
import { peopleContract, type PersonCard } from "../../../common/contract/people";
import type { Db, ReadableDb } from "../../../db/open";
import { implement, type HandlerContext } from "../operation";

const change = (ctx: HandlerContext<Db>): Actor => ({ userId: ctx.user!.id, now: ctx.now() });
/** The person card as the caller's user reads it (course titles in their language). */
const card = (ctx: HandlerContext<ReadableDb>, personId: number) => getPerson(ctx.tx, personId, ctx.user!.language);

const personAudit = (fields: string[]) => ({ entity: "person", entityId: (_i: unknown, o: { id: number }) => o.id, fields: () => fields });

/** Caller lookup, the person card and everything an agent corrects on it during a call. */
export const peopleOperations = implement(peopleContract, {
  "people.search": {
    handler: (ctx, input) => searchPeople(ctx.tx, input.q),
  },

  "people.get": {
    handler: (ctx, input) => card(ctx, input.id),
    audit: personAudit(["identity", "company", "phones", "emails", "addresses", "timeline"]),
  },

  "people.create": {
    handler: async (ctx, input) => {
      const personId = await createPerson(ctx.tx, { ...input, phones: input.phones?.map((p) => ({ ...p, e164: p.number })) }, change(ctx));
      const created = await card(ctx, personId);
      return { ...created, duplicates: await duplicatesOf(ctx, created) };
    },
    audit: { entity: "person", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  },

  "people.update": {
    handler: async (ctx, { id: personId, version: v, ...changes }) => {
      const changed = await updatePerson(ctx.tx, personId, v, changes, change(ctx));
      // The company card lists its people: the one they joined shows them too.
      if (changes.companyId) ctx.changed("company", changes.companyId);
      return { ...(await card(ctx, personId)), changed };
    },
    audit: { entity: "person", entityId: (i) => i.id, fields: (_i, o) => o.changed },
  },

  "people.history": {
    handler: (ctx, input) => personHistoryOf(ctx.tx, input.id),
    audit: { entity: "person", entityId: (i) => i.id, fields: () => ["history"] },
  },

  "people.duplicates": {
    handler: (ctx, input) => findDuplicates(ctx.tx, input),
  },

  "people.merge": {
    handler: async (ctx, input) => {
      await mergePeople(ctx.tx, input.keepId, input.removeId);
      // A card still open on the removed person shows that it is gone.
      ctx.changed("person", input.removeId);
      return card(ctx, input.keepId);
    },
    audit: { entity: "person", entityId: (i) => i.keepId, fields: () => ["merged"] },
  },

  "phones.add": {
    handler: async (ctx, input) => {
      await addPhone(ctx.tx, input.personId, { e164: input.number, kind: input.kind, isPrimary: input.isPrimary }, change(ctx));
      const updated = await card(ctx, input.personId);
      return { ...updated, duplicates: await findDuplicates(ctx.tx, { excludeId: updated.id, phones: [input.number] }) };
    },
    audit: personAudit(["phones"]),
  },

  "phones.update": {
    handler: async (ctx, input) => card(ctx, await updatePhone(ctx.tx, input.id, { e164: input.number, kind: input.kind }, change(ctx))),
    audit: personAudit(["phones"]),
  },

  "phones.remove": {
    handler: async (ctx, input) => card(ctx, await removePhone(ctx.tx, input.id, change(ctx))),
    audit: personAudit(["phones"]),
  },

  "phones.setPrimary": {
    handler: async (ctx, input) => card(ctx, await setPrimaryPhone(ctx.tx, input.id)),
    audit: personAudit(["phones.isPrimary"]),
  },

  "emails.add": {
    handler: async (ctx, input) => {
      await addEmail(ctx.tx, input.personId, input, change(ctx));
      const updated = await card(ctx, input.personId);
      return { ...updated, duplicates: await findDuplicates(ctx.tx, { excludeId: updated.id, emails: [input.email] }) };
    },
    audit: personAudit(["emails"]),
  },

  "emails.update": {
    handler: async (ctx, input) => card(ctx, await updateEmail(ctx.tx, input.id, { email: input.email }, change(ctx))),
    audit: personAudit(["emails"]),
  },

  "emails.remove": {
    handler: async (ctx, input) => card(ctx, await removeEmail(ctx.tx, input.id, change(ctx))),
    audit: personAudit(["emails"]),
  },

  "emails.setPrimary": {
    handler: async (ctx, input) => card(ctx, await setPrimaryEmail(ctx.tx, input.id)),
    audit: personAudit(["emails.isPrimary"]),
  },

  "addresses.add": {
    handler: async (ctx, { personId, ...address }) => {
      await addAddress(ctx.tx, personId, address, change(ctx));
      return card(ctx, personId);
    },
    audit: personAudit(["addresses"]),
  },

  "addresses.update": {
    handler: async (ctx, { id: addressId, ...address }) => card(ctx, await updateAddress(ctx.tx, addressId, address, change(ctx))),
    audit: personAudit(["addresses"]),
  },

  "addresses.remove": {
    handler: async (ctx, input) => card(ctx, await removeAddress(ctx.tx, input.id, change(ctx))),
    audit: personAudit(["addresses"]),
  },

  "companies.search": {
    handler: (ctx, input) => searchCompanies(ctx.tx, input.q),
  },

  "companies.get": {
    handler: (ctx, input) => getCompany(ctx.tx, input.id),
    audit: { entity: "company", entityId: (i) => i.id, fields: () => ["company", "people"] },
  },

  "companies.create": {
    handler: (ctx, input) => createCompany(ctx.tx, input, ctx.now()),
    audit: { entity: "company", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  },

  "companies.update": {
    handler: (ctx, { id: companyId, version: v, ...changes }) => updateCompany(ctx.tx, companyId, v, changes, ctx.now()),
    audit: { entity: "company", entityId: (i) => i.id, fields: (i) => Object.keys(i).filter((k) => k !== "id" && k !== "version") },
  },

  "interactions.log": {
    handler: async (ctx, input) => {
      const now = ctx.now();
      if (input.at !== undefined && input.at > now + 5 * 60_000) throw new AppError("VALIDATION", "date_in_future", {}, "at");
      await logInteraction(ctx.tx, { ...input, at: input.at ?? now, agentId: ctx.user!.id }, now);
      return card(ctx, input.personId);
    },
    audit: personAudit(["interactions"]),
  },

  "interactions.list": {
    handler: (ctx, input) => listInteractions(ctx.tx, input.personId, input.limit),
    audit: { entity: "person", entityId: (i) => i.personId, fields: () => ["interactions"] },
  },
});

function duplicatesOf(ctx: HandlerContext<ReadableDb>, person: PersonCard) {
  return findDuplicates(ctx.tx, {
    excludeId: person.id,
    phones: person.phones.map((p) => p.e164),
    emails: person.emails.map((e) => e.email),
    firstName: person.firstName,
    lastName: person.lastName,
    postalCodes: person.addresses.map((a) => a.postalCode).filter(Boolean),
  });
}
