import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function newPage(options: { fakeClock?: boolean } = {}): Promise<Page> {
  const { context, page } = await openPage(browser);
  contexts.push(context);
  page.setDefaultTimeout(10_000);
  if (options.fakeClock) await page.clock.install();
  await page.goto(app.url);
  return page;
}

/** A text field by its accessible name (the required-field asterisk is not part of it). */
const field = (scope: Page | Locator, name: string) => scope.getByRole("textbox", { name, exact: true });

const lookupBox = (page: Page) => page.getByRole("textbox", { name: /^(Recherche globale|Global lookup)$/ });

async function signIn(page: Page, username: string, password: string) {
  await page.getByRole("textbox", { name: /^(Nom d'utilisateur|Username)$/ }).fill(username);
  await page.getByRole("textbox", { name: /^(Mot de passe|Password)$/ }).fill(password);
  await page.getByRole("button", { name: /^(Se connecter|Sign in)$/ }).click();
}

/** The FR | EN switch, clicked on its visible label like a person would. */
async function chooseLanguage(page: Page, language: "FR" | "EN") {
  await page.getByRole("radiogroup", { name: /^(Langue de l'interface|Interface language)$/ }).getByText(language, { exact: true }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: /^(Se déconnecter|Sign out)$/ }).click();
  await page.getByRole("button", { name: /^(Se connecter|Sign in)$/ }).waitFor();
}

async function isFocused(page: Page, name: Parameters<Page["getByRole"]>[1]) {
  return page.getByRole("textbox", name).evaluate((element) => element === document.activeElement);
}

describe("foundation", () => {
  it("asks for an administrator on first start and signs them in", async () => {
    const page = await newPage();
    await page.getByRole("heading", { name: "Première mise en service" }).waitFor();
    // The launch token left the address bar before anything else could read it.
    expect(page.url()).not.toContain("token=");
    await screenshot(page, "01-setup");

    await field(page, "Nom d'utilisateur").fill(ADMIN.username);
    await field(page, "Nom affiché").fill(ADMIN.displayName);
    await field(page, "Mot de passe").fill(ADMIN.password);
    await field(page, "Confirmer le mot de passe").fill("something else");
    await page.getByRole("button", { name: "Créer l'administrateur" }).click();
    await page.getByText("Les deux mots de passe ne correspondent pas.").waitFor();

    await field(page, "Confirmer le mot de passe").fill(ADMIN.password);
    await page.getByRole("button", { name: "Créer l'administrateur" }).click();
    await lookupBox(page).waitFor();
    await page.getByRole("link", { name: "Administration" }).waitFor();
    expect((await app.api.value<{ needsAdmin: boolean }>("setup.status")).needsAdmin).toBe(false);

    // A reload keeps the session (token and session survive in the tab's sessionStorage).
    await page.reload();
    await lookupBox(page).waitFor();
  });

  it("shows the login error inline, then signs in", async () => {
    const page = await newPage();
    await page.getByRole("heading", { name: "Connexion" }).waitFor();
    await screenshot(page, "02-login");

    await signIn(page, ADMIN.username, "wrong password");
    const alert = page.getByRole("alert").filter({ hasText: "Nom d'utilisateur ou mot de passe incorrect." });
    await alert.waitFor();
    await screenshot(page, "03-login-error");

    await signIn(page, ADMIN.username, ADMIN.password);
    await lookupBox(page).waitFor();
    await page.getByRole("heading", { name: "Trouver l'interlocuteur" }).waitFor();
    await screenshot(page, "04-lookup-fr");
  });

  it("loads every file the page asks for, its icon included (no 404 in the browser's console)", async () => {
    const { context, page } = await openPage(browser);
    contexts.push(context);
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith("/api/")) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.goto(app.url);
    await page.getByRole("heading", { name: "Connexion" }).waitFor();
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    expect(icon).toMatch(/\.svg$/);
    const fetched = await page.evaluate(async (href) => (await fetch(href!)).headers.get("content-type"), icon);
    expect(fetched).toBe("image/svg+xml");
    expect(failed).toEqual([]);
  });

  it("switches to English and back, and remembers the choice for the user", async () => {
    const page = await newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole("link", { name: "Recherche" }).waitFor();

    await chooseLanguage(page, "EN");
    await page.getByRole("link", { name: "Lookup" }).waitFor();
    await page.getByRole("heading", { name: "Find the caller" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await screenshot(page, "05-lookup-en");

    // Signed out and signed in again without touching the switch: the account comes back in English.
    await signOut(page);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole("link", { name: "Lookup" }).waitFor();

    // The choice made on the login page is the choice (issue 14): French there, French inside, and
    // saved as this user's language.
    await signOut(page);
    await chooseLanguage(page, "FR");
    await page.getByRole("heading", { name: "Connexion" }).waitFor();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole("link", { name: "Recherche" }).waitFor();
    await signOut(page);
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole("link", { name: "Rapports d'erreur" }).waitFor();
  });

  it("puts the cursor in the lookup box with Ctrl+K and F2 from any screen", async () => {
    const page = await newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await lookupBox(page).waitFor();

    await page.getByRole("link", { name: "Exports" }).click();
    await page.getByRole("heading", { name: "Exports" }).waitFor();
    await page.getByRole("link", { name: "Exports" }).focus();
    expect(await isFocused(page, { name: "Recherche globale" })).toBe(false);
    await page.keyboard.press("Control+K");
    await expect.poll(() => isFocused(page, { name: "Recherche globale" })).toBe(true);

    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Utilisateurs" }).waitFor();
    await page.getByRole("button", { name: "Nouvel utilisateur" }).focus();
    await page.keyboard.press("F2");
    await expect.poll(() => isFocused(page, { name: "Recherche globale" })).toBe(true);
  });

  it("locks after the idle delay and unlocks with the password, keeping what was typed", async () => {
    const page = await newPage({ fakeClock: true });
    await signIn(page, ADMIN.username, ADMIN.password);

    // The delay is an administrator's setting; this desk follows it as soon as it is saved.
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Réglages" }).click();
    const idle = page.getByRole("textbox", { name: "Verrouillage après inactivité (minutes)" });
    await expect.poll(() => idle.inputValue()).toBe("15");
    // Beside it, the absolute lifetime of a session, however active (default 12 h).
    expect(await page.getByRole("textbox", { name: "Durée maximale d'une session (heures)" }).inputValue()).toBe("12");
    await idle.fill("1");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("alert").filter({ hasText: "Réglages enregistrés." }).waitFor();
    await screenshot(page, "13-admin-settings");

    await lookupBox(page).fill("022 735 33 92");

    await page.clock.fastForward("01:05");
    const overlay = page.getByRole("dialog", { name: "Session verrouillée" });
    await overlay.waitFor();
    await screenshot(page, "06-lock-overlay");

    await field(overlay, "Mot de passe").fill("not my password");
    await overlay.getByRole("button", { name: "Déverrouiller" }).click();
    await overlay.getByText("Mot de passe incorrect.").waitFor();

    await field(overlay, "Mot de passe").fill(ADMIN.password);
    await overlay.getByRole("button", { name: "Déverrouiller" }).click();
    await overlay.waitFor({ state: "detached" });
    expect(await lookupBox(page).inputValue()).toBe("022 735 33 92");
    await expect.poll(() => isFocused(page, { name: "Recherche globale" })).toBe(true);

    // Ctrl+L locks at once; the text is still there afterwards too.
    await page.keyboard.press("Control+L");
    await overlay.waitFor();
    await field(overlay, "Mot de passe").fill(ADMIN.password);
    await page.keyboard.press("Enter");
    await overlay.waitFor({ state: "detached" });
    expect(await lookupBox(page).inputValue()).toBe("022 735 33 92");

    const admin = await app.api.login(ADMIN.username, ADMIN.password);
    await app.api.value("settings.update", { "session.idleMinutes": 15 }, admin);
  });

  it("shows the lock overlay when the server answers LOCKED", async () => {
    const page = await newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await lookupBox(page).fill("Dupont");
    // The lookup's answer first: a search still waiting for the typing pause would meet the lock
    // itself and bring the overlay up before the click this test makes.
    await page.getByText("Personne ne correspond à « Dupont ».").waitFor();
    const sessionId = await page.evaluate(() => sessionStorage.getItem("jetinfo.sessionId"));
    expect(sessionId).toBeTruthy();
    await app.api.value("session.lock", {}, sessionId ?? undefined);

    // Nothing to click: the live-updates call the page holds is answered LOCKED at once, so the
    // desk locks as soon as the server has locked its session.
    const overlay = page.getByRole("dialog", { name: "Session verrouillée" });
    await overlay.waitFor();
    await field(overlay, "Mot de passe").fill(ADMIN.password);
    await overlay.getByRole("button", { name: "Déverrouiller" }).click();
    await overlay.waitFor({ state: "detached" });
    expect(await lookupBox(page).inputValue()).toBe("Dupont");
  });

  it("lets the administrator create an agent, who does not see Administration", async () => {
    const page = await newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Utilisateurs", selected: true }).waitFor();

    await page.getByRole("button", { name: "Nouvel utilisateur" }).click();
    const dialog = page.getByRole("dialog", { name: "Nouvel utilisateur" });
    await field(dialog, "Nom d'utilisateur").fill("amartin");
    await field(dialog, "Nom affiché").fill("Alice Martin");
    await dialog.getByRole("combobox", { name: "Rôle" }).selectOption("agent");
    await field(dialog, "Mot de passe initial").fill("short");
    await dialog.getByRole("button", { name: "Nouvel utilisateur" }).click();
    // The server's validation message lands under the field it is about.
    await dialog.getByText("Au moins 10 caractères.", { exact: true }).waitFor();

    await field(dialog, "Mot de passe initial").fill("agent password 1");
    await dialog.getByRole("button", { name: "Nouvel utilisateur" }).click();
    await dialog.waitFor({ state: "detached" });
    const row = page.getByRole("row").filter({ hasText: "amartin" });
    await row.getByText("Agent").waitFor();
    await page.getByRole("alert").filter({ hasText: "Utilisateur amartin créé." }).waitFor();
    await screenshot(page, "07-admin-users");

    await signOut(page);
    await signIn(page, "amartin", "agent password 1");
    await lookupBox(page).waitFor();
    await page.getByRole("link", { name: "Protection des données" }).waitFor();
    // Exports only once an administrator grants the right (tests/e2e/exports.test.ts).
    expect(await page.getByRole("link", { name: /^Exports/ }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Administration" }).count()).toBe(0);
    // Typing the address does not help either.
    await page.evaluate(() => {
      window.location.hash = "#/admin/users";
    });
    await page.getByRole("heading", { name: "Trouver l'interlocuteur" }).waitFor();
    expect(await page.getByRole("tab", { name: "Utilisateurs" }).count()).toBe(0);
  });

  it("shows the administrator the audit log with its entries, filters and integrity check", async () => {
    const page = await newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Journal d'audit" }).click();

    const table = page.getByRole("table", { name: "Entrées du journal d'audit" });
    await table.getByRole("cell", { name: "Création d'utilisateur" }).first().waitFor();
    await table.getByRole("cell", { name: "Création de l'administrateur" }).waitFor();
    // Swiss date and time in every row.
    const firstDate = await table.getByRole("row").nth(1).getByRole("cell").first().innerText();
    expect(firstDate).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);

    await page.getByRole("button", { name: "Vérifier l'intégrité" }).click();
    await page.getByRole("status").filter({ hasText: "Journal intègre" }).waitFor();
    await screenshot(page, "08-audit-log");

    // Someone with the file drops a guard: the check says so, in words, though no entry changed.
    const raw = new Database(join(app.dataDir, "jetinfo-crm.sqlite"));
    const guard = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'").pluck().get() as string;
    raw.exec("DROP TRIGGER audit_log_no_delete");
    await page.getByRole("button", { name: "Vérifier l'intégrité" }).click();
    await page.getByRole("status").filter({ hasText: "La protection qui empêche de modifier le journal a été supprimée ou changée." }).waitFor();
    await screenshot(page, "08b-audit-log-guard-dropped");
    // Put back as it was, for the tests that follow on this app.
    raw.exec(guard);
    raw.close();

    // Server-side filter: only user creations remain.
    await page.getByRole("combobox", { name: "Action" }).click();
    await page.getByRole("option", { name: "Création d'utilisateur" }).click();
    await expect
      .poll(async () => (await table.getByRole("row").allInnerTexts()).slice(1).every((text) => text.includes("Création d'utilisateur")))
      .toBe(true);
    await page.getByText(/^1–\d+ sur \d+$/).waitFor();
  });

  it("gives a manager the audit log and nothing else of Administration", async () => {
    const admin = await app.api.login(ADMIN.username, ADMIN.password);
    await app.api.createUser(admin, { username: "mgr", displayName: "Marc Gérant", role: "manager", password: "manager password" });

    const page = await newPage();
    await signIn(page, "mgr", "manager password");
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Journal d'audit", selected: true }).waitFor();
    expect(await page.getByRole("tab").count()).toBe(1);
    const table = page.getByRole("table", { name: "Entrées du journal d'audit" });
    await table.getByRole("cell", { name: "Connexion" }).first().waitFor();
    await screenshot(page, "10-manager-audit");
  });

  it("reports a concurrent change in the toast area with the server's message", async () => {
    const page = await newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("button", { name: "Modifier amartin" }).click();
    const dialog = page.getByRole("dialog", { name: "Modifier amartin" });
    await field(dialog, "Nom affiché").fill("Alice Martin-Favre");

    // Someone else saves the same account first.
    const admin = await app.api.login(ADMIN.username, ADMIN.password);
    const users = await app.api.value<{ id: number; username: string; version: number }[]>("users.list", {}, admin);
    const alice = users.find((user) => user.username === "amartin");
    await app.api.value("users.update", { id: alice?.id, version: alice?.version, language: "en" }, admin);

    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByRole("alert").filter({ hasText: "Quelqu'un a modifié cet élément entre-temps." }).waitFor();
    await screenshot(page, "11-toast-conflict");
  });

  it("returns to the login screen when the server ends the session", async () => {
    const admin = await app.api.login(ADMIN.username, ADMIN.password);
    await app.api.createUser(admin, { username: "bdurand", displayName: "Bruno Durand", role: "support", password: "support password" });

    const page = await newPage();
    await signIn(page, "bdurand", "support password");
    await lookupBox(page).fill("ER-2024-0042");

    const users = await app.api.value<{ id: number; username: string; version: number }[]>("users.list", {}, admin);
    const bruno = users.find((user) => user.username === "bdurand");
    await app.api.value("users.resetPassword", { id: bruno?.id, password: "a brand new password" }, admin);

    // The next call this desk makes is refused: back to the login screen, saying why in the
    // language just chosen (the server, without a session, would have answered in French).
    await chooseLanguage(page, "EN");
    await page.getByRole("status").filter({ hasText: "Your session has ended. Please sign in again." }).waitFor();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await screenshot(page, "12-session-ended");
  });

  it("asks for the full launch address when the page is opened without its token", async () => {
    const { context, page } = await openPage(browser);
    contexts.push(context);
    await page.goto(`${app.origin}/`);
    await page.getByRole("heading", { name: "Adresse de lancement incomplète" }).waitFor();
  });
});
