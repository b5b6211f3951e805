import { z } from "zod";
import {
  INTERACTION_CHANNELS,
  INTERACTION_PURPOSES,
  PERSON_LANGUAGES,
  PHONE_KINDS,
  SALUTATIONS,
  type InteractionChannel,
  type InteractionPurpose,
  type PersonLanguage,
  type PhoneKind,
  type ReportStatus,
  type Salutation,
  type Severity,
} from "../enums";
import { country, email, id, instant, personName, phoneNumber, text, version } from "../fields";
import { MANAGERS, STAFF } from "../roles";
import { operation, returns } from "./operation";
import type { TrainingRequestRow } from "./training";

// ---------------------------------------------------------------- what the operations answer

/**
 * One row of the caller lookup. Numbers are E.164 like everywhere else in the contract; the
 * screen shows them with `formatPhone` (common/phone.ts).
 */
export interface SearchHit {
  personId: number;
  salutation: Salutation | null;
  firstName: string;
  lastName: string;
  company: string | null;
  city: string | null;
  /** E.164 ("+41227353392"), the primary number or else the first one; null when none is on file. */
  primaryPhone: string | null;
  lastContactAt: number | null;
  /** What matched: an exact number or address ranks above a partial name. */
  matchedBy: "phone" | "email" | "text" | "recent";
}

export interface PersonPhone {
  id: number;
  e164: string;
  kind: PhoneKind;
  isPrimary: boolean;
  /** The number as written in Switzerland ("022 735 33 92"), beside its E.164 form. */
  display: string;
}

export interface PersonEmail {
  id: number;
  email: string;
  isPrimary: boolean;
}

export interface PersonAddress {
  id: number;
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

/** A logged contact (call, email, visit…). */
export interface Interaction {
  id: number;
  at: number;
  channel: InteractionChannel;
  purpose: InteractionPurpose;
  summary: string;
  /** Who logged it; null once their account is gone. */
  agent: string | null;
}

/** An error report as the person card lists it: "where is my report?" answered from the card. */
export interface PersonReport {
  id: number;
  reference: string;
  title: string;
  status: ReportStatus;
  severity: Severity;
  createdAt: number;
  updatedAt: number;
}

/** A training request as the person card lists it (as every list does); the course title in the reader's language. */
export type PersonTrainingRequest = TrainingRequestRow;

/** The person card: identity, contact details, reports, training and the timeline. */
export interface PersonCard {
  id: number;
  salutation: Salutation | null;
  firstName: string;
  lastName: string;
  language: PersonLanguage;
  company: { id: number; name: string } | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  lastContactAt: number | null;
  phones: PersonPhone[];
  emails: PersonEmail[];
  addresses: PersonAddress[];
  reports: PersonReport[];
  training: PersonTrainingRequest[];
  timeline: ({ kind: "interaction" } & Interaction)[];
}

/** Likely the same person: same phone, same email, or same name at the same postal code. */
export interface DuplicateCandidate {
  personId: number;
  firstName: string;
  lastName: string;
  reasons: ("phone" | "email" | "name_postal_code")[];
}

/** A card just created or given a number or address: with the people it may duplicate. */
export type PersonCardWithDuplicates = PersonCard & { duplicates: DuplicateCandidate[] };

/** One correction on the card: which field, from what to what, by whom. */
export interface PersonHistoryEntry {
  id: number;
  at: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  user: string | null;
}

export interface CompanyOption {
  id: number;
  name: string;
  city: string | null;
}

export interface Company {
  id: number;
  name: string;
  /** E.164. */
  phone: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  website: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** A company with its people and the error reports they made, newest first. */
export interface CompanyDetail extends Company {
  people: { id: number; firstName: string; lastName: string; lastContactAt: number | null }[];
  reports: { id: number; reference: string; title: string; status: ReportStatus; severity: Severity; createdAt: number; personId: number; reporter: string }[];
}

// ---------------------------------------------------------------- inputs

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

/** Caller lookup, the person card and everything an agent corrects on it during a call. */
export const peopleContract = {
  "people.search": operation({ input: z.strictObject({ q: z.string().max(200) }), roles: STAFF, mutates: false, output: returns<SearchHit[]>() }),

  "people.get": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: false, output: returns<PersonCard>() }),

  "people.create": operation({
    input: z.strictObject({
      ...identity,
      phones: z.array(phoneInput).max(10).optional(),
      emails: z.array(emailInput).max(10).optional(),
      addresses: z.array(addressInput).max(5).optional(),
    }),
    roles: STAFF,
    mutates: true,
    output: returns<PersonCardWithDuplicates>(),
  }),

  "people.update": operation({
    input: z.strictObject({ id, version, ...identity, lastName: identity.lastName.optional() }),
    roles: STAFF,
    mutates: true,
    /** `changed`: the identity fields this save changed (none when it repeated what was stored). */
    output: returns<PersonCard & { changed: string[] }>(),
  }),

  "people.history": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: false, output: returns<PersonHistoryEntry[]>() }),

  "people.duplicates": operation({
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
    output: returns<DuplicateCandidate[]>(),
  }),

  "people.merge": operation({ input: z.strictObject({ keepId: id, removeId: id }), roles: MANAGERS, mutates: true, output: returns<PersonCard>() }),

  "phones.add": operation({ input: z.strictObject({ personId: id, ...phoneInput.shape }), roles: STAFF, mutates: true, output: returns<PersonCardWithDuplicates>() }),
  "phones.update": operation({
    input: z.strictObject({ id, number: phoneNumber, kind: z.enum(PHONE_KINDS).optional() }),
    roles: STAFF,
    mutates: true,
    output: returns<PersonCard>(),
  }),
  "phones.remove": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: true, output: returns<PersonCard>() }),
  "phones.setPrimary": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: true, output: returns<PersonCard>() }),

  "emails.add": operation({ input: z.strictObject({ personId: id, ...emailInput.shape }), roles: STAFF, mutates: true, output: returns<PersonCardWithDuplicates>() }),
  /** Corrects a mistyped address in place (kept as a correction in the person's history). */
  "emails.update": operation({ input: z.strictObject({ id, email }), roles: STAFF, mutates: true, output: returns<PersonCard>() }),
  "emails.remove": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: true, output: returns<PersonCard>() }),
  "emails.setPrimary": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: true, output: returns<PersonCard>() }),

  "addresses.add": operation({ input: z.strictObject({ personId: id, ...addressInput.shape }), roles: STAFF, mutates: true, output: returns<PersonCard>() }),
  "addresses.update": operation({ input: z.strictObject({ id, ...addressInput.shape }), roles: STAFF, mutates: true, output: returns<PersonCard>() }),
  "addresses.remove": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: true, output: returns<PersonCard>() }),

  "companies.search": operation({ input: z.strictObject({ q: z.string().max(200) }), roles: STAFF, mutates: false, output: returns<CompanyOption[]>() }),
  "companies.get": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: false, output: returns<CompanyDetail>() }),
  "companies.create": operation({ input: z.strictObject(companyInput), roles: STAFF, mutates: true, output: returns<Company>() }),
  "companies.update": operation({
    input: z.strictObject({ id, version, ...companyInput, name: companyInput.name.optional() }),
    roles: STAFF,
    mutates: true,
    output: returns<Company>(),
  }),

  "interactions.log": operation({
    input: z.strictObject({
      personId: id,
      channel: z.enum(INTERACTION_CHANNELS),
      purpose: z.enum(INTERACTION_PURPOSES),
      summary: text(4000, 0),
      at: instant.optional(),
    }),
    roles: STAFF,
    mutates: true,
    output: returns<PersonCard>(),
  }),

  "interactions.list": operation({
    input: z.strictObject({ personId: id, limit: z.number().int().min(1).max(500).default(100) }),
    roles: STAFF,
    mutates: false,
    output: returns<Interaction[]>(),
  }),
};
