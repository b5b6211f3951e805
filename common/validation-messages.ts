import type { z } from "zod";
import { MAX_YEAR, MIN_YEAR } from "./date-range";
import type { ApiErrorBody } from "./envelope";
import type { Language } from "./enums";
import { fieldLabel } from "./field-labels";
import { message as reasonMessage } from "./messages";

/*
 * What a refused input reads like, in French and English, for every kind of issue the contract's
 * schemas produce: short sentences that name the limit in words ("Au moins 10 caractères."),
 * never zod's own wording ("Trop petit : chaîne de caractères doit avoir >=10 caractères"). The
 * server words its VALIDATION answers with this, and the forms word their own checks with the
 * same schemas and the same function, so both say the same thing.
 */

type Bilingual = Record<Language, string>;

/**
 * Rules a schema states itself (a pattern, a refinement): the schema gives one of these keys as
 * its message, and the key is worded in the reader's language when the issue is shown.
 */
const RULE_MESSAGES = {
  name_characters: { fr: "Lettres, apostrophes, traits d'union, points et espaces seulement.", en: "Letters, apostrophes, hyphens, dots and spaces only." },
  username_characters: { fr: "Lettres, chiffres, point, tiret ou trait de soulignement seulement.", en: "Letters, digits, dot, dash or underscore only." },
  phone_number: {
    fr: "Numéro de téléphone non valable (un numéro étranger commence par son indicatif, p. ex. +33…).",
    en: "Not a valid phone number (a foreign number needs its country code, e.g. +33…).",
  },
  code_characters: { fr: "Lettres sans accents, chiffres, point, tiret ou trait de soulignement seulement.", en: "Letters without accents, digits, dot, dash or underscore only." },
  country_code: { fr: "Code de pays à deux lettres (CH, FR, …).", en: "Two-letter country code (CH, FR, …)." },
  day_format: { fr: "Date au format AAAA-MM-JJ.", en: "Date as YYYY-MM-DD." },
  calendar_day: { fr: "Cette date n'existe pas dans le calendrier.", en: "This date does not exist in the calendar." },
  date_range: { fr: `Une date entre ${MIN_YEAR} et ${MAX_YEAR}.`, en: `A date between ${MIN_YEAR} and ${MAX_YEAR}.` },
} as const satisfies Record<string, Bilingual>;

export type RuleKey = keyof typeof RULE_MESSAGES;

/** The message a schema gives for a rule of its own: a key, worded later in the reader's language. */
export function rule(key: RuleKey): RuleKey {
  return key;
}

function isRuleKey(value: unknown): value is RuleKey {
  return typeof value === "string" && Object.hasOwn(RULE_MESSAGES, value);
}

/** Every rule key with its two messages, for the tests. */
export const RULES: Readonly<Record<RuleKey, Bilingual>> = RULE_MESSAGES;

const count = (n: number | bigint, language: Language) => new Intl.NumberFormat(language === "fr" ? "fr-CH" : "en-GB").format(n);

/** Every kind of issue as a sentence; `required` when the value is missing altogether. */
function issueSentence(issue: z.core.$ZodIssue, language: Language, required: boolean): string {
  const fr = language === "fr";
  switch (issue.code) {
    case "too_small": {
      const n = Number(issue.minimum);
      const limit = count(issue.minimum, language);
      if (issue.origin === "string") {
        if (issue.exact) return fr ? `Exactement ${limit} caractère${n > 1 ? "s" : ""}.` : `Exactly ${limit} character${n === 1 ? "" : "s"}.`;
        if (n <= 1) return requiredMessage(language);
        return fr ? `Au moins ${limit} caractères.` : `At least ${limit} characters.`;
      }
      if (issue.origin === "array" || issue.origin === "set") {
        if (issue.exact) return fr ? `Exactement ${limit} élément${n > 1 ? "s" : ""}.` : `Exactly ${limit} item${n === 1 ? "" : "s"}.`;
        if (n <= 1) return fr ? "Choisissez-en au moins un." : "Choose at least one.";
        return fr ? `Au moins ${limit} éléments.` : `At least ${limit} items.`;
      }
      if (issue.inclusive === false) return fr ? `Un nombre plus grand que ${limit}.` : `A number greater than ${limit}.`;
      return fr ? `Au moins ${limit}.` : `At least ${limit}.`;
    }
    case "too_big": {
      const n = Number(issue.maximum);
      const limit = count(issue.maximum, language);
      if (issue.origin === "string") {
        if (issue.exact) return fr ? `Exactement ${limit} caractère${n > 1 ? "s" : ""}.` : `Exactly ${limit} character${n === 1 ? "" : "s"}.`;
        return fr ? `Au plus ${limit} caractère${n > 1 ? "s" : ""}.` : `At most ${limit} character${n === 1 ? "" : "s"}.`;
      }
      if (issue.origin === "array" || issue.origin === "set") {
        return fr ? `Au plus ${limit} élément${n > 1 ? "s" : ""}.` : `At most ${limit} item${n === 1 ? "" : "s"}.`;
      }
      if (issue.inclusive === false) return fr ? `Un nombre plus petit que ${limit}.` : `A number smaller than ${limit}.`;
      return fr ? `Au plus ${limit}.` : `At most ${limit}.`;
    }
    case "invalid_type":
      if (required) return requiredMessage(language);
      switch (issue.expected) {
        case "string":
          return fr ? "Saisissez un texte." : "Enter some text.";
        case "int":
          return fr ? "Saisissez un nombre entier." : "Enter a whole number.";
        case "number":
          return fr ? "Saisissez un nombre." : "Enter a number.";
        case "boolean":
          return fr ? "Choisissez oui ou non." : "Choose yes or no.";
        case "array":
        case "set":
          return fr ? "Une liste est attendue." : "A list is expected.";
        default:
          return fr ? "Valeur d'un type inattendu." : "A value of an unexpected type.";
      }
    case "invalid_format":
      switch (issue.format) {
        case "email":
          return fr ? "Adresse e-mail non valable (p. ex. nom@exemple.ch)." : "Not a valid email address (e.g. name@example.ch).";
        case "url":
          return fr ? "Adresse web non valable (p. ex. https://exemple.ch)." : "Not a valid web address (e.g. https://example.ch).";
        case "uuid":
        case "guid":
          return fr ? "Identifiant non valable." : "Not a valid identifier.";
        case "date":
        case "datetime":
          return fr ? "Date non valable." : "Not a valid date.";
        default:
          return fr ? "Format non valable." : "Not a valid format.";
      }
    case "invalid_value":
      return fr ? "Choisissez une valeur de la liste." : "Choose a value from the list.";
    case "not_multiple_of":
      return fr ? `Un multiple de ${count(issue.divisor, language)}.` : `A multiple of ${count(issue.divisor, language)}.`;
    case "unrecognized_keys":
      return fr ? `Champ inconnu : ${issue.keys.join(", ")}.` : `Unknown field: ${issue.keys.join(", ")}.`;
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return fr ? "Valeur non valable." : "Invalid value.";
  }
}

/** What a form says under an empty mandatory field, as the server does. */
export function requiredMessage(language: Language): string {
  return language === "fr" ? "Champ obligatoire." : "Required field.";
}

/**
 * A zod error map for one language: `schema.safeParse(input, { error: validationErrorMap("fr") })`.
 * A schema's own message (a rule key, see `rule`) takes precedence in zod; `issueMessage` words it.
 */
export function validationErrorMap(language: Language): z.core.$ZodErrorMap {
  return (issue) => issueSentence(issue as unknown as z.core.$ZodIssue, language, issue.input === undefined || issue.input === null);
}

const mapped = { fr: validationErrorMap("fr"), en: validationErrorMap("en") };

/** The error map for a language, built once. */
export function errorMapFor(language: Language): z.core.$ZodErrorMap {
  return mapped[language];
}

/**
 * The sentence for one issue of a parse made with `errorMapFor(language)`: a schema's rule key in
 * the reader's language, else the sentence the map gave it.
 */
export function issueMessage(issue: z.core.$ZodIssue, language: Language): string {
  if (isRuleKey(issue.message)) return RULE_MESSAGES[issue.message][language];
  return issue.message;
}

/**
 * Parses with the messages in the reader's language. A parse that succeeds costs what a plain one
 * does; the map is only consulted for issues.
 */
export function parseWithMessages<S extends z.ZodType>(schema: S, input: unknown, language: Language): ReturnType<S["safeParse"]> {
  return schema.safeParse(input, { error: mapped[language] }) as ReturnType<S["safeParse"]>;
}

export interface FieldProblem {
  /** Dotted path of the field ("phones.0.number"); "" for the input as a whole. */
  field: string;
  /** The sentence under the field ("Au moins 10 caractères."). */
  fieldMessage: string;
  /** The same sentence naming the field where it has a name ("Mot de passe : au moins 10 caractères."). */
  message: string;
}

/** One issue as the field at fault, its sentence, and the sentence naming the field. */
export function fieldProblem(issue: z.core.$ZodIssue, language: Language): FieldProblem {
  const field = issue.path.map(String).join(".");
  const fieldMessage = issueMessage(issue, language);
  const label = field ? fieldLabel(field, language) : undefined;
  return { field, fieldMessage, message: label ? namingField(label, fieldMessage, language) : fieldMessage };
}

/** "Mot de passe : au moins 10 caractères." — French puts a space before the colon. */
function namingField(label: string, sentence: string, language: Language): string {
  // Lower-case the first letter after the colon, unless it starts an acronym ("NPA", "CH").
  const rest = /^\p{Lu}\p{Lu}/u.test(sentence) ? sentence : sentence.charAt(0).toLocaleLowerCase(language) + sentence.slice(1);
  return language === "fr" ? `${label} : ${rest}` : `${label}: ${rest}`;
}

/** Every field at fault with its sentence (the first issue of each field), for a form. */
export function fieldMessages(error: z.ZodError, language: Language): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const { field, fieldMessage } = fieldProblem(issue, language);
    if (!Object.hasOwn(out, field)) out[field] = fieldMessage;
  }
  return out;
}

/**
 * The VALIDATION refusal for a failed parse, as the dispatcher sends it and as a form raises it
 * before sending: the first field at fault, its sentence, and the sentence naming the field.
 */
export function validationRefusal(error: z.ZodError, language: Language): ApiErrorBody {
  const issue = error.issues[0];
  if (!issue) return { code: "VALIDATION", message: reasonMessage("validation", language), reason: "validation" };
  const problem = fieldProblem(issue, language);
  return {
    code: "VALIDATION",
    message: problem.message,
    reason: "validation",
    ...(problem.field ? { field: problem.field, fieldMessage: problem.fieldMessage } : {}),
  };
}
