import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/*
 * The data-protection desk end to end, in Chromium: a caller asks to be erased (identity check
 * first, preview, typed confirmation, then the lookup no longer knows their number); a caller
 * asks what we hold (access report saved as PDF and JSON); a manager watches the deadlines in the
 * register and on the navigation rail. Setup data goes through the HTTP API; what is asserted is
 * what a user sees and what the files hold.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };
const MANAGER = { username: "marc", displayName: "Marc Manager", password: "manager password", role: "manager" };

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let adminSession: string;
let agentSession: string;
let eraseeId: number;
let requesterId: number;
let lateId: number;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  adminSession = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [AGENT, MANAGER]) await app.api.createUser(adminSession, user);
  agentSession = await app.api.login(AGENT.username, AGENT.password);
  eraseeId = (
    await app.api.value<{ id: number }>(
      "people.create",
      { firstName: "Marguerite", lastName: "Écoffey", phones: [{ number: "079 555 01 23", kind: "mobile" }], emails: [{ email: "m.ecoffey@example.ch" }], addresses: [{ street: "Chemin des Vignes 4", postalCode: "1255", city: "Veyrier" }] },
      agentSession,
    )
  ).id;
  await app.api.value("interactions.log", { personId: eraseeId, channel: "call_in", purpose: "comment", summary: "Se plaint de recevoir trop de courriers" }, agentSession);
  requesterId = (
    await app.api.value<{ id: number }>("people.create", { firstName: "Jean-Luc", lastName: "Rochat", language: "fr", phones: [{ number: "022 700 11 22" }], emails: [{ email: "jl.rochat@example.ch" }] }, agentSession)
  ).id;
  await app.api.value("interactions.log", { personId: requesterId, channel: "call_in", purpose: "information", summary: "Demande ce que nous savons de lui <b>pas du HTML</b>" }, agentSession);
  await app.api.value("preferences.set", { personId: requesterId, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agentSession);
  lateId = (await app.api.value<{ id: number }>("people.create", { firstName: "Paul", lastName: "Tardy", phones: [{ number: "079 600 00 01" }] }, agentSession)).id;
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
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(user.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
  return page;
}

/** In-app navigation (the hash router), keeping the tab's session. */
async function go(page: Page, path: string) {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#${path}`);
}

const dialog = (page: Page, name: string | RegExp) => page.getByRole("dialog", { name });
const identityPanel = (page: Page) => page.getByRole("region", { name: "Vérification d'identité" });

async function recordIdentity(page: Page, method: string) {
  await identityPanel(page).getByRole("radio", { name: method }).check();
  await identityPanel(page).getByRole("button", { name: "Enregistrer la vérification" }).click();
  await identityPanel(page).getByText(/Vérifiée par Alice Agent/).waitFor();
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

const isDisabled = (locator: Locator) => locator.isDisabled();

describe("data-protection requests", () => {
  it("erases a caller after the identity check, the preview and the typed last name, and the lookup no longer finds them", async () => {
    const page = await signedIn(AGENT);
    await go(page, `/people/${eraseeId}`);
    await page.getByRole("heading", { name: "Marguerite Écoffey", level: 1 }).waitFor();
    await page.getByRole("region", { name: "Demandes LPD" }).getByText("Aucune demande LPD.").waitFor();
    await screenshot(page, "privacy-01-person-card");

    // The request is recorded from the card while the caller is on the line.
    await page.getByRole("button", { name: "Nouvelle demande LPD" }).click();
    const form = dialog(page, "Nouvelle demande LPD — Marguerite Écoffey");
    await form.getByRole("combobox", { name: "Type de demande" }).selectOption("erasure");
    await form.getByRole("textbox", { name: "Ce que la personne demande" }).fill("Veut que tout soit effacé, ne veut plus être contactée.");
    await form.getByText(/^Échéance : \d\d\.\d\d\.\d{4} \(30 jours après la réception/).waitFor();
    // A date of receipt in the future is refused under its field.
    await form.getByRole("textbox", { name: "Reçue le" }).fill("01.01.2099");
    await form.getByText("La date de réception ne peut pas être dans le futur.").waitFor();
    const today = new Intl.DateTimeFormat("de-CH", { timeZone: "Europe/Zurich", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
    await form.getByRole("textbox", { name: "Reçue le" }).fill(today);
    await screenshot(page, "privacy-02-new-request");
    await form.getByRole("button", { name: "Enregistrer la demande" }).click();

    const title = page.getByRole("heading", { level: 1, name: /^DP-\d{4}-\d{5} · Effacement$/ });
    await title.waitFor();
    const requestId = Number(/requests\/(\d+)/.exec(await page.evaluate(() => window.location.hash))?.[1]);

    // Nothing can be done before the identity check, and the screen says why.
    const erase = page.getByRole("button", { name: "Effacer les données" });
    expect(await isDisabled(erase)).toBe(true);
    expect(await isDisabled(page.getByRole("button", { name: "Clore la demande" }))).toBe(true);
    await page.getByText("Indisponible tant que l'identité de la personne n'est pas vérifiée (art. 16 OPDo).").waitFor();
    // The numbers and addresses on file are those the agent may use for the check.
    await identityPanel(page).getByRole("group", { name: "Numéros enregistrés" }).getByText("079 555 01 23").waitFor();
    await identityPanel(page).getByRole("group", { name: "E-mails enregistrés" }).getByText("m.ecoffey@example.ch").waitFor();
    await screenshot(page, "privacy-03-request-unverified");

    await recordIdentity(page, "Rappel à un numéro déjà enregistré");
    expect(await isDisabled(erase)).toBe(false);
    await erase.click();

    const flow = dialog(page, "Effacer les données de Marguerite Écoffey");
    const preview = flow.getByRole("table", { name: "Données à effacer" });
    for (const row of ["Fiche de la personne 1", "Téléphones 1", "E-mails 1", "Adresses 1", "Contacts (journal) 2", "Demandes LPD (gardées sans nom) 1"]) await preview.getByRole("row", { name: row, exact: true }).waitFor();
    await flow.getByText(/^Les sauvegardes antérieures peuvent contenir ces données jusqu'au \d\d\.\d\d\.\d{4}\.$/).waitFor();

    // A wrong name: said under the field, the button stays off, nothing is erased.
    const confirm = flow.getByRole("textbox", { name: "Tapez le nom de famille pour confirmer" });
    await confirm.fill("Dupont");
    await confirm.blur();
    await flow.getByText("Le nom saisi ne correspond pas au nom de famille de la personne.").waitFor();
    const eraseForGood = flow.getByRole("button", { name: "Effacer définitivement" });
    expect(await isDisabled(eraseForGood)).toBe(true);
    await screenshot(page, "privacy-04-erasure-preview");
    expect((await app.api.call("people.get", { id: eraseeId }, agentSession)).ok).toBe(true);

    // Case and accents do not count, as on the server.
    await flow.getByRole("checkbox", { name: /ne plus jamais être contactée/ }).check();
    await confirm.fill("ECOFFEY");
    // Another connection is reading (as an export, the integrity check or a backup would): the
    // journal cannot be emptied at once, and the screen says so until the reader lets go.
    const reader = new Database(join(app.dataDir, "jetinfo-crm.sqlite"), { readonly: true });
    reader.exec("BEGIN");
    reader.prepare("SELECT count(*) FROM people").get();
    await eraseForGood.click();
    const done = dialog(page, "Données effacées");
    await done.getByText(/éléments supprimés\. La fiche de la personne n'existe plus\./).waitFor();
    await done.getByText(/Le journal de la base de données \(WAL\) contient encore des traces/).waitFor();
    await screenshot(page, "privacy-05a-erasure-wal-pending");
    reader.exec("COMMIT");
    reader.close();
    await done.getByText("Traces retirées du journal : le journal de la base de données (WAL) a été vidé, plus rien de la personne dans les fichiers.").waitFor();
    await screenshot(page, "privacy-05-erasure-done");
    await done.getByRole("button", { name: "Fermer" }).click();

    // What remains is an anonymous record: no name, only counts, dates and who did it.
    await page.getByRole("region", { name: "Effacement effectué" }).getByText(/Données effacées le .* par Alice Agent/).waitFor();
    await page.getByText("Personne effacée").first().waitFor();
    expect(await page.getByText("Écoffey").count()).toBe(0);
    await screenshot(page, "privacy-06-erased-record");
    const record = await app.api.value<{ person: unknown; status: string }>("privacy.requests.get", { id: requestId }, agentSession);
    expect(record).toMatchObject({ person: null, status: "completed" });

    // The lookup no longer knows the number, and the card is gone.
    await page.keyboard.press("Control+K");
    await page.keyboard.type("079 555 01 23");
    await page.getByText("Numéro inconnu : 079 555 01 23").waitFor();
    expect(await app.api.call("people.get", { id: eraseeId }, agentSession)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("records an access request from the register, then saves the access report as PDF and JSON after the check", async () => {
    const page = await signedIn(AGENT);
    await page.getByRole("link", { name: "Protection des données" }).click();
    await page.getByRole("heading", { name: "Registre des demandes LPD", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Nouvelle demande LPD" }).click();

    const form = dialog(page, "Nouvelle demande LPD");
    // The person is required, and found the way the lookup finds them.
    await form.getByRole("button", { name: "Enregistrer la demande" }).click();
    await form.getByText("Choisissez la personne concernée.").waitFor();
    await form.getByRole("combobox", { name: "Personne concernée" }).fill("Rochat");
    await page.getByRole("option", { name: /Rochat Jean-Luc/ }).click();
    await form.getByRole("combobox", { name: "Reçue par" }).selectOption("email");
    await screenshot(page, "privacy-07-new-request-from-register");
    await form.getByRole("button", { name: "Enregistrer la demande" }).click();
    await page.getByRole("heading", { level: 1, name: /^DP-\d{4}-\d{5} · Accès aux données$/ }).waitFor();

    const reportButton = page.getByRole("button", { name: "Rapport d'accès" });
    expect(await isDisabled(reportButton)).toBe(true);
    await recordIdentity(page, "Confirmation depuis un e-mail déjà enregistré");
    await reportButton.click();

    const panel = page.getByRole("region", { name: "Rapport d'accès", exact: true });
    await panel.getByText(/^Rapport pour Jean-Luc Rochat, établi le .*, en français\.$/).waitFor();
    const report = page.getByRole("region", { name: "Contenu du rapport d'accès" });
    await report.getByText(/Jet Info Sàrl, Rue de Lausanne 63, 1202 Genève/).waitFor();
    const contact = report.getByRole("region", { name: "Coordonnées" });
    await contact.getByRole("table", { name: "Téléphones" }).getByRole("cell", { name: "022 700 11 22" }).waitFor();
    await contact.getByRole("table", { name: "Adresses e-mail" }).getByRole("cell", { name: "jl.rochat@example.ch" }).waitFor();
    await report.getByRole("region", { name: "Vos demandes relatives à vos données" }).getByRole("cell", { name: "Confirmation depuis un e-mail déjà enregistré" }).waitFor();
    await screenshot(page, "privacy-08-access-report");
    // Caller text is shown as text, never as markup.
    const contacts = report.getByRole("region", { name: "Journal des contacts" });
    await contacts.getByRole("cell", { name: "Demande ce que nous savons de lui <b>pas du HTML</b>" }).waitFor();
    await report.getByRole("region", { name: "Préférences de contact et listes de diffusion" }).getByRole("row", { name: /Newsletter E-mail Inscrit Appel/ }).first().scrollIntoViewIfNeeded();
    await screenshot(page, "privacy-08b-access-report-sections");
    await report.getByRole("region", { name: "Vos demandes relatives à vos données" }).scrollIntoViewIfNeeded();
    await screenshot(page, "privacy-08c-access-report-requests");

    const pdf = await downloaded(page, () => panel.getByRole("button", { name: "Télécharger le PDF" }).click());
    expect(pdf.name).toMatch(/^acces-DP-\d{4}-\d{5}\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const json = await downloaded(page, () => panel.getByRole("button", { name: "Télécharger le JSON" }).click());
    expect(json.name).toMatch(/^acces-DP-\d{4}-\d{5}\.json$/);
    const data = JSON.parse(json.bytes.toString("utf8")) as { subject: { name: string }; sections: { category: string; tables: { table: string; rows: Record<string, unknown>[] }[] }[] };
    expect(data.subject.name).toBe("Jean-Luc Rochat");
    const identity = data.sections.find((s) => s.category === "identity")!.tables[0]!.rows[0];
    expect(identity).toMatchObject({ first_name: "Jean-Luc", last_name: "Rochat" });

    // Closing the request with the answer given.
    await page.getByRole("button", { name: "Clore la demande" }).click();
    const close = dialog(page, /^Clore la demande DP-/);
    await close.getByRole("textbox", { name: "Réponse donnée à la personne" }).fill("Rapport d'accès envoyé par e-mail (PDF et JSON).");
    await close.getByRole("button", { name: "Clore la demande" }).click();
    await page.getByText("Cette demande est close.").waitFor();
    await go(page, `/people/${requesterId}`);
    await page.getByRole("region", { name: "Demandes LPD" }).getByText("Traitée").waitFor();
    await screenshot(page, "privacy-12-card-requests");
  });

  it("shows a manager the overdue request first in the register, highlighted, and the count on the navigation rail", async () => {
    // Received 1 October: due 31 October, overdue; another received today.
    await app.api.value("privacy.requests.create", { personId: lateId, kind: "rectification", channel: "letter", receivedOn: "2026-10-01", details: "Adresse fausse" }, agentSession);
    await app.api.value("privacy.requests.create", { personId: requesterId, kind: "objection", channel: "phone" }, agentSession);
    const counts = await app.api.value<{ pending: number; overdue: number }>("privacy.requests.counts", {}, agentSession);
    expect(counts.overdue).toBeGreaterThanOrEqual(1);

    const page = await signedIn(MANAGER);
    const badge = page.getByTestId("privacy-rail-badge");
    await expect.poll(() => badge.innerText()).toBe(String(counts.pending));
    expect(await badge.getAttribute("data-overdue")).toBe("true");
    expect(await badge.getAttribute("aria-label")).toBe(`${counts.pending} demandes LPD en cours, dont ${counts.overdue} en retard`);

    await page.getByRole("link", { name: /Protection des données/ }).click();
    const table = page.getByRole("table", { name: "Demandes LPD" });
    const first = table.locator("tbody tr").first();
    await expect.poll(() => first.getAttribute("aria-label")).toMatch(/Paul Tardy · En retard$/);
    expect(await first.getAttribute("data-overdue")).toBe("true");
    await first.getByText("31.10.2026").waitFor();
    await first.getByText("En retard").waitFor();
    await page.getByRole("tab", { name: /En retard/ }).getByText(String(counts.overdue)).waitFor();
    await screenshot(page, "privacy-09-register-manager");

    // Keyboard: focus the row, Enter opens the request.
    await first.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: /· Rectification$/ }).waitFor();
    await page.getByText("Échéance dépassée", { exact: true }).waitFor();
    // A correction is made on the card, once the identity is checked.
    expect(await isDisabled(page.getByRole("button", { name: "Corriger sur la fiche" }))).toBe(true);
    await identityPanel(page).getByRole("group", { name: "Numéros enregistrés" }).getByText("079 600 00 01").waitFor();
    await screenshot(page, "privacy-10-request-overdue");

    // A manager may extend with a reason; the request is no longer overdue.
    await page.getByRole("button", { name: "Prolonger le délai" }).click();
    const extend = dialog(page, /^Prolonger la demande DP-/);
    await extend.getByRole("textbox", { name: "Nouvelle échéance" }).fill("20.12.2026");
    await extend.getByRole("textbox", { name: "Motif de la prolongation" }).fill("Archives papier à consulter");
    await screenshot(page, "privacy-11-extend");
    await extend.getByRole("button", { name: "Prolonger" }).click();
    await page.getByRole("region", { name: "Demande" }).getByText("Prolongée").waitFor();
    expect(await page.getByText("Échéance dépassée", { exact: true }).count()).toBe(0);
    await expect.poll(() => badge.getAttribute("data-overdue")).toBe(null);

    // Every label exists in English too.
    await page.getByRole("radiogroup", { name: "Langue de l'interface" }).getByText("EN", { exact: true }).click();
    await go(page, "/privacy");
    await page.getByRole("heading", { name: "Data-protection request register", level: 1 }).waitFor();
    await page.getByRole("table", { name: "Data-protection requests" }).getByText("Stop contact", { exact: false }).waitFor();
    await screenshot(page, "privacy-13-register-english");
  });
});
