import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/**
 * The data-protection tools in real Chromium: mailing-list choices on the person card, the
 * managers' mailing-list export, disclosure log and retention review, the administrator's
 * data-protection settings and the "keep for the product" mark. Data is arranged through the
 * HTTP API; what is checked is what the user sees (and the file they download).
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "agent", displayName: "Alice Martin", password: "agent password 1" };
const MANAGER = { username: "manager", displayName: "Marc Gérant", password: "manager password" };
const YEAR = 365.25 * 86_400_000;

let app: RunningApp;
let browser: Browser;
let admin: string;
let agent: string;
let manager: string;
const ids: Record<string, number> = {};
let reportId = 0;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  admin = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  await app.api.createUser(admin, { ...AGENT, role: "agent" });
  await app.api.createUser(admin, { ...MANAGER, role: "manager" });
  agent = await app.api.login(AGENT.username, AGENT.password);
  manager = await app.api.login(MANAGER.username, MANAGER.password);

  const create = async (key: string, input: Record<string, unknown>) => {
    ids[key] = (await app.api.value<{ id: number }>("people.create", input, agent)).id;
  };
  await create("paul", { firstName: "Paul", lastName: "Appelant", phones: [{ number: "079 555 01 01" }], emails: [{ email: "paul.appelant@example.ch" }] });
  await create("lea", { firstName: "Léa", lastName: "Inscrite", emails: [{ email: "lea.inscrite@example.ch" }] });
  await create("noe", { firstName: "Noé", lastName: "Refus", emails: [{ email: "noe.refus@example.ch" }] });
  const set = (personId: number, status: string, source: string) => app.api.value("preferences.set", { personId, topic: "newsletter", channel: "email", status, source }, agent);
  await set(ids.lea!, "opted_in", "web_form");
  await set(ids.noe!, "opted_in", "web_form");
  await set(ids.noe!, "opted_out", "email");

  // Two calls from three years ago, one from today; the call log is kept one year.
  for (const [summary, at] of [
    ["Ancien appel 1", Date.now() - 3 * YEAR],
    ["Ancien appel 2", Date.now() - 3 * YEAR + 86_400_000],
    ["Appel récent", Date.now() - 60_000],
  ] as const) {
    await app.api.value("interactions.log", { personId: ids.lea, channel: "call_in", purpose: "information", summary, at }, agent);
  }
  await app.api.value("settings.update", { "retention.interactionsYears": 1 }, admin);

  const product = await app.api.value<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin);
  reportId = (await app.api.value<{ id: number }>("reports.create", { personId: ids.paul, productId: product.id, title: "L'export PDF plante", severity: "high" }, agent)).id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signIn(user: { username: string; password: string }): Promise<Page> {
  const { page } = await openPage(browser);
  page.setDefaultTimeout(10_000);
  await page.goto(app.url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(user.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
  return page;
}

/** Dialogs fade in: a screenshot waits until no transition is running. */
async function settled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

async function goTo(page: Page, hash: string) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

describe("contact preferences on the person card", () => {
  it("an agent opts a caller into the newsletter by email, then removes them from every list", async () => {
    const page = await signIn(AGENT);
    await goTo(page, `#/people/${ids.paul}`);
    const section = page.getByRole("region", { name: "Préférences de contact" });
    const grid = section.getByRole("table", { name: "Préférences de contact" });
    const cells = grid.locator("button[data-status]");
    await expect.poll(() => cells.evaluateAll((all) => all.map((b) => b.getAttribute("data-status")))).toEqual(Array(12).fill("none"));

    // Keyboard: focus the cell, open its menu with Enter, pick "Inscrire".
    await section.getByRole("button", { name: "Newsletter, E-mail : Pas demandé" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menuitem", { name: "Inscrire", exact: true }).click();
    const newsletter = section.getByRole("button", { name: "Newsletter, E-mail : Inscrit" });
    await newsletter.waitFor();
    expect(await newsletter.innerText()).toMatch(/Inscrit\s+\d{2}\.\d{2}\.\d{4} · Appel/);
    await screenshot(page, "privacy-tools-preferences");

    await section.getByRole("button", { name: "Retirer de toutes les listes" }).click();
    const dialog = page.getByRole("dialog", { name: "Retirer Paul Appelant de toutes les listes ?" });
    await dialog.getByText(/avec la source « Appel »/).waitFor();
    await settled(page);
    await screenshot(page, "privacy-tools-preferences-confirm");
    await dialog.getByRole("button", { name: "Retirer de toutes les listes" }).click();
    await dialog.waitFor({ state: "detached" });

    await expect.poll(() => cells.evaluateAll((all) => all.map((b) => b.getAttribute("data-status")))).toEqual(Array(12).fill("opted_out"));
    for (const text of await cells.allInnerTexts()) expect(text).toMatch(/^✕\s*Désinscrit\s+\d{2}\.\d{2}\.\d{4} · Appel$/);

    await section.getByRole("button", { name: "Historique des choix" }).click();
    const history = section.getByRole("table", { name: "Historique des préférences de contact" });
    await history.waitFor();
    const rows = await history.locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(13);
    expect(rows.at(-1)).toMatch(/Newsletter · E-mail\s+Inscrit\s+Appel\s+Alice Martin/);
    await screenshot(page, "privacy-tools-preferences-history");

    // What the export reads: opted out, from a call.
    const stored = await app.api.value<{ choices: { status: string; source: string }[] }>("preferences.get", { personId: ids.paul }, agent);
    expect(stored.choices.every((c) => c.status === "opted_out" && c.source === "call")).toBe(true);
    await page.context().close();
  });
});

describe("the managers' data-protection tools", () => {
  it("exports the newsletter list: the downloaded CSV holds the opted-in person and nobody who opted out", async () => {
    const page = await signIn(MANAGER);
    await goTo(page, "#/privacy/tools");
    await page.getByRole("tab", { name: "Listes de diffusion", selected: true }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Exporter la liste (CSV)" }).click()]);
    expect(download.suggestedFilename()).toBe("mailing-newsletter-email.csv");
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain("lea.inscrite@example.ch");
    expect(csv).not.toContain("noe.refus@example.ch");
    expect(csv).not.toContain("paul.appelant@example.ch");
    await page.getByRole("status").getByText("1 personne dans la liste — fichier mailing-newsletter-email.csv téléchargé.").waitFor();
    await screenshot(page, "privacy-tools-mailing");
    await page.context().close();
  });

  it("records a disclosure to an authority, refusing a date in the future, and shows it in the log", async () => {
    const page = await signIn(MANAGER);
    await goTo(page, "#/privacy/tools/disclosures");
    const log = page.getByRole("table", { name: "Journal des communications aux autorités" });
    await log.getByText("Aucune communication enregistrée.").waitFor();

    const form = page.getByRole("region", { name: "Enregistrer une communication" });
    await form.getByRole("combobox", { name: "Personne concernée" }).fill("Inscrite");
    await page.getByRole("option", { name: /^Inscrite Léa/ }).click();
    await form.getByRole("textbox", { name: "Destinataire" }).fill("Ministère public du canton de Genève");
    await form.getByRole("textbox", { name: "Base légale" }).fill("Art. 265 CPP");
    await form.getByRole("checkbox", { name: "Identité" }).check();
    await form.getByRole("checkbox", { name: "Coordonnées" }).check();
    await form.getByRole("textbox", { name: "Note" }).fill("Ordonnance <b>PP/123</b>");
    const date = form.getByRole("textbox", { name: "Date de la communication" });
    expect(await date.inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await date.fill("01.01.2099");
    await form.getByRole("button", { name: "Enregistrer la communication" }).click();
    await form.getByText("La date ne peut pas être dans le futur.").waitFor();
    expect(await date.getAttribute("aria-invalid")).toBe("true");

    await date.fill("20.11.2026");
    await form.getByRole("button", { name: "Enregistrer la communication" }).click();
    const row = log.locator("tbody tr").first();
    await expect.poll(() => row.innerText()).toMatch(/^20\.11\.2026\s+Ministère public du canton de Genève\s+Art\. 265 CPP\s+Ordonnance <b>PP\/123<\/b>\s+Identité, Coordonnées\s+Léa Inscrite\s+Marc Gérant$/);
    // The form is ready for the next one.
    expect(await form.getByRole("textbox", { name: "Destinataire" }).inputValue()).toBe("");
    await screenshot(page, "privacy-tools-disclosures");
    await page.context().close();
  });

  it("reviews what is past its retention period, states the counts before erasing, and reports what was erased", async () => {
    const page = await signIn(MANAGER);
    await goTo(page, "#/privacy/tools/retention");
    const review = page.getByRole("table", { name: "Revue de conservation" });
    const calls = review.locator('tr[data-rule="interactions"]');
    await expect.poll(() => calls.innerText()).toMatch(/Contacts \(journal des appels\)[\s\S]*\d{2}\.\d{2}\.\d{4}\s+2\s+\d{2}\.\d{2}\.\d{4}$/);
    expect(await review.getByRole("checkbox", { name: "Appliquer la règle « Contacts (journal des appels) »" }).isChecked()).toBe(true);
    expect(await review.getByRole("checkbox", { name: "Appliquer la règle « Personnes sans activité »" }).isDisabled()).toBe(true);

    await page.getByRole("button", { name: "Effacer / anonymiser" }).click();
    const dialog = page.getByRole("dialog", { name: "Effacer définitivement ?" });
    await dialog.getByText("Contacts (journal des appels) : 2").waitFor();
    await settled(page);
    await screenshot(page, "privacy-tools-retention-confirm");
    await dialog.getByRole("button", { name: "Effacer / anonymiser" }).click();
    await dialog.waitFor({ state: "detached" });

    const done = page.getByRole("status").filter({ hasText: "Revue de conservation appliquée" });
    await done.getByText("Contacts (journal des appels) : 2 effacé(s)").waitFor();
    await expect.poll(() => calls.innerText()).toMatch(/\s0\s+—$/);
    await screenshot(page, "privacy-tools-retention-done");

    const left = await app.api.value<{ summary: string }[]>("interactions.list", { personId: ids.lea }, agent);
    expect(left.map((i) => i.summary)).toEqual(["Appel récent"]);
    await page.context().close();
  });

  it("is not offered to an agent", async () => {
    const page = await signIn(AGENT);
    await goTo(page, "#/privacy/tools/lists");
    await page.getByText("Ces outils sont réservés aux responsables.").waitFor();
    expect(await page.getByRole("button", { name: "Exporter la liste (CSV)" }).count()).toBe(0);
    await page.context().close();
  });
});

describe("keeping a report for the product", () => {
  it("a manager marks an error report to be kept, anonymised, if its reporter is erased", async () => {
    const page = await signIn(MANAGER);
    await goTo(page, `#/reports/${reportId}`);
    const keep = page.getByRole("switch", { name: "Conserver pour le produit en cas d'effacement" });
    expect(await keep.isChecked()).toBe(false);
    await page.getByText(/produit, version, gravité, statut et résolution restent/).waitFor();
    // Saved first, then shown: the switch follows the server's answer.
    await keep.click({ force: true });
    await expect.poll(async () => (await app.api.value<{ keepForProduct: boolean }>("reports.get", { id: reportId }, manager)).keepForProduct).toBe(true);
    // The switch turns on once the answer is rendered, a moment after the server has it.
    await expect.poll(() => keep.isChecked()).toBe(true);
    await screenshot(page, "privacy-tools-report-keep");
    await page.context().close();
  });
});

describe("data-protection settings", () => {
  it("an administrator edits the controller, the recipients and the retention periods, with errors under their field", async () => {
    const page = await signIn(ADMIN);
    await goTo(page, "#/admin/privacy");
    const name = page.getByRole("textbox", { name: "Nom", exact: true }).first();
    await expect.poll(() => name.inputValue()).toBe("Jet Info Sàrl");
    expect(await page.getByRole("textbox", { name: "Rue et numéro" }).inputValue()).toBe("Rue de Lausanne 63");

    await page.getByRole("button", { name: "Ajouter un destinataire" }).click();
    const recipient = page.getByRole("group", { name: "Destinataire 1" });
    await recipient.getByRole("textbox", { name: "Finalité" }).fill("Hébergement des sauvegardes");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    // The name of a recipient is required: said under that field, nothing saved.
    await recipient.getByText("Champ obligatoire.").waitFor();
    await recipient.getByRole("textbox", { name: "Nom" }).fill("Infomaniak");
    await recipient.getByRole("textbox", { name: "Pays" }).fill("Suisse");
    const contacts = page.getByRole("textbox", { name: "Contacts" });
    await contacts.fill("4");
    await page.getByRole("switch", { name: /Appliquer la revue de conservation au démarrage/ }).check({ force: true });
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Paramètres de protection des données enregistrés.").waitFor();
    await screenshot(page, "privacy-tools-settings");

    const saved = await app.api.value<Record<string, unknown>>("settings.get", {}, admin);
    expect(saved["privacy.recipients"]).toEqual([{ name: "Infomaniak", purpose: "Hébergement des sauvegardes", country: "Suisse" }]);
    expect(saved["retention.interactionsYears"]).toBe(4);
    expect(saved["retention.applyAtStartup"]).toBe(true);

    // A value the server refuses comes back under its own field.
    await contacts.fill("40");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => contacts.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "privacy-tools-settings-error");
    expect((await app.api.value<Record<string, unknown>>("settings.get", {}, admin))["retention.interactionsYears"]).toBe(4);
    await page.context().close();
  });
});
