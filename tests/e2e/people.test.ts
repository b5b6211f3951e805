import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "agent", displayName: "Alice Martin", password: "agent password 1" };
const AGENT_EN = { username: "agent.en", displayName: "Ben Walker", password: "agent password 2" };
const MANAGER = { username: "manager", displayName: "Marc Gérant", password: "manager password" };

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: string;
const ids: Record<string, number> = {};
let reportRef = "";
let reportId = 0;

type Card = { id: number; version: number };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  admin = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  await app.api.createUser(admin, { ...AGENT, role: "agent" });
  await app.api.createUser(admin, { ...AGENT_EN, role: "agent" });
  await app.api.createUser(admin, { ...MANAGER, role: "manager" });
  const agent = await app.api.login(AGENT.username, AGENT.password);

  // A few callers, as an agent would have recorded them.
  const favre = await app.api.value<{ id: number }>("companies.create", { name: "Horlogerie Favre SA", phone: "022 310 22 10", street: "Rue du Rhône 12", postalCode: "1204", city: "Genève", website: "https://www.favre.example" }, agent);
  ids.favre = favre.id;
  const create = async (key: string, input: Record<string, unknown>) => {
    ids[key] = (await app.api.value<Card>("people.create", input, agent)).id;
  };
  await create("jean", {
    salutation: "mr",
    firstName: "Jean",
    lastName: "Dupont",
    companyId: favre.id,
    phones: [{ number: "022 735 33 92", kind: "work" }, { number: "079 123 45 67", kind: "mobile" }],
    emails: [{ email: "jean.dupont@favre.example" }],
    addresses: [{ street: "Rue de Lausanne 63", postalCode: "1202", city: "Genève" }],
  });
  await create("anna", { salutation: "ms", firstName: "Anna", lastName: "Müller", language: "de", phones: [{ number: "+41 44 268 12 12", kind: "landline" }], addresses: [{ postalCode: "8001", city: "Zürich" }] });
  await create("jeanne", { salutation: "ms", firstName: "Jeanne", lastName: "Dupontel", phones: [{ number: "+33 1 42 68 53 00" }], addresses: [{ street: "12 rue de Rivoli", postalCode: "75004", city: "Paris", country: "FR" }] });
  await create("marc", { salutation: "mr", firstName: "Marc", lastName: "Dupont-Favre", companyId: favre.id, phones: [{ number: "021 601 44 44", kind: "work" }], addresses: [{ postalCode: "1003", city: "Lausanne" }] });
  for (const [key, summary] of [
    ["marc", "Question sur la facture de mars."],
    ["jean", "Demande le mode d'emploi de l'export PDF."],
  ] as const) {
    await app.api.value("interactions.log", { personId: ids[key], channel: "call_in", purpose: "information", summary }, agent);
  }
  const product = await app.api.value<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin);
  const report = await app.api.value<{ id: number; reference: string }>("reports.create", { personId: ids.jean, productId: product.id, title: "Crash à l'export PDF", severity: "high" }, agent);
  reportRef = report.reference;
  reportId = report.id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signedIn(user: { username: string; password: string }): Promise<Page> {
  const { context, page } = await openPage(browser);
  contexts.push(context);
  page.setDefaultTimeout(10_000);
  await page.goto(app.url);
  await page.getByRole("textbox", { name: /^(Nom d'utilisateur|Username)$/ }).fill(user.username);
  await page.getByRole("textbox", { name: /^(Mot de passe|Password)$/ }).fill(user.password);
  await page.getByRole("button", { name: /^(Se connecter|Sign in)$/ }).click();
  await lookupBox(page).waitFor();
  return page;
}

const lookupBox = (page: Page) => page.getByRole("textbox", { name: /^(Recherche globale|Global lookup)$/ });
const results = (page: Page) => page.getByRole("grid", { name: /^(Résultats de la recherche|Search results)$/ });
const timeline = (page: Page) => page.getByRole("grid", { name: /^(Chronologie des contacts, rapports et demandes|Timeline of contacts, reports and requests)$/ });
const cardTitle = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });
const field = (scope: Page | Locator, name: string) => scope.getByRole("textbox", { name, exact: true });

async function goTo(page: Page, hash: string) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** What an agent does with the keyboard: Ctrl+K, type, wait for the row, ↓, Enter. */
async function lookUp(page: Page, text: string, expectedRow: string) {
  await page.keyboard.press("Control+K");
  await page.keyboard.type(text);
  await results(page).getByRole("row").filter({ hasText: expectedRow }).first().waitFor();
  await expect.poll(() => lookupBox(page).inputValue()).toBe(text);
}

const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

describe("caller lookup and person records", () => {
  it("finds a caller from three spellings of the number and opens the card with the keyboard only", async () => {
    const page = await signedIn(AGENT);
    // The empty box lists the latest callers.
    await page.getByRole("grid", { name: "Derniers contacts" }).getByRole("row").filter({ hasText: "Jean Dupont" }).waitFor();
    await page.getByRole("heading", { name: "Trouver l'interlocuteur" }).waitFor();

    // A name shows several people, best first, with company, town, phone, last contact.
    await lookUp(page, "dupont", "Marc Dupont-Favre");
    const rows = results(page).getByRole("row");
    await expect.poll(() => rows.count()).toBe(4); // header + Jean, Marc, Jeanne
    const jeanRow = rows.filter({ hasText: "Jean Dupont" }).first();
    expect(await jeanRow.innerText()).toMatch(/Horlogerie Favre SA\s+Genève\s+022 735 33 92\s+\d{2}\.\d{2}\.\d{4}/);
    await screenshot(page, "people-01-results");
    await page.keyboard.press("Escape");
    await expect.poll(() => lookupBox(page).inputValue()).toBe("");

    for (const spelling of ["022 735 33 92", "+41 22 735 33 92", "0041227353392"]) {
      await lookUp(page, spelling, "Jean Dupont");
      const row = results(page).getByRole("row").filter({ hasText: "Jean Dupont" });
      await row.getByText("Téléphone", { exact: true }).waitFor();
      expect(await isFocused(lookupBox(page))).toBe(true);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await cardTitle(page, "M. Jean Dupont").waitFor();
    }

    // Everything on the card: company, phones with kind and primary, email, address, report, timeline.
    await page.getByRole("link", { name: "Horlogerie Favre SA" }).first().waitFor();
    const phones = page.getByRole("region", { name: "Téléphones" });
    await phones.getByText("022 735 33 92").waitFor();
    await phones.getByText("079 123 45 67").waitFor();
    await phones.getByText("Principal").waitFor();
    await phones.getByText("Professionnel").waitFor();
    await page.getByRole("region", { name: "E-mails" }).getByText("jean.dupont@favre.example").waitFor();
    await page.getByRole("region", { name: "Adresses" }).getByText("Rue de Lausanne 63").waitFor();
    await page.getByRole("region", { name: "Rapports d'erreur" }).getByRole("link", { name: reportRef }).waitFor();
    await page.getByRole("region", { name: "Préférences de contact" }).getByRole("button", { name: "Newsletter, E-mail : Pas demandé" }).waitFor();
    await timeline(page).getByRole("row").filter({ hasText: "Demande le mode d'emploi de l'export PDF." }).waitFor();
    await screenshot(page, "people-02-card");

    // The timeline is a keyboard grid too: ↓ to the report row, Enter opens the report.
    await timeline(page).focus();
    const selected = timeline(page).locator('tr[aria-selected="true"]');
    const reportLink = selected.getByRole("link", { name: reportRef });
    for (let i = 0; i < 5 && (await reportLink.count()) === 0; i++) await page.keyboard.press("ArrowDown");
    expect(await reportLink.count()).toBe(1);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/reports/${reportId}`);
  });

  it("opens an error report from its reference, and says so when there is none", async () => {
    const page = await signedIn(AGENT);
    await page.keyboard.press("Control+K");
    await page.keyboard.type("ER-1999-0000042");
    await page.getByRole("option", { name: /Ouvrir le rapport d'erreur ER-1999-0000042/ }).waitFor();
    await page.keyboard.press("Enter");
    await page.getByRole("alert").filter({ hasText: "Aucun rapport d'erreur ne porte la référence « ER-1999-0000042 »." }).waitFor();

    await page.keyboard.press("Control+K");
    await page.keyboard.type(reportRef.toLowerCase());
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/reports/${reportId}`);
  });

  it("creates a person from an unknown number, prefilled, then finds the new card", async () => {
    const page = await signedIn(AGENT);
    await page.keyboard.press("Control+K");
    await page.keyboard.type("079 412 34 56");
    await page.getByText("Numéro inconnu : 079 412 34 56").waitFor();
    await page.getByRole("option", { name: "Nouvelle personne avec le 079 412 34 56" }).waitFor();
    await screenshot(page, "people-08-unknown-number");
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "Nouvelle personne", level: 1 }).waitFor();
    expect(await field(page, "Téléphone").inputValue()).toBe("079 412 34 56");
    await page.getByText("Enregistré comme 079 412 34 56").waitFor();
    // The cursor waits in the first name; the rest is Tab and Enter.
    await expect.poll(() => isFocused(field(page, "Prénom"))).toBe(true);
    await page.keyboard.type("Léa");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Rochat");
    await page.getByRole("status").filter({ hasText: "Aucun doublon trouvé pour l'instant." }).waitFor();
    await page.keyboard.press("Enter");

    await cardTitle(page, "Léa Rochat").waitFor();
    await page.getByRole("region", { name: "Téléphones" }).getByText("079 412 34 56").waitFor();

    await lookUp(page, "rochat lea", "Léa Rochat");
    await page.keyboard.press("Enter");
    await cardTitle(page, "Léa Rochat").waitFor();
  });

  it("edits a phone number and shows the change in the history", async () => {
    const page = await signedIn(AGENT);
    await lookUp(page, "muller", "Anna Müller");
    await page.keyboard.press("Enter");
    await cardTitle(page, "Mme Anna Müller").waitFor();

    await page.getByRole("button", { name: "Modifier le 044 268 12 12" }).click();
    const dialog = page.getByRole("dialog", { name: "Modifier le numéro" });
    // A number that cannot exist is refused under the field, with the server's reason.
    await field(dialog, "Téléphone").fill("044 268 12");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await dialog.getByText(/^Numéro incomplet ou invalide/).waitFor();
    await field(dialog, "Téléphone").fill("+41 44 268 12 13");
    await dialog.getByText("Enregistré comme 044 268 12 13").waitFor();
    await dialog.getByRole("combobox", { name: "Type" }).selectOption("work");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await dialog.waitFor({ state: "detached" });
    const phones = page.getByRole("region", { name: "Téléphones" });
    await phones.getByText("044 268 12 13").waitFor();
    await phones.getByText("Professionnel").waitFor();

    await page.getByRole("button", { name: "Historique", exact: true }).click();
    const history = page.getByRole("dialog", { name: "Historique des modifications — Anna Müller" });
    const table = history.getByRole("table", { name: "Historique des modifications" });
    const change = table.getByRole("row").filter({ hasText: "Téléphone" }).filter({ hasText: "044 268 12 12" });
    await change.waitFor();
    expect(await change.innerText()).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\s+Alice Martin\s+Téléphone\s+044 268 12 12\s*→\s*044 268 12 13$/);
    await table.getByRole("row").filter({ hasText: "Type de téléphone" }).filter({ hasText: "Fixe" }).filter({ hasText: "Professionnel" }).waitFor();
    await screenshot(page, "people-04-history");
    await page.keyboard.press("Escape");
    await history.waitFor({ state: "detached" });

    // Search follows the correction.
    await lookUp(page, "044 268 12 13", "Anna Müller");
  });

  it("logs a call that appears at the top of the timeline", async () => {
    const page = await signedIn(AGENT);
    await lookUp(page, "022 735 33 92", "Jean Dupont");
    await page.keyboard.press("Enter");
    await cardTitle(page, "M. Jean Dupont").waitFor();

    await page.keyboard.press("Control+Enter");
    const dialog = page.getByRole("dialog", { name: "Consigner l'appel — Jean Dupont" });
    await dialog.waitFor();
    await expect.poll(() => isFocused(dialog.getByRole("textbox", { name: "Résumé" }))).toBe(true);
    expect(await field(dialog, "Date et heure").inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(await field(dialog, "Agent").inputValue()).toBe("Alice Martin");
    await dialog.getByRole("combobox", { name: "Motif" }).selectOption("error_report");
    await dialog.getByRole("textbox", { name: "Résumé" }).fill("Rappelle pour son rapport : <b>toujours</b> bloqué à l'export.");
    await screenshot(page, "people-05-log-call");
    // A time Geneva's clocks skip is refused with its reason, as in the report's call-back field.
    const proposed = await field(dialog, "Date et heure").inputValue();
    await field(dialog, "Date et heure").fill("29.03.2026 02:30");
    await dialog.getByRole("textbox", { name: "Résumé" }).press("Control+Enter");
    await dialog.getByText(/Cette heure n'existe pas à Genève/).waitFor();
    await field(dialog, "Date et heure").fill(proposed);
    await dialog.getByRole("textbox", { name: "Résumé" }).press("Control+Enter");
    await dialog.waitFor({ state: "detached" });

    const first = timeline(page).getByRole("row").nth(1);
    await expect.poll(() => first.innerText()).toContain("Rappelle pour son rapport : <b>toujours</b> bloqué à l'export.");
    expect(await first.innerText()).toMatch(/Appel entrant\s+Rapport d'erreur\s+Rappelle.*Alice Martin/s);
    await page.getByRole("alert").filter({ hasText: "Appel consigné." }).waitFor();
  });

  it("warns about likely duplicates while creating a person with a known phone, and a manager merges them", async () => {
    const page = await signedIn(AGENT);
    await page.getByRole("button", { name: "Nouvelle personne" }).click();
    await page.getByRole("heading", { name: "Nouvelle personne", level: 1 }).waitFor();
    await field(page, "Prénom").fill("Jean");
    await field(page, "Nom").fill("Dupond");
    // The server's refusal of phones.0.number lands under the phone field.
    await field(page, "Téléphone").fill("022 735 33");
    await page.getByRole("button", { name: "Créer la fiche" }).click();
    await expect.poll(() => field(page, "Téléphone").getAttribute("aria-invalid")).toBe("true");
    await page.getByText(/^Numéro incomplet ou invalide/).waitFor();
    // Correcting the field takes the refusal away.
    await field(page, "Téléphone").fill("+41 22 735 33 92");
    expect(await page.getByText(/^Numéro incomplet ou invalide/).count()).toBe(0);
    const warning = page.getByRole("alert").filter({ hasText: "Doublons probables" });
    await warning.getByRole("link", { name: "Ouvrir la fiche de Jean Dupont" }).waitFor();
    await warning.getByText("même téléphone").waitFor();
    await screenshot(page, "people-03-new-duplicate");

    // Creating anyway: the card says it too.
    await page.getByRole("button", { name: "Créer la fiche" }).click();
    await cardTitle(page, "Jean Dupond").waitFor();
    await page.getByRole("alert").filter({ hasText: "Doublons probables" }).getByRole("link", { name: "Ouvrir la fiche de Jean Dupont" }).waitFor();
    const duplicateHash = await page.evaluate(() => window.location.hash);
    // Merging is for managers.
    expect(await page.getByRole("button", { name: "Fusionner…" }).count()).toBe(0);

    const manager = await signedIn(MANAGER);
    await goTo(manager, duplicateHash);
    await cardTitle(manager, "Jean Dupond").waitFor();
    await manager.getByRole("button", { name: "Fusionner avec Jean Dupont" }).click();
    const dialog = manager.getByRole("dialog", { name: "Fusionner deux fiches" });
    await dialog.getByRole("radio", { name: `Conserver Jean Dupont (n° ${ids.jean})` }).check();
    await dialog.getByText(`La fiche Jean Dupond (n° ${duplicateHash.split("/").pop()}) sera supprimée.`, { exact: false }).waitFor();
    await screenshot(manager, "people-09-merge");
    await dialog.getByRole("button", { name: "Fusionner" }).click();
    await cardTitle(manager, "M. Jean Dupont").waitFor();
    await expect.poll(() => manager.evaluate(() => window.location.hash)).toBe(`#/people/${ids.jean}`);
    // The other card is gone, its number now only on the kept one.
    const check = await app.api.login(ADMIN.username, ADMIN.password);
    expect(await app.api.call("people.get", { id: Number(duplicateHash.split("/").pop()) }, check)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await app.api.value<{ personId: number }[]>("people.search", { q: "022 735 33 92" }, check)).map((h) => h.personId)).toEqual([ids.jean]);
  });

  it("shows the company with its people and saves a correction", async () => {
    const page = await signedIn(AGENT);
    await goTo(page, `#/people/${ids.marc}`);
    await cardTitle(page, "M. Marc Dupont-Favre").waitFor();
    await page.getByRole("link", { name: "Horlogerie Favre SA" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Horlogerie Favre SA" }).waitFor();
    const people = page.getByRole("table", { name: "Personnes de l'entreprise" });
    await people.getByRole("link", { name: "Jean Dupont" }).waitFor();
    await people.getByRole("link", { name: "Marc Dupont-Favre" }).waitFor();
    await page.getByText("022 310 22 10").waitFor();

    await page.getByRole("button", { name: "Modifier l'entreprise" }).click();
    const dialog = page.getByRole("dialog", { name: "Modifier Horlogerie Favre SA" });
    await field(dialog, "Site web").fill("pas une adresse");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => field(dialog, "Site web").getAttribute("aria-invalid")).toBe("true");
    await field(dialog, "Site web").fill("https://www.favre-horlogerie.example");
    await field(dialog, "Téléphone").fill("022 310 22 11");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("022 310 22 11").waitFor();
    await page.getByRole("link", { name: "https://www.favre-horlogerie.example" }).waitFor();
    await screenshot(page, "people-06-company");

    await people.getByRole("link", { name: "Jean Dupont" }).click();
    await cardTitle(page, "M. Jean Dupont").waitFor();
  });

  it("refuses a stale identity edit with the server's message and shows the current card", async () => {
    const page = await signedIn(AGENT);
    await goTo(page, `#/people/${ids.jeanne}`);
    await cardTitle(page, "Mme Jeanne Dupontel").waitFor();
    await page.getByRole("button", { name: "Modifier l'identité" }).click();
    const dialog = page.getByRole("dialog", { name: "Modifier l'identité de Jeanne Dupontel" });
    await field(dialog, "Prénom").fill("Jeanine");

    // Someone else corrects the same person first.
    const other = await app.api.login(ADMIN.username, ADMIN.password);
    const current = await app.api.value<Card>("people.get", { id: ids.jeanne }, other);
    await app.api.value("people.update", { id: ids.jeanne, version: current.version, lastName: "Dupontel-Roux" }, other);

    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("alert").filter({ hasText: "Quelqu'un a modifié cet élément entre-temps." }).waitFor();
    await cardTitle(page, "Mme Jeanne Dupontel-Roux").waitFor();
  });

  it("lets an agent do a whole call with the keyboard only, in English", async () => {
    const page = await signedIn(AGENT_EN);
    await page.getByRole("radiogroup", { name: "Langue de l'interface" }).getByText("EN", { exact: true }).click();
    await page.getByRole("heading", { name: "Find the caller" }).waitFor();

    // Find.
    await lookUp(page, "+41 (0)21 601 44 44", "Marc Dupont-Favre");
    await results(page).getByText("Phone", { exact: true }).waitFor();
    await page.keyboard.press("Enter");
    await cardTitle(page, "Mr Marc Dupont-Favre").waitFor();
    await page.getByRole("region", { name: "Phones" }).getByText("Work").waitFor();
    // The card took the focus: Tab goes through the card (company, then its actions), not the top bar.
    await page.keyboard.press("Tab");
    await expect.poll(() => isFocused(page.getByRole("link", { name: "Horlogerie Favre SA" }).first())).toBe(true);
    await page.keyboard.press("Tab");
    await expect.poll(() => isFocused(page.getByRole("button", { name: /^Log the call/ }))).toBe(true);

    // Correct: Tab to "Add" in the emails block (here: focused as Tab would), Enter, type, Enter.
    await page.getByRole("region", { name: "Emails" }).getByRole("button", { name: "Add" }).focus();
    await page.keyboard.press("Enter");
    const emailDialog = page.getByRole("dialog", { name: "Add an email" });
    await expect.poll(() => isFocused(field(emailDialog, "Email"))).toBe(true);
    await page.keyboard.type("Marc.Dupont@Favre.example ");
    await page.keyboard.press("Enter");
    await emailDialog.waitFor({ state: "detached" });
    await page.getByRole("region", { name: "Emails" }).getByText("marc.dupont@favre.example").waitFor();

    // Log.
    await page.keyboard.press("Control+Enter");
    const log = page.getByRole("dialog", { name: "Log the call — Marc Dupont-Favre" });
    await expect.poll(() => isFocused(log.getByRole("textbox", { name: "Summary" }))).toBe(true);
    await page.keyboard.type("Gave his new email address.");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await expect.poll(() => log.getByRole("combobox", { name: "Channel" }).evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press("Control+Enter");
    await log.waitFor({ state: "detached" });
    const first = timeline(page).getByRole("row").nth(1);
    await expect.poll(() => first.innerText()).toMatch(/Incoming call\s+Information request\s+Gave his new email address\.\s+Ben Walker/);
    await screenshot(page, "people-07-card-en");

    // Back to the lookup; Esc clears the box.
    await page.keyboard.press("F2");
    await expect.poll(() => isFocused(lookupBox(page))).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => lookupBox(page).inputValue()).toBe("");
  });
});
