import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { showCallScript } from "../../electron/cti";
import { pressKeyScript } from "../../electron/menu";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "agent", displayName: "Alice Martin", password: "agent password 1" };

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const admin = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  await app.api.createUser(admin, { ...AGENT, role: "agent" });
  const agent = await app.api.login(AGENT.username, AGENT.password);
  const create = (input: Record<string, unknown>) => app.api.value("people.create", input, agent);
  await create({ salutation: "mr", firstName: "Jean", lastName: "Dupont", phones: [{ number: "022 735 33 92", kind: "work" }] });
  // Two people behind one switchboard number.
  await create({ salutation: "mr", firstName: "Marc", lastName: "Favre", phones: [{ number: "021 601 44 44", kind: "work" }] });
  await create({ salutation: "ms", firstName: "Sophie", lastName: "Favre", phones: [{ number: "021 601 44 44", kind: "work" }] });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const lookupBox = (page: Page) => page.getByRole("textbox", { name: /^(Recherche globale|Global lookup)$/ });
const cardTitle = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });

async function signedIn(): Promise<Page> {
  const { context, page } = await openPage(browser);
  contexts.push(context);
  page.setDefaultTimeout(10_000);
  await page.goto(app.url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(AGENT.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(AGENT.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await lookupBox(page).waitFor();
  return page;
}

/** What the phone system does in the browser mode: open the call address in the app's tab. */
async function incomingCall(page: Page, from: string) {
  await page.goto(`${app.origin}/#/call?from=${from}`);
}

describe("caller pop-up", () => {
  it("/#/call?from=0227353392 opens the card of the one person with that number", async () => {
    const page = await signedIn();
    await incomingCall(page, "0227353392");
    await cardTitle(page, "M. Jean Dupont").waitFor();
    expect(await lookupBox(page).inputValue()).toBe("022 735 33 92");
    // The call route replaced itself: Back does not replay the call.
    expect(page.url()).toMatch(/#\/people\/\d+$/);
    await screenshot(page, "call-01-card");
  });

  it("an E.164 number, with its + unencoded, works too", async () => {
    const page = await signedIn();
    await incomingCall(page, "+41227353392");
    await cardTitle(page, "M. Jean Dupont").waitFor();
  });

  it("a number two people share shows both in the lookup", async () => {
    const page = await signedIn();
    await incomingCall(page, "%2B41216014444");
    const results = page.getByRole("grid", { name: "Résultats de la recherche" });
    await results.getByText("Marc Favre").waitFor();
    await results.getByText("Sophie Favre").waitFor();
    expect(await lookupBox(page).inputValue()).toBe("021 601 44 44");
    await screenshot(page, "call-02-several");
  });

  it("an unknown number opens the new-person form with the number filled in", async () => {
    const page = await signedIn();
    await incomingCall(page, "0795551234");
    await page.getByRole("heading", { name: "Nouvelle personne", level: 1 }).waitFor();
    expect(await page.getByRole("textbox", { name: "Téléphone", exact: true }).inputValue()).toBe("079 555 12 34");
    await screenshot(page, "call-03-new-person");
  });

  it("something that is not a phone number is refused with a message, shown as text", async () => {
    const page = await signedIn();
    await incomingCall(page, "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
    const alert = page.getByRole("alert").filter({ hasText: "Numéro d'appel non valable" });
    await alert.waitFor();
    await alert.getByText("Le système téléphonique a transmis « <img src=x onerror=alert(1)> », qui n'est pas un numéro de téléphone valable.").waitFor();
    expect(await page.locator("main img").count()).toBe(0);
    await screenshot(page, "call-04-invalid");
    await page.getByRole("button", { name: "Ouvrir la recherche" }).click();
    await page.getByRole("heading", { name: "Trouver l'interlocuteur", level: 1 }).waitFor();
  });

  it("the desktop app's hand-off script (a hash change, no reload) opens the card in the running page", async () => {
    const page = await signedIn();
    await page.evaluate(() => ((window as unknown as { e2eMarker: boolean }).e2eMarker = true));
    await page.evaluate(showCallScript("+41227353392"));
    await cardTitle(page, "M. Jean Dupont").waitFor();
    // Same document: nothing on screen was reloaded away.
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: boolean }).e2eMarker)).toBe(true);
  });
});

describe("shortcuts", () => {
  it("? opens the shortcut help, but not while typing in a field", async () => {
    const page = await signedIn();
    await lookupBox(page).fill("");
    await lookupBox(page).press("?");
    expect(await lookupBox(page).inputValue()).toBe("?");
    expect(await page.getByRole("dialog").count()).toBe(0);

    await lookupBox(page).fill("");
    await page.getByRole("heading", { name: "Trouver l'interlocuteur", level: 1 }).click();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Raccourcis clavier" });
    await help.waitFor();
    await help.getByRole("cell", { name: "Nouvelle personne" }).waitFor();
    await help.getByRole("cell", { name: "Verrouiller la session" }).waitFor();
    // Screenshot once the modal has faded in.
    await page.waitForFunction(() => {
      const content = document.querySelector(".mantine-Modal-content");
      return content !== null && getComputedStyle(content).opacity === "1";
    });
    await screenshot(page, "call-05-shortcut-help");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "detached" });
  });

  it("Alt+P opens a new person with the number from the lookup box", async () => {
    const page = await signedIn();
    await lookupBox(page).fill("079 444 33 22");
    await page.getByText("Nouvelle personne avec le 079 444 33 22").waitFor();
    await lookupBox(page).press("Alt+p");
    await page.getByRole("heading", { name: "Nouvelle personne", level: 1 }).waitFor();
    expect(await page.getByRole("textbox", { name: "Téléphone", exact: true }).inputValue()).toBe("079 444 33 22");
  });

  it("the desktop menu's items press the same keys: help, new person, lock", async () => {
    const page = await signedIn();
    await page.evaluate(pressKeyScript("help"));
    await page.getByRole("dialog", { name: "Raccourcis clavier" }).waitFor();
    await page.keyboard.press("Escape");
    await page.evaluate(pressKeyScript("newPerson"));
    await page.getByRole("heading", { name: "Nouvelle personne", level: 1 }).waitFor();
    await page.evaluate(pressKeyScript("lock"));
    await page.getByRole("button", { name: "Déverrouiller" }).waitFor();
  });
});
