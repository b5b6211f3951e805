import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES } from "../../common/enums";
import { openTestApi } from "../fixtures/database";

/**
 * The access report's two files, read as the person reads them (issue 14): the PDF's text as a
 * PDF reader extracts it (pdf.js) holds every name in the script it was written in, right-to-left
 * words in reading order and apart, labels instead of codes and dates as the person's language
 * writes them; the JSON file keeps the codes beside their labels and gives times with Geneva's
 * offset.
 */

/** One name per script the call centre meets; the report must print each one. */
const NAMES = [
  { label: "Latin with accents", firstName: "Zoë-Hélène", lastName: "Lefèvre-Düringer" },
  { label: "Cyrillic", firstName: "Ёлка", lastName: "Щербаков" },
  { label: "Greek", firstName: "Σωκράτης", lastName: "Παπαδόπουλος" },
  { label: "Arabic", firstName: "محمد", lastName: "العلي" },
  { label: "Hebrew", firstName: "שׁלום", lastName: "כהן" },
  { label: "Chinese", firstName: "小明", lastName: "王" },
  { label: "Korean", firstName: "민준", lastName: "김" },
  { label: "Japanese", firstName: "さくら", lastName: "田中" },
  { label: "Devanagari", firstName: "अर्जुन", lastName: "शर्मा" },
  { label: "Thai", firstName: "สมชาย", lastName: "ใจดี" },
];
const SUMMARY = "A rappelé 🙂 pour dire « مرحبا بالعالم » et שלום עולם, puis 你好 et 안녕하세요";

let api: ReturnType<typeof openTestApi>;
let agent: string;

async function pdfText(base64: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(Buffer.from(base64, "base64")), useSystemFonts: false }).promise;
  let text = "";
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    for (const item of content.items) if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
  }
  return text;
}

const sortedLetters = (word: string) => [...word].sort().join("");

/** A person with one of each kind of record, every name above once theirs, and a checked access request. */
async function personWithReport(language: "fr" | "en", name: { firstName: string; lastName: string }) {
  const person = await api.ok<any>(
    "people.create",
    { firstName: "Zoë", lastName: "Rochat", language, phones: [{ number: "079 555 12 34" }], emails: [{ email: "zoe@example.ch" }], addresses: [{ street: "Rue du Rhône 1", postalCode: "1204", city: "Genève" }] },
    agent,
  );
  let version = person.version;
  for (const n of [...NAMES, name]) version = (await api.ok<any>("people.update", { id: person.id, version, firstName: n.firstName, lastName: n.lastName }, agent)).version;
  await api.ok("interactions.log", { personId: person.id, channel: "email", purpose: "data_protection", summary: SUMMARY }, agent);
  await api.ok("preferences.set", { personId: person.id, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agent);
  const request = await api.ok<any>("privacy.requests.create", { personId: person.id, kind: "access", channel: "email" }, agent);
  await api.ok("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" }, agent);
  return api.ok<any>("privacy.accessReport", { requestId: request.id }, agent);
}

beforeAll(async () => {
  api = openTestApi();
  const admin = (await api.admin()).sessionId;
  await api.ok("settings.update", { "session.idleMinutes": 240 }, admin);
  agent = await api.loginAs("agent", admin);
});
afterAll(() => api?.cleanup());

describe("the access report's PDF", () => {
  let text: string;
  let pdfBytes: number;
  beforeAll(async () => {
    const result = await personWithReport("fr", NAMES[3]!);
    pdfBytes = Buffer.from(result.pdfBase64, "base64").length;
    text = await pdfText(result.pdfBase64);
  }, 60_000);

  it.each(NAMES.filter((n) => n.label !== "Devanagari"))("prints the $label name as written", ({ firstName, lastName }) => {
    expect(text).toContain(firstName);
    expect(text).toContain(lastName);
  });

  // A reader gives Devanagari back in the order the glyphs are drawn: the reph (र् written above
  // the next letter) comes after it. The letters are all there, in the font that has them.
  it("prints the Devanagari name with all its letters", () => {
    const words = new Set(text.split(/\s+/).map(sortedLetters));
    for (const name of [NAMES.find((n) => n.label === "Devanagari")!.firstName, NAMES.find((n) => n.label === "Devanagari")!.lastName]) expect(words).toContain(sortedLetters(name));
  });

  it("prints right-to-left words in reading order, apart, and the person's name as one unit", () => {
    expect(text).toContain("محمد العلي");
    expect(text).toContain("مرحبا بالعالم");
    expect(text).toContain("שלום עולם");
  });

  it("prints Chinese, Korean and emoji in a text", () => {
    for (const word of ["你好", "안녕하세요", "🙂"]) expect(text).toContain(word);
  });

  it("writes labels, never codes, and dates in French, never epoch numbers", () => {
    for (const label of ["Canal : E-mail", "Motif : Protection des données", "Statut : Ouverte", "Statut : Inscrit", "Source : Appel", "Vérification d'identité : Rappel à un numéro déjà enregistré", "Champ : Prénom", "Numéro : 079 555 12 34", "Pays : Suisse"]) expect(text).toContain(label);
    for (const code of ["data_protection", "callback_on_file", "opted_in", "newsletter ", "firstName", "+41795551234", ": open", ": email"]) expect(text).not.toContain(code);
    expect(text).toContain("Date : 25 novembre 2026 à 10:00");
    expect(text).toContain("Reçue le : 25 novembre 2026");
    expect(text).toContain("Échéance : 25 décembre 2026");
    expect(text).not.toMatch(/\d{12,}/);
    expect(text).not.toMatch(/\d{4}-\d\d-\d\d/);
  });

  it("stays small: fonts are embedded as subsets of the glyphs used", () => {
    expect(pdfBytes).toBeLessThan(400_000);
  });
});

describe("the access report in English", () => {
  it("writes labels and dates the English way", async () => {
    const result = await personWithReport("en", { firstName: "Zoë", lastName: "Rochat" });
    const text = await pdfText(result.pdfBase64);
    expect(text).toContain("Your personal data");
    expect(text).toContain("Channel : Email");
    expect(text).toContain("Purpose : Data protection");
    expect(text).toContain("Date : 25 November 2026 at 10:00");
    expect(text).toContain("Due : 25 December 2026");
    expect(text).not.toMatch(/\d{12,}/);
  });
});

describe("the access report's JSON file", () => {
  it("keeps every code with its label beside it, and times with Geneva's offset", async () => {
    const result = await personWithReport("fr", NAMES[0]!);
    const data = JSON.parse(result.json);
    const table = (name: string) => data.sections.flatMap((s: any) => s.tables).find((t: any) => t.table === name);
    expect(data.sections.map((s: any) => s.category)).toEqual([...CATEGORIES]);
    expect(data.generatedAt).toBe("2026-11-25T10:00:00+01:00");
    expect(table("interactions").rows[0]).toEqual({ channel: "email", channel_label: "E-mail", purpose: "data_protection", purpose_label: "Protection des données", summary: SUMMARY, at: "2026-11-25T10:00:00+01:00" });
    expect(table("interactions").columns).toMatchObject({ channel: "Canal", purpose: "Motif", at: "Date" });
    expect(table("privacy_requests").rows[0]).toMatchObject({ status: "open", status_label: "Ouverte", received_on: "2026-11-25", identity_method: "callback_on_file", identity_method_label: "Rappel à un numéro déjà enregistré" });
    expect(table("person_history").rows[0]).toMatchObject({ field: "firstName", field_label: "Prénom", old_value: "Zoë", new_value: "Zoë-Hélène" });
    expect(table("addresses").rows[0]).toMatchObject({ country: "CH", country_label: "Suisse" });
    expect(table("people").rows[0]).toMatchObject({ first_name: "Zoë-Hélène", language: "fr", language_label: "Français" });
    // No epoch anywhere: every time is an ISO 8601 text.
    expect(result.json).not.toMatch(/\d{12,}/);
  });
});
