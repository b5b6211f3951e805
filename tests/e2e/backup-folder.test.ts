import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { DATABASE_FILE } from "../../electron/host";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/**
 * A backup folder stored by an older version that cannot hold backups (here /proc/self): the
 * backups screen and the diagnostics still open, and both say the folder is unusable and where the
 * backups go instead.
 */

const ADMIN = { username: "admin", password: "correct horse battery" };
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  await app.api.createAdmin(ADMIN.username, ADMIN.password, "Claire Admin");
  // As an older version stored it: straight into the table, past today's check.
  const db = new Database(join(app.dataDir, DATABASE_FILE), { timeout: 5_000 });
  db.prepare("INSERT INTO settings (key, value) VALUES ('backup.folder', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify("/proc/self"));
  db.close();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("an unusable backup folder", () => {
  it("is reported on the backups screen and in the diagnostics, which still open", async () => {
    const { page } = await openPage(browser);
    page.setDefaultTimeout(10_000);
    await page.goto(app.url);
    await page.getByRole("textbox", { name: /^(Nom d'utilisateur|Username)$/ }).fill(ADMIN.username);
    await page.getByRole("textbox", { name: /^(Mot de passe|Password)$/ }).fill(ADMIN.password);
    await page.getByRole("button", { name: /^(Se connecter|Sign in)$/ }).click();
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Sauvegardes" }).click();
    await page.getByRole("alert").filter({ hasText: "Le dossier des sauvegardes choisi est inutilisable : C'est un dossier du système" }).waitFor();
    await page.getByText(join(app.dataDir, "backups")).first().waitFor();
    await screenshot(page, "backup-folder-01-backups");

    await page.getByRole("tab", { name: "Diagnostic" }).click();
    await page.getByText(/^Le dossier des sauvegardes choisi est inutilisable/).waitFor();
    await screenshot(page, "backup-folder-02-diagnostics");
  });
});
