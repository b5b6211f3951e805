import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

const ADMIN = { username: "admin", password: "correct horse battery" };

let app: RunningApp;
let browser: Browser;
let adminSession: string;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  adminSession = await app.api.createAdmin(ADMIN.username, ADMIN.password, "Claire Admin");
  await app.api.value("people.create", { firstName: "Jean", lastName: "Avant", phones: [{ number: "022 735 33 92" }] }, adminSession);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signIn(page: Page) {
  await page.getByRole("textbox", { name: /^(Nom d'utilisateur|Username)$/ }).fill(ADMIN.username);
  await page.getByRole("textbox", { name: /^(Mot de passe|Password)$/ }).fill(ADMIN.password);
  await page.getByRole("button", { name: /^(Se connecter|Sign in)$/ }).click();
  await page.getByRole("link", { name: "Administration" }).waitFor();
}

const backupRows = (page: Page) => page.getByRole("table", { name: "Sauvegardes" }).locator("tbody tr");

describe("backups and diagnostics", () => {
  it("backs up now, lists the copy, restores it after a confirmation naming its date, and asks to log in again", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(app.url);
    await signIn(page);
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Sauvegardes" }).click();
    // The start-up backup is there already.
    await backupRows(page).filter({ hasText: "Automatique" }).first().waitFor();
    const before = await backupRows(page).count();

    await page.getByRole("button", { name: "Sauvegarder maintenant" }).click();
    await page.getByText(/^Sauvegarde créée et vérifiée \(\d/).waitFor();
    await expect.poll(() => backupRows(page).count()).toBe(before + 1);
    const manual = backupRows(page).filter({ hasText: "Manuelle" });
    expect(await manual.count()).toBe(1);
    const date = (await manual.locator("td").first().innerText()).trim();
    expect(date).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(await manual.locator("td").nth(2).innerText()).toMatch(/\d.*(ko|Mo)$/);
    await screenshot(page, "backups-01-list");

    // Work done after the backup, which the restore takes away.
    await app.api.value("people.create", { firstName: "Paul", lastName: "Après" }, adminSession);

    await manual.getByRole("button", { name: `Restaurer la sauvegarde du ${date}` }).click();
    const dialog = page.getByRole("dialog", { name: `Restaurer la sauvegarde du ${date} ?` });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole("button", { name: "Annuler" }).evaluate((b) => b === document.activeElement)).toBe(true);
    await screenshot(page, "backups-02-confirm");
    await dialog.getByRole("button", { name: "Restaurer", exact: true }).click();

    await page.getByRole("button", { name: "Se connecter" }).waitFor();
    await page.getByText(`Sauvegarde du ${date} restaurée. Reconnectez-vous.`).waitFor();
    await screenshot(page, "backups-03-login-after-restore");

    await signIn(page);
    adminSession = await app.api.login(ADMIN.username, ADMIN.password);
    expect(await app.api.value<unknown[]>("people.search", { q: "Après" }, adminSession)).toEqual([]);
    expect(await app.api.value<unknown[]>("people.search", { q: "Avant" }, adminSession)).toHaveLength(1);

    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Sauvegardes" }).click();
    await backupRows(page).filter({ hasText: "Avant restauration" }).waitFor();
    await screenshot(page, "backups-04-after-restore");
  });

  it("shows the diagnostics with the schema version and checks integrity on demand", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(app.url);
    await signIn(page);
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Diagnostic" }).click();

    const info = await app.api.value<{ schemaVersion: number; appVersion: string }>("diagnostics.get", {}, adminSession);
    const table = page.getByRole("table", { name: "Informations de diagnostic" });
    await expect.poll(() => table.getByRole("row", { name: /Version du schéma de la base/ }).innerText()).toMatch(new RegExp(`\\s${info.schemaVersion}$`));
    expect(await table.getByRole("row", { name: /Version de l'application/ }).innerText()).toContain(info.appVersion);
    expect(await table.getByRole("row", { name: /Dernière sauvegarde/ }).innerText()).toMatch(/\d{2}\.\d{2}\.\d{4}/);

    await page.getByRole("button", { name: "Vérifier l'intégrité maintenant" }).click();
    await page.getByRole("status").filter({ hasText: /^Base intègre/ }).waitFor();
    await screenshot(page, "backups-05-diagnostics");

    // The backup settings live with the others, with inline errors naming the field.
    await page.getByRole("tab", { name: "Réglages" }).click();
    const keep = page.getByRole("textbox", { name: "Sauvegardes automatiques gardées" });
    await expect.poll(() => keep.inputValue()).toBe("30");
    await keep.fill("0");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Au moins 1.", { exact: true }).waitFor();
    await screenshot(page, "backups-06-settings");
    await keep.fill("12");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Réglages enregistrés.").waitFor();
    expect((await app.api.value<Record<string, unknown>>("settings.get", {}, adminSession))["backup.keep"]).toBe(12);
  });

  it("answers a crash in the page with a calm message and logs its incident without the error's text", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(app.url);
    await signIn(page);
    await page.goto(`${app.origin}/#/people/1?from=%2B41227353392`);
    await page.evaluate(() => {
      setTimeout(() => {
        throw new TypeError("Cannot read Jean Dupont +41227353392");
      });
      void Promise.reject(new RangeError("Dupont again"));
    });
    const toast = page.getByText(/^L'écran a rencontré une erreur inattendue \(incident [0-9a-f]{8}\)/);
    await expect.poll(() => toast.count()).toBe(2);
    await screenshot(page, "backups-07-crash-message");
    const incidents = (await toast.allInnerTexts()).map((text) => /incident ([0-9a-f]{8})/.exec(text)?.[1]);

    const log = () => readFileSync(join(app.dataDir, "logs", "jetinfo-crm.log"), "utf8");
    await expect.poll(log).toContain(`incident=${incidents[1]}`);
    const text = log();
    for (const incident of incidents) expect(text).toMatch(new RegExp(`ERROR renderer.failed kind=(error|unhandledrejection) route=/people/1 error=(TypeError|RangeError) incident=${incident} user=1`));
    expect(text).not.toMatch(/Dupont|41227353392|Cannot read/);
  });

  it("reads in English", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(app.url);
    await signIn(page);
    await page.getByRole("radiogroup", { name: "Langue de l'interface" }).getByText("EN", { exact: true }).click();
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Backups" }).click();
    await page.getByRole("button", { name: "Back up now" }).waitFor();
    await page.getByRole("table", { name: "Backups" }).getByText("Before restore").waitFor();
    await screenshot(page, "backups-08-english");
    await page.getByRole("tab", { name: "Diagnostics" }).click();
    await page.getByRole("table", { name: "Diagnostic information" }).getByText("Database schema version").waitFor();
  });
});
