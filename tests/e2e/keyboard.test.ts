import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/**
 * The call flow from the keyboard (issue 14): Ctrl+Enter saves every form, the focus comes back
 * to what opened a dialog, an email is corrected in place, the card starts a report or a training
 * request for its person, and every shortcut in the help works in a plain browser.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "agent", displayName: "Alice Martin", password: "agent password 1" };
const MANAGER = { username: "manager", displayName: "Marc Gérant", password: "manager password" };

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let agent: string;
const ids = { jean: 0, lea: 0 };

type Card = { id: number; emails: { id: number; email: string }[]; phones: { id: number; display: string }[] };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const admin = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  await app.api.createUser(admin, { ...AGENT, role: "agent" });
  await app.api.createUser(admin, { ...MANAGER, role: "manager" });
  agent = await app.api.login(AGENT.username, AGENT.password);
  const manager = await app.api.login(MANAGER.username, MANAGER.password);
  await app.api.value("courses.save", { code: "JC-101", titleFr: "JetCompta : les bases", titleEn: "JetCompta basics", languages: ["fr"], durationValue: 2, durationUnit: "days", format: "premises" }, manager);
  await app.api.value("products.save", { name: "JetCompta", versions: ["5.2"] }, admin);
  const create = async (key: keyof typeof ids, input: Record<string, unknown>) => {
    ids[key] = (await app.api.value<Card>("people.create", input, agent)).id;
  };
  await create("jean", {
    firstName: "Jean",
    lastName: "Dupont",
    phones: [{ number: "022 735 33 92", kind: "work" }, { number: "079 123 45 67", kind: "mobile" }],
    emails: [{ email: "jean.dupont@exemple.ch" }],
  });
  await create("lea", { firstName: "Léa", lastName: "Rochat", phones: [{ number: "079 555 12 34" }], emails: [{ email: "lea.rochat@gmial.com" }] });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.stop();
});

async function signedIn(user: { username: string; password: string } = AGENT): Promise<Page> {
  const { context, page } = await openPage(browser);
  contexts.push(context);
  page.setDefaultTimeout(10_000);
  await page.goto(app.url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(user.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await lookupBox(page).waitFor();
  return page;
}

const lookupBox = (page: Page) => page.getByRole("textbox", { name: "Recherche globale" });
const field = (scope: Page | Locator, name: string) => scope.getByRole("textbox", { name, exact: true });

async function openCard(page: Page, personId: number, name: string): Promise<void> {
  await page.goto(`${app.origin}/#/people/${personId}`);
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** What has the focus, as a user would name it: its accessible label or its text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return "(body)";
    return active.getAttribute("aria-label") ?? active.textContent?.trim() ?? active.tagName;
  });
}

/** Waits until the dialog has faded out of the page. */
async function closed(dialog: Locator): Promise<void> {
  await dialog.waitFor({ state: "detached" });
}

describe("Ctrl+Enter saves every form", () => {
  it("saves the new-person form from any field", async () => {
    const page = await signedIn();
    await page.goto(`${app.origin}/#/people/new`);
    const form = page.getByRole("form", { name: "Nouvelle personne" });
    await form.waitFor();
    await field(form, "Prénom").fill("Anna");
    await field(form, "Nom").fill("Keller");
    await field(form, "E-mail").fill("anna.keller@exemple.ch");
    await field(form, "E-mail").press("Control+Enter");
    await page.getByRole("heading", { level: 1, name: /Anna Keller/ }).waitFor();
    expect(page.url()).toMatch(/#\/people\/\d+$/);
  });

  it("saves the training request form, even from its notes where Enter is a new line", async () => {
    const page = await signedIn();
    await page.goto(`${app.origin}/#/training/new?personId=${ids.lea}`);
    const form = page.getByRole("form", { name: "Nouvelle demande de formation" });
    await form.waitFor();
    await form.getByRole("combobox", { name: "Formation" }).click();
    await page.getByRole("option", { name: "JC-101 — JetCompta : les bases" }).click();
    const notes = field(form, "Remarques");
    await notes.fill("Deux personnes");
    await notes.press("Enter");
    await notes.pressSequentially("de la comptabilité.");
    expect(await notes.inputValue()).toBe("Deux personnes\nde la comptabilité.");
    await notes.press("Control+Enter");
    await page.getByRole("heading", { name: /^Demande n° \d+$/ }).waitFor();
    const card = await app.api.value<{ training: { courseCode: string }[] }>("people.get", { id: ids.lea }, agent);
    expect(card.training.map((r) => r.courseCode)).toEqual(["JC-101"]);
  });

  it("saves with ⌘+Enter too (a Mac keyboard)", async () => {
    const page = await signedIn();
    await page.goto(`${app.origin}/#/people/new`);
    const form = page.getByRole("form", { name: "Nouvelle personne" });
    await field(form, "Nom").fill("Meta");
    await field(form, "Nom").press("Meta+Enter");
    await page.getByRole("heading", { level: 1, name: /Meta/ }).waitFor();
  });
});

describe("the focus comes back to what opened a dialog", () => {
  it("after Esc, after Ctrl+Enter, after a confirmation, from every kind of dialog on the card", async () => {
    const page = await signedIn();
    await openCard(page, ids.jean, "Jean Dupont");

    // A form dialog closed with Esc.
    const editIdentity = page.getByRole("button", { name: "Modifier l'identité" });
    await editIdentity.click();
    const identity = page.getByRole("dialog", { name: /Modifier l'identité de Jean Dupont/ });
    await identity.waitFor();
    await page.keyboard.press("Escape");
    await closed(identity);
    await expect.poll(() => focused(page)).toBe("Modifier l'identité");

    // A form dialog saved with Ctrl+Enter.
    const logCall = page.getByRole("button", { name: /Consigner l'appel/ });
    await logCall.focus();
    await page.keyboard.press("Enter");
    const log = page.getByRole("dialog", { name: /Consigner l'appel/ });
    await field(log, "Résumé").fill("Demande le mode d'emploi.");
    await field(log, "Résumé").press("Control+Enter");
    await closed(log);
    await expect.poll(() => focused(page)).toMatch(/^Consigner l'appel/);

    // A plain dialog (the history), closed with Esc.
    await page.getByRole("button", { name: "Historique", exact: true }).click();
    const history = page.getByRole("dialog", { name: /Historique des modifications/ });
    await history.waitFor();
    await page.keyboard.press("Escape");
    await closed(history);
    await expect.poll(() => focused(page)).toBe("Historique");

    // A confirmation dismissed with Esc: back on the row's own button.
    await page.getByRole("button", { name: "Supprimer le 079 123 45 67" }).click();
    const confirm = page.getByRole("dialog", { name: "Supprimer ce numéro ?" });
    await confirm.waitFor();
    await page.keyboard.press("Escape");
    await closed(confirm);
    await expect.poll(() => focused(page)).toBe("Supprimer le 079 123 45 67");

    // Confirmed: the row (and its button) are gone; the focus stays in the phones, not at the top.
    await page.keyboard.press("Enter");
    await confirm.waitFor();
    await confirm.getByRole("button", { name: "Supprimer" }).click();
    await closed(confirm);
    await page.getByRole("button", { name: "Supprimer le 079 123 45 67" }).waitFor({ state: "detached" });
    await expect.poll(() => focused(page)).toMatch(/022 735 33 92|^Ajouter$/);
  });
});

describe("an email is corrected in place", () => {
  it("edits the address from its row: same entry, the history keeps both spellings", async () => {
    const page = await signedIn();
    await openCard(page, ids.lea, "Léa Rochat");
    const edit = page.getByRole("button", { name: "Modifier lea.rochat@gmial.com" });
    await edit.click();
    const dialog = page.getByRole("dialog", { name: "Modifier l'e-mail" });
    const email = field(dialog, "E-mail");
    expect(await email.inputValue()).toBe("lea.rochat@gmial.com");
    await screenshot(page, "keyboard-01-edit-email");
    await email.fill("lea.rochat@gmail.com");
    await email.press("Control+Enter");
    await closed(dialog);
    await page.getByText("lea.rochat@gmail.com", { exact: true }).waitFor();
    expect(await page.getByText("lea.rochat@gmial.com", { exact: true }).count()).toBe(0);
    await expect.poll(() => focused(page)).toBe("Modifier lea.rochat@gmail.com");

    const card = await app.api.value<Card>("people.get", { id: ids.lea }, agent);
    expect(card.emails.map((e) => e.email)).toEqual(["lea.rochat@gmail.com"]);
    const history = await app.api.value<{ field: string; oldValue: string | null; newValue: string | null }[]>("people.history", { id: ids.lea }, agent);
    expect(history).toContainEqual(expect.objectContaining({ field: "emails", oldValue: "lea.rochat@gmial.com", newValue: "lea.rochat@gmail.com" }));
  });
});

describe("the card starts a report or a training request for its person", () => {
  it("offers both, each opening its form with the person chosen", async () => {
    const page = await signedIn();
    await openCard(page, ids.jean, "Jean Dupont");
    await screenshot(page, "keyboard-02-card-new-report-training");
    await page.getByRole("link", { name: /Nouveau rapport d'erreur/ }).click();
    await page.getByRole("form", { name: "Nouveau rapport d'erreur" }).waitFor();
    expect(page.url()).toContain(`#/reports/new?personId=${ids.jean}`);
    await page.getByText("Jean Dupont").first().waitFor();

    await openCard(page, ids.jean, "Jean Dupont");
    await page.getByRole("link", { name: /Nouvelle demande de formation/ }).click();
    const form = page.getByRole("form", { name: "Nouvelle demande de formation" });
    await form.waitFor();
    expect(page.url()).toContain(`#/training/new?personId=${ids.jean}`);
    await page.getByRole("complementary", { name: "Interlocuteur" }).getByRole("link", { name: "Jean Dupont" }).waitFor();
  });
});

/** Keys Chromium keeps for itself, before a page sees them (new window, new tab, close tab…). */
const BROWSER_KEYS = new Set(["Control+N", "Control+T", "Control+W", "Control+Shift+N", "Control+Shift+T", "Control+Shift+W", "Control+Tab", "Control+PageUp", "Control+PageDown", "Alt+F", "Alt+E", "Alt+D"]);

/** "Ctrl + K / F2" as shown in the help → ["Control+K", "F2"] as Playwright presses them. */
function chordsOf(shown: string): string[] {
  return shown
    .replace(/\s+/g, "")
    .split("/")
    .map((chord) =>
      chord
        .split("+")
        .map((key) => (key === "Ctrl" ? "Control" : key))
        .join("+"),
    );
}

describe("every shortcut in the help works in a browser", () => {
  it("reads each key from the help, presses it, and sees what the help says", async () => {
    const page = await signedIn();
    await page.getByRole("heading", { level: 1 }).first().click();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Raccourcis clavier" });
    const everywhere = help.getByRole("table", { name: "Partout" });
    await everywhere.waitFor();
    const rows = await everywhere.getByRole("row").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td as HTMLElement).innerText)));
    await page.keyboard.press("Escape");
    await closed(help);

    const home = async () => {
      await page.goto(`${app.origin}/#/`);
      await lookupBox(page).waitFor();
      await page.getByRole("heading", { level: 1 }).first().click();
    };
    const checks: Record<string, (keys: string) => Promise<void>> = {
      "Rechercher un appelant": async (keys) => {
        await home();
        await page.keyboard.press(keys);
        await expect.poll(() => focused(page)).toBe("Recherche globale");
      },
      "Nouvelle personne": async (keys) => {
        await home();
        await page.keyboard.press(keys);
        await page.getByRole("heading", { level: 1, name: "Nouvelle personne" }).waitFor();
      },
      "Nouveau rapport d'erreur": async (keys) => {
        await openCard(page, ids.jean, "Jean Dupont");
        await page.keyboard.press(keys);
        await page.getByRole("form", { name: "Nouveau rapport d'erreur" }).waitFor();
        expect(page.url()).toContain(`#/reports/new?personId=${ids.jean}`);
      },
      "Nouvelle demande de formation": async (keys) => {
        await openCard(page, ids.jean, "Jean Dupont");
        await page.keyboard.press(keys);
        await page.getByRole("form", { name: "Nouvelle demande de formation" }).waitFor();
        expect(page.url()).toContain(`#/training/new?personId=${ids.jean}`);
      },
      "Verrouiller la session": async (keys) => {
        await home();
        await page.keyboard.press(keys);
        const overlay = page.getByRole("dialog", { name: "Session verrouillée" });
        await overlay.waitFor();
        await field(overlay, "Mot de passe").fill(AGENT.password);
        await page.keyboard.press("Enter");
        await overlay.waitFor({ state: "detached" });
      },
      "Aller à une section du menu de gauche": async (keys) => {
        await home();
        const sections = page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link");
        const count = await sections.count();
        expect(count).toBeGreaterThan(1);
        for (const n of [2, 1]) {
          await page.keyboard.press(keys.replace("1…9", String(n)));
          await expect.poll(() => sections.nth(n - 1).getAttribute("aria-current")).toBe("page");
        }
      },
      "Afficher cette aide": async (keys) => {
        await home();
        await page.keyboard.press(keys);
        await help.waitFor();
        await page.keyboard.press("Escape");
        await closed(help);
      },
    };

    expect(rows.map(([, label]) => label).sort()).toEqual(Object.keys(checks).sort());
    for (const [shown = "", label = ""] of rows) {
      for (const keys of chordsOf(shown)) {
        expect(BROWSER_KEYS.has(keys), `${keys} (${label}) is the browser's`).toBe(false);
        await checks[label]!(keys);
      }
    }
  });
});
