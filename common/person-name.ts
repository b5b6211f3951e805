import type { Salutation } from "./enums";

/**
 * Name folding for comparisons: "Müller", "MULLER" and "müller" are one name. Decomposes, drops the
 * combining marks, lower-cases. Used by the database's `fold()` function and by the screens that
 * compare a typed name with a stored one (the erasure confirmation).
 */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

export interface NamedPerson {
  salutation?: Salutation | string | null;
  firstName?: string | null;
  lastName: string;
}

/** "Mme Anna Müller": what a person is called in titles, links and pickers (salutation when labelled). */
export function personName(person: NamedPerson, salutationLabel?: (salutation: Salutation) => string): string {
  const salutation = person.salutation && salutationLabel ? salutationLabel(person.salutation as Salutation) : "";
  return [salutation, person.firstName, person.lastName].filter(Boolean).join(" ");
}
