import type { Salutation } from "./enums";

/**
 * Name folding for comparisons: "Müller", "MULLER" and "müller" are one name. Decomposes, drops the
 * combining marks, lower-cases, and spells the Latin letters that carry no separable mark as a
 * keyboard without them types them: "Søren" is "soren", "Straße" "strasse", "Łukasz" "lukasz".
 * Used by the database's `fold()` function, by the people search index (both engines index and
 * query folded text) and by the screens that compare a typed name with a stored one (the erasure
 * confirmation).
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(UNMARKED_LETTERS, (letter) => UNMARKED_SPELLING[letter]!)
    .normalize("NFC"); // Hangul decomposed into jamo by NFD composes again: "가" stays one letter.
}

/**
 * Latin letters that Unicode does not decompose into a base letter and a mark (lower case: fold
 * lower-cases first), spelt as German, Scandinavian, Polish and Icelandic writers do without them.
 */
const UNMARKED_SPELLING: Record<string, string> = {
  ß: "ss",
  ø: "o",
  æ: "ae",
  œ: "oe",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ħ: "h",
  ı: "i",
  ŀ: "l",
  ŧ: "t",
};
const UNMARKED_LETTERS = new RegExp(`[${Object.keys(UNMARKED_SPELLING).join("")}]`, "gu");

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
