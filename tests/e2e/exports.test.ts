import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { label } from "../../common/labels";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/*
 * A manager's exports and overview in Chromium: the overview is the first screen after signing
 * in, with its figures; an export of filtered error reports is previewed, runs with a progress bar
 * and arrives as a download that parses back to the rows. Data is arranged through the HTTP API.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const MANAGER = { username: "marc", displayName: "Marc Manager", password: "manager password", role: "manager" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };

/** References carry the year the report was taken (Geneva time). */
const YEAR = new Intl.DateTimeFormat("en", { timeZone: "Europe/Zurich", year: "numeric" }).format(new Date());

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const admin = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [MANAGER, AGENT]) await app.api.createUser(admin, user);
  const agent = await app.api.login(AGENT.username, AGENT.password);
  const manager = await app.api.login(MANAGER.username, MANAGER.password);
  const productId = (await app.api.value<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
  const people = [
    ["Zoë", "Müller-Lüdenscheid"],
    ["Émilie", "O'Neil"],
    ["سارة", "العلي"],
  ];
  const titles = ["Crash à l'export PDF", 'Facture; « TVA » "8,1 %"\nsur deux lignes', "=HYPERLINK(\"http://x\")"];
  for (const [i, [firstName, lastName]] of people.entries()) {
    const person = await app.api.value<{ id: number }>("people.create", { firstName, lastName, phones: [{ number: `022 735 33 9${i}` }] }, agent);
    await app.api.value("reports.create", { personId: person.id, productId, title: titles[i], severity: i === 0 ? "normal" : "critical" }, agent);
  }
  // Two of the three are triaged: the export below asks for those only.
  const queue = await app.api.value<{ rows: { id: number; reference: string }[] }>("reports.list", { sort: "reference", direction: "asc" }, manager);
  for (const row of queue.rows.slice(1)) await app.api.value("reports.setStatus", { id: row.id, version: 1, status: "triaged" }, manager);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signIn(page: Page, user: { username: string; password: string }) {
  await page.goto(app.url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(user.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
}

describe("a manager", () => {
  it("lands on the overview, with its figures also as tables", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, MANAGER);
    await page.getByRole("heading", { name: "Vue d'ensemble" }).waitFor();
    expect(page.url()).toMatch(/#\/dashboard$/);
    await page.getByRole("button", { name: /^Rappels en retard: 0/ }).waitFor();
    // Recharts has drawn the bars of today's calls (three reports taken → three calls).
    await page.locator(".recharts-bar-rectangle").first().waitFor();
    await screenshot(page, "dashboard");

    await page.getByRole("radiogroup", { name: "Affichage de Rapports d'erreur ouverts" }).getByText("Tableau").click();
    const table = page.getByRole("table", { name: "Rapports d'erreur ouverts" });
    await expect.poll(() => table.getByRole("row").allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Nouveau\s+0\s+1\s+0\s+0\s+1$/), expect.stringMatching(/^Trié\s+0\s+0\s+0\s+2\s+2$/)]),
    );
    await page.getByRole("radiogroup", { name: "Affichage de Appels par jour (30 derniers jours)" }).getByText("Tableau").click();
    const calls = page.getByRole("table", { name: "Appels par jour (30 derniers jours)" });
    const today = new Intl.DateTimeFormat("de-CH", { timeZone: "Europe/Zurich", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date());
    const newest = await calls.getByRole("row").nth(1).innerText();
    expect(newest.startsWith(today)).toBe(true);
    expect(newest).toMatch(/\s3$/);
    await screenshot(page, "dashboard-tables");
    await page.context().close();
  });

  it("opens the support queue filtered as the bar of the open-reports chart that was clicked", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, MANAGER);
    const card = page.getByRole("heading", { name: "Rapports d'erreur ouverts" }).locator("xpath=ancestor::div[contains(@class, 'mantine-Paper-root')][1]");
    // Two bars: "new" (normal) and "triaged" (critical), drawn top to bottom.
    const bars = card.locator(".recharts-bar-rectangle");
    await expect.poll(() => bars.count()).toBe(2);
    await bars.last().click();
    await page.waitForURL(/#\/reports$/);
    const queue = page.getByRole("table", { name: "Rapports d'erreur" });
    await expect.poll(() => queue.innerText()).toContain(`ER-${YEAR}-00003`);
    const text = await queue.innerText();
    expect(text).toContain(`ER-${YEAR}-00002`);
    expect(text).not.toContain(`ER-${YEAR}-00001`);
    await page.context().close();
  });

  it("filters error reports, previews them, exports CSV with progress to 100 % and downloads the file", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, MANAGER);
    await page.getByRole("link", { name: /^Exports/ }).click();
    await page.getByRole("heading", { name: "Exports" }).waitFor();

    await page.getByRole("combobox", { name: "Liste" }).selectOption({ label: "Rapports d'erreur" });
    // The shared multi-choice filter's label does not name its button (Popover.Target replaces the
    // button's id): reach the button beside the label.
    await page.getByRole("group", { name: "Filtres" }).getByRole("button", { name: /^Statut / }).click();
    await page.getByRole("checkbox", { name: "Trié" }).check();
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Aperçu" }).click();
    await page.getByText("Aperçu : 2 premières lignes sur 2").waitFor();
    const preview = page.getByRole("table", { name: "Aperçu de l'export" });
    expect(await preview.getByRole("row").count()).toBe(3);
    await expect.poll(() => preview.innerText()).toContain(`ER-${YEAR}-00003`);
    // Caller text is shown as text: the formula is not evaluated, nothing is rendered as markup.
    expect(await preview.innerText()).toContain('=HYPERLINK("http://x")');
    await screenshot(page, "exports-preview");

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Exporter" }).click();
    const download = await downloading;
    await page.getByText("2 / 2 lignes · 100 %").waitFor();
    await page.getByText(/Export terminé : 2 lignes/).waitFor();
    await screenshot(page, "exports-done");

    expect(download.suggestedFilename()).toMatch(/^errorReports-\d{12}\.csv$/);
    const text = readFileSync((await download.path())!, "utf8");
    const rows = parse(text, { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]).toEqual(["Référence", "Créé le", "Statut", "Gravité", "Produit", "Version", "Titre", "Rapporteur", "Assigné à", "Prochain rappel", "Modifié le"]);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3], r[6], r[7]])).toEqual([
      // The words the queue and the filter show (common/labels.ts), not the stored codes.
      [`ER-${YEAR}-00002`, label("reportStatus", "triaged", "fr"), label("severity", "critical", "fr"), 'Facture; « TVA » "8,1 %"\nsur deux lignes', "Émilie O'Neil"],
      [`ER-${YEAR}-00003`, label("reportStatus", "triaged", "fr"), label("severity", "critical", "fr"), "'=HYPERLINK(\"http://x\")", "سارة العلي"],
    ]);
    expect(rows[1]![1]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    await page.context().close();
  });

  it("is the only one, with administrators, to see exports in the rail; an agent is told to ask for the right", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, AGENT);
    expect(await page.getByRole("link", { name: /^Exports/ }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /^Vue d'ensemble/ }).count()).toBe(0);
    await page.evaluate(() => {
      window.location.hash = "#/exports";
    });
    await page.getByText("Votre compte n'a pas le droit d'exporter.").waitFor();
    await page.context().close();
  });

  it("may export once an administrator ticks them in the export right of the users screen", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, ADMIN);
    await page.evaluate(() => {
      window.location.hash = "#/admin/users";
    });
    const grants = page.getByRole("group", { name: "Droit d'exporter" });
    await grants.getByRole("checkbox", { name: "Alice Agent (alice)" }).check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Droits d'export enregistrés.").waitFor();
    await grants.scrollIntoViewIfNeeded();
    await screenshot(page, "exports-grants");
    await page.context().close();

    const agent = await app.api.login(AGENT.username, AGENT.password);
    const preview = await app.api.value<{ total: number }>("exports.preview", { recordSet: "errorReports" }, agent);
    expect(preview.total).toBe(3);

    // The rail now offers Exports to the agent too.
    const { page: agentPage } = await openPage(browser);
    agentPage.setDefaultTimeout(10_000);
    await signIn(agentPage, AGENT);
    await agentPage.getByRole("link", { name: /^Exports/ }).waitFor();
    await agentPage.context().close();
  });
});
