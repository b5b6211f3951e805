import type { Api } from "../../api/contract";

/** Shapes of the person screens, derived from the operation registry. */
export type PersonCard = Awaited<ReturnType<Api["people"]["get"]>>;
export type Phone = PersonCard["phones"][number];
export type Email = PersonCard["emails"][number];
export type Address = PersonCard["addresses"][number];
export type CardReport = PersonCard["reports"][number];
export type CardTraining = PersonCard["training"][number];
export type Interaction = PersonCard["timeline"][number];
export type SearchHit = Awaited<ReturnType<Api["people"]["search"]>>[number];
export type DuplicateCandidate = Awaited<ReturnType<Api["people"]["duplicates"]>>[number];
export type HistoryEntry = Awaited<ReturnType<Api["people"]["history"]>>[number];
export type Company = Awaited<ReturnType<Api["companies"]["get"]>>;
export type CompanyOption = Awaited<ReturnType<Api["companies"]["search"]>>[number];
export type CompanyInput = Parameters<Api["companies"]["create"]>[0];

export type Salutation = NonNullable<PersonCard["salutation"]>;
export type PersonLanguage = PersonCard["language"];
export type PhoneKind = Phone["kind"];
export type Channel = Interaction["channel"];
export type Purpose = Interaction["purpose"];

export const SALUTATIONS = ["ms", "mr", "mx"] as const satisfies readonly Salutation[];
export const PERSON_LANGUAGES = ["fr", "de", "en", "it"] as const satisfies readonly PersonLanguage[];
export const PHONE_KINDS = ["mobile", "landline", "work", "home", "fax", "other"] as const satisfies readonly PhoneKind[];
export const CHANNELS = ["call_in", "call_out", "email", "web_form", "letter", "visit"] as const satisfies readonly Channel[];
export const PURPOSES = ["information", "error_report", "training", "comment", "data_protection", "other"] as const satisfies readonly Purpose[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const listed: [
  Exhaustive<Salutation, (typeof SALUTATIONS)[number]>,
  Exhaustive<PersonLanguage, (typeof PERSON_LANGUAGES)[number]>,
  Exhaustive<PhoneKind, (typeof PHONE_KINDS)[number]>,
  Exhaustive<Channel, (typeof CHANNELS)[number]>,
  Exhaustive<Purpose, (typeof PURPOSES)[number]>,
] = [true, true, true, true, true];
void listed;

/** "Mme Anna Müller": what a person is called in titles and links. */
export function personName(p: { salutation?: Salutation | string | null; firstName: string; lastName: string }, salutationLabel?: (s: Salutation) => string): string {
  const salutation = p.salutation && salutationLabel ? salutationLabel(p.salutation as Salutation) : "";
  return [salutation, p.firstName, p.lastName].filter(Boolean).join(" ");
}
