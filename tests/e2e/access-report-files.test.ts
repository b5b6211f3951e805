import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/*
 * The access report's files as the person receives them (issue 14): the data-protection desk opens
 * the report of a caller whose names were written in several scripts and saves the PDF and the
 * JSON through the screen's buttons; the PDF's text, read back as a PDF reader does (pdf.js),
 * holds every name, right-to-left words in reading order, labels and dates written out in the
 * person's language; the JSON keeps the codes beside their labels, with ISO 8601 times.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };

/** The names the caller had, oldest first (the corrections history lists them all), then the last one. */
const NAMES = [
  { firstName: "Zoë-Hélène", lastName: "Lefèvre-Düringer" },
  { firstName: "Ёлка", lastName: "Щербаков" },
  { firstName: "Σωκράτης", lastName: "Παπαδόπουλος" },
  { firstName: "שׁלום", lastName: "כהן" },
  { firstName: "小明", lastName: "王" },
  { firstName: "민준", lastName: "김" },
  { firstName: "محمد", lastName: "العلي" },
];
const SUMMARY = "A rappelé 🙂 pour dire « مرحبا بالعالم » et שלום עולם";
const MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";

let app: RunningApp;
let browser: Browser;
let requestId: number;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const adminSession = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  await app.api.createUser(adminSession, AGENT);
  const agent = await app.api.login(AGENT.username, AGENT.password);
  const person = await app.api.value<{ id: number; version: number }>("people.create", { firstName: "Zoë", lastName: "Rochat", language: "fr", phones: [{ number: "022 700 11 22" }] }, agent);
  let version = person.version;
  for (const name of NAMES) version = (await app.api.value<{ version: number }>("people.update", { id: person.id, version, ...name }, agent)).version;
  await app.api.value("interactions.log", { personId: person.id, channel: "email", purpose: "comment", summary: SUMMARY }, agent);
  await app.api.value("preferences.set", { personId: person.id, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agent);
  requestId = (await app.api.value<{ id: number }>("privacy.requests.create", { personId: person.id, kind: "access", channel: "email" }, agent)).id;
  await app.api.value("privacy.requests.verifyIdentity", { id: requestId, method: "callback_on_file" }, agent);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = "";
  for (let i = 1; i <= pdf.numPages; i++) {
    for (const item of (await (await pdf.getPage(i)).getTextContent()).items) if ("str" in item) text += item.str + (item.hasEOL ? "\n" : "");
  }
  return text;
}

describe("the access report's files", () => {
  it("are saved from the request screen, the PDF printing every name and label, the JSON keeping codes with labels", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(15_000);
    await page.goto(app.url);
    await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(AGENT.username);
    await page.getByRole("textbox", { name: "Mot de passe" }).fill(AGENT.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/privacy/requests/${requestId}`);
    await page.getByRole("button", { name: "Rapport d'accès" }).click();
    const panel = page.getByRole("region", { name: "Rapport d'accès", exact: true });
    await panel.getByRole("button", { name: "Télécharger le PDF" }).waitFor();
    await screenshot(page, "access-report-files-01-panel");

    const pdf = await downloaded(page, () => panel.getByRole("button", { name: "Télécharger le PDF" }).click());
    expect(pdf.name).toMatch(/^acces-DP-\d{4}-\d{5}\.pdf$/);
    const text = await pdfText(pdf.bytes);
    for (const name of NAMES) {
      expect(text).toContain(name.firstName);
      expect(text).toContain(name.lastName);
    }
    // Right-to-left: the person's name as one unit, words in reading order and apart.
    expect(text).toContain("Personne concernée : محمد العلي");
    expect(text).toContain("مرحبا بالعالم");
    expect(text).toContain("שלום עולם");
    expect(text).toContain("🙂");
    // Labels, never codes; dates written out in French, never epoch numbers.
    for (const label of ["Canal : E-mail", "Motif : Commentaire ou suggestion", "Statut : Ouverte", "Statut : Inscrit", "Champ : Prénom", "Vérification d'identité : Rappel à un numéro déjà enregistré"]) expect(text).toContain(label);
    for (const code of ["callback_on_file", "opted_in", "firstName", ": open", ": email", ": comment"]) expect(text).not.toContain(code);
    expect(text).toMatch(new RegExp(`Date : \\d{1,2}(er)? (${MONTHS}) \\d{4} à \\d\\d:\\d\\d`));
    expect(text).toMatch(new RegExp(`Reçue le : \\d{1,2}(er)? (${MONTHS}) \\d{4}`));
    expect(text).not.toMatch(/\d{12,}/);

    const json = await downloaded(page, () => panel.getByRole("button", { name: "Télécharger le JSON" }).click());
    expect(json.name).toMatch(/^acces-DP-\d{4}-\d{5}\.json$/);
    const data = JSON.parse(json.bytes.toString("utf8"));
    const table = (name: string) => data.sections.flatMap((s: { tables: { table: string }[] }) => s.tables).find((t: { table: string }) => t.table === name);
    expect(data.subject.name).toBe("محمد العلي");
    expect(table("interactions").rows).toContainEqual(expect.objectContaining({ channel: "email", channel_label: "E-mail", purpose: "comment", purpose_label: "Commentaire ou suggestion", summary: SUMMARY }));
    expect(table("privacy_requests").rows[0]).toMatchObject({ status: "open", status_label: "Ouverte", identity_method: "callback_on_file", identity_method_label: "Rappel à un numéro déjà enregistré" });
    expect(table("person_history").rows.map((r: { new_value: string }) => r.new_value)).toEqual(expect.arrayContaining(NAMES.flatMap((n) => [n.firstName, n.lastName])));
    // Times in ISO 8601 with Geneva's offset, never epoch numbers.
    expect(table("interactions").rows[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
    expect(json.bytes.toString("utf8")).not.toMatch(/\d{12,}/);
  });
});
