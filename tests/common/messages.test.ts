import { describe, expect, it } from "vitest";
import { z } from "zod";
import { calendarDay, instant } from "../../common/date-fields";
import * as enums from "../../common/enums";
import { country, email, id, password, personName, phoneNumber, role, text, username } from "../../common/fields";
import { label, LABELLED_ENUMS, LABELS, STORED_CODES } from "../../common/labels";
import { message, MESSAGES, reasonParameters, type Reason } from "../../common/messages";
import { fieldMessages, fieldProblem, parseWithMessages, RULES } from "../../common/validation-messages";
import { validateInput } from "../../renderer/src/api/validateInput";
import { english, french } from "../../renderer/src/i18n/resources";

const REASONS = Object.keys(MESSAGES) as Reason[];

/** Starts like a sentence (a capital, or a placeholder a noun or a number fills) and ends with its punctuation. */
const SENTENCE = /^(\p{Lu}|\{\w+\}|\d)[\s\S]*[.!?…]["”»)]?$/u;

describe("the error reasons", () => {
  it("have a French and an English message, each a sentence", () => {
    for (const reason of REASONS) {
      for (const language of enums.LANGUAGES) {
        const text = MESSAGES[reason][language];
        expect(text, `${reason}.${language}`).toMatch(SENTENCE);
      }
    }
  });

  it("take the same parameters in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const reason of REASONS) {
      expect(placeholders(MESSAGES[reason].en), reason).toEqual(placeholders(MESSAGES[reason].fr));
      expect(reasonParameters(reason).sort(), reason).toEqual(placeholders(MESSAGES[reason].fr));
    }
  });

  it("are what the screens say for the same reason, placeholders and all", () => {
    expect(french.errors.bad_credentials).toBe(message("bad_credentials", "fr"));
    expect(english.errors.account_inactive).toBe(message("account_inactive", "en"));
    expect(french.errors.transition).toBe("Passage de « {{from}} » à « {{to}} » non autorisé.");
  });

  it("fill their parameters, and name the entity in the reader's language", () => {
    expect(message("transition", "fr", { from: "Nouveau", to: "Clos" })).toBe("Passage de « Nouveau » à « Clos » non autorisé.");
    expect(message("not_found", "fr", { entity: "person" })).toBe("Personne introuvable.");
    expect(message("not_found", "en", { entity: "person" })).toBe("Person not found.");
  });
});

describe("the enum labels", () => {
  const arrays = (Object.entries(enums) as [string, unknown][]).filter((entry): entry is [string, readonly string[]] => Array.isArray(entry[1]));

  it("label every value of every list in common/enums.ts, in French and English", () => {
    expect(arrays.length).toBeGreaterThan(20);
    const labelled = new Set<readonly string[]>(Object.values(LABELLED_ENUMS));
    for (const [name, values] of arrays) {
      expect(labelled.has(values), `${name} has no labels in common/labels.ts`).toBe(true);
    }
    for (const [group, values] of Object.entries(LABELLED_ENUMS) as [keyof typeof LABELLED_ENUMS, readonly string[]][]) {
      expect(Object.keys(LABELS.fr[group]).sort(), group).toEqual([...values].sort());
      for (const value of values) {
        for (const language of enums.LANGUAGES) {
          const text = LABELS[language][group][value as never] as string;
          expect(text, `${group}.${value}.${language}`).toMatch(/\S/);
          expect(label(group, value, language)).toBe(text);
        }
      }
    }
  });

  it("say a severity the same way in the queue, the forms, the dashboard and the export filter", () => {
    const low = label("severity", "low", "fr");
    expect(low).toBe("Faible");
    expect(french.reports.severity.low).toBe(low);
    expect(french.exports.value.low).toBe(low);
    expect(french.labels.severity.low).toBe(low);
    expect(english.reports.severity.low).toBe(label("severity", "low", "en"));
    // The statuses the people card and the queue show, and the roles of the shell, are one wording too.
    expect(french.people.reportStatuses.closed).toBe(french.reports.status.closed);
    expect(french.training.channel.call_in).toBe(french.people.channels.call_in);
    expect(french.roles.manager).toBe(label("role", "manager", "fr"));
  });

  it("keep a stored code no list knows as it is", () => {
    expect(label("severity", "urgent", "fr")).toBe("urgent");
    expect(Object.values(STORED_CODES).every((group) => group in LABELLED_ENUMS)).toBe(true);
  });
});

/** zod's own wording, French or English, and English words a French reader must not meet. */
const ZOD_WORDING = /Trop petit|Trop grand|>=|<=|chaîne de caractères|Entrée invalide|Option invalide|Too small|Too big|Invalid|expected|received/;
const ENGLISH = /\b(only|letters|digits|must|least|most|characters|required|enter|choose|value|valid|number|date between|field|items?)\b/i;
const FRENCH = /\b(caractères|au moins|au plus|saisissez|choisissez|lettres|chiffres|obligatoire|valable|entre)\b/i;

describe("the zod error map", () => {
  const schema = z.strictObject({
    short: text(40, 10),
    long: text(5),
    required: text(40),
    username,
    lastName: personName(60),
    email,
    website: z.url(),
    token: z.uuid(),
    role,
    count: z.number().int().min(1).max(9),
    positive: id,
    ratio: z.number(),
    tags: z.array(z.string()).min(1).max(2),
    many: z.array(z.string()).min(3),
    phone: phoneNumber,
    country,
    day: calendarDay,
    notADay: calendarDay,
    farDay: calendarDay,
    at: instant,
    flag: z.boolean(),
    code: z.string().length(3),
  });
  const bad = {
    short: "abc",
    long: "abcdefgh",
    username: "a b",
    lastName: "R2-D2",
    email: "not-an-email",
    website: "nowhere",
    token: "x",
    role: "boss",
    count: 12,
    positive: 0,
    ratio: "1.5",
    tags: ["a", "b", "c"],
    many: ["a"],
    phone: "12",
    country: "Suisse",
    day: "25.11.2026",
    notADay: "2026-02-31",
    farDay: "2300-01-01",
    at: 8_640_000_000_000_001,
    flag: "yes",
    code: "ab",
    extra: 1,
  };

  it("words every kind of issue the contract's schemas produce as a French sentence, with no English and no zod wording", () => {
    const parsed = parseWithMessages(schema, bad, "fr");
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues;
    // Every field above is refused (plus the unknown key and the missing one).
    expect(new Set(issues.map((i) => i.path.join(".")))).toEqual(new Set([...Object.keys(schema.shape), ""]));
    for (const issue of issues) {
      const { fieldMessage } = fieldProblem(issue, "fr");
      expect(fieldMessage, issue.path.join(".")).toMatch(SENTENCE);
      expect(fieldMessage, issue.path.join(".")).not.toMatch(ZOD_WORDING);
      if (issue.code !== "unrecognized_keys") expect(fieldMessage, issue.path.join(".")).not.toMatch(ENGLISH);
    }
  });

  it("words the same issues in English, with no French", () => {
    const parsed = parseWithMessages(schema, bad, "en");
    for (const issue of parsed.error!.issues) {
      const { fieldMessage } = fieldProblem(issue, "en");
      expect(fieldMessage, issue.path.join(".")).toMatch(SENTENCE);
      expect(fieldMessage, issue.path.join(".")).not.toMatch(ZOD_WORDING);
      expect(fieldMessage, issue.path.join(".")).not.toMatch(FRENCH);
    }
  });

  it("names the limit in words", () => {
    const fr = fieldMessages(parseWithMessages(schema, bad, "fr").error!, "fr");
    const en = fieldMessages(parseWithMessages(schema, bad, "en").error!, "en");
    expect(fr.short).toBe("Au moins 10 caractères.");
    expect(en.short).toBe("At least 10 characters.");
    expect(fr.long).toBe("Au plus 5 caractères.");
    expect(fr.required).toBe("Champ obligatoire.");
    // The forms' own "required" says the same.
    expect(french.errors.required).toBe(fr.required);
    expect(en.required).toBe("Required field.");
    expect(fr.count).toBe("Au plus 9.");
    expect(fr.tags).toBe("Au plus 2 éléments.");
    expect(fr.code).toBe("Exactement 3 caractères.");
    expect(fr.lastName).toBe(RULES.name_characters.fr);
    expect(en.lastName).toBe(RULES.name_characters.en);
    expect(fr.farDay).toBe("Une date entre 1900 et 2200.");
  });

  it("names the field in the message for a toast, the way French writes it", () => {
    const issue = parseWithMessages(z.strictObject({ password }), { password: "court" }, "fr").error!.issues[0]!;
    expect(fieldProblem(issue, "fr")).toEqual({ field: "password", fieldMessage: "Au moins 10 caractères.", message: "Mot de passe : au moins 10 caractères." });
  });

  it("gives a form the server's field errors before it sends anything", () => {
    const form = z.strictObject({ username, password, lastName: personName(60) });
    expect(validateInput(form, { username: "emile", password: "password-1234", lastName: "Zola" }, "fr")).toBeNull();
    expect(validateInput(form, { username: "e", password: "court", lastName: "Zola 2" }, "fr")).toEqual({
      username: "Au moins 2 caractères.",
      password: "Au moins 10 caractères.",
      lastName: RULES.name_characters.fr,
    });
    expect(validateInput(form, { username: "emile", password: "short" }, "en")).toEqual({ password: "At least 10 characters.", lastName: "Required field." });
  });
});
