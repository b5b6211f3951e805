import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/**
 * The lookup and the pickers as an agent meets them during a call: nothing is ever chosen from a
 * list that does not answer the text in the box (an Enter pressed before the answer waits for it),
 * every way a Swiss desk writes a number finds the caller, an unknown number offers the new-person
 * form with it filled in, and F2 then Enter reopens the caller's card. Slow answers are made
 * deterministic by holding the server's answer in the browser (page.route), not by timing.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "agent", displayName: "Alice Martin", password: "agent password 1" };

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const ids: Record<"jean" | "marie", number> = { jean: 0, marie: 0 };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const admin = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  await app.api.createUser(admin, { ...AGENT, role: "agent" });
  const agent = await app.api.login(AGENT.username, AGENT.password);
  const create = async (input: Record<string, unknown>) => (await app.api.value<{ id: number }>("people.create", input, agent)).id;
  ids.jean = await create({ salutation: "mr", firstName: "Jean", lastName: "Dupont", phones: [{ number: "022 735 33 92", kind: "work" }] });
  ids.marie = await create({ salutation: "ms", firstName: "Marie", lastName: "Kolly", phones: [{ number: "026 322 11 44", kind: "landline" }] });
  // Jean Dupont is the most recent caller: the empty lookup lists him first.
  await app.api.value("interactions.log", { personId: ids.jean, channel: "call_in", purpose: "information", summary: "Question" }, agent);
  // Two products whose names begin alike: typing one's whole name must choose that one.
  await app.api.value("products.save", { name: "JetCompta Pro", versions: ["1.0"] }, admin);
  await app.api.value("products.save", { name: "JetCompta", versions: ["5.2"] }, admin);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const lookupBox = (page: Page) => page.getByRole("textbox", { name: /^(Recherche globale|Global lookup)$/ });
const results = (page: Page) => page.getByRole("grid", { name: "Résultats de la recherche" });
const cardTitle = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });
const recentCallers = (page: Page) => page.getByRole("grid", { name: "Derniers contacts" });
const lookupTitle = (page: Page) => page.getByRole("heading", { level: 1, name: "Trouver l'interlocuteur" });

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

/** A slow server for one operation: its answers to matching inputs wait until `release()`. */
async function holdAnswers(page: Page, operation: string, matches: (input: Record<string, unknown>) => boolean) {
  const held: Route[] = [];
  let holding = true;
  await page.route(`**/api/${operation}`, async (route) => {
    if (holding && matches(route.request().postDataJSON() as Record<string, unknown>)) held.push(route);
    else await route.continue();
  });
  return {
    /** The question was asked and its answer is being held. */
    asked: () => expect.poll(() => held.length).toBeGreaterThan(0),
    async release() {
      holding = false;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

/** Lets a few frames pass: what a wrong Enter would have done by now is on screen. */
const frames = (page: Page) => page.waitForTimeout(300);

describe("nothing is chosen from a list that does not answer the text in the box", () => {
  it("lookup: pasted text, ↓ and Enter before its answer open the first row of that answer, never the recent caller; a text matching nobody offers the new person", async () => {
    const page = await signedIn();
    // The recent callers are on screen, Jean Dupont first.
    await recentCallers(page).getByText("Jean Dupont").waitFor();
    const slow = await holdAnswers(page, "people.search", (input) => input.q === "Kolly");
    await lookupBox(page).fill("Kolly");
    await lookupBox(page).press("ArrowDown");
    await lookupBox(page).press("Enter");
    await slow.asked();
    await frames(page);
    expect(page.url()).not.toMatch(/\/people\/\d+/);
    await slow.release();
    await cardTitle(page, "Mme Marie Kolly").waitFor();
    expect(page.url()).toMatch(new RegExp(`#/people/${ids.marie}$`));

    await page.goto(`${app.origin}/#/`);
    await lookupBox(page).fill("");
    await recentCallers(page).getByText("Jean Dupont").waitFor();
    const nobody = await holdAnswers(page, "people.search", (input) => input.q === "Zzyzx");
    await lookupBox(page).fill("Zzyzx");
    await lookupBox(page).press("Enter");
    await nobody.asked();
    await frames(page);
    expect(page.url()).not.toMatch(/\/people\//);
    await nobody.release();
    await page.getByRole("heading", { name: "Nouvelle personne", level: 1 }).waitFor();
  });

  it("lookup: Enter on the answer on screen opens its first row at once, even while that answer is being refreshed", async () => {
    const page = await signedIn();
    await lookupBox(page).fill("Kolly");
    await results(page).getByText("Marie Kolly").waitFor();
    await lookupBox(page).fill("");
    await recentCallers(page).getByText("Jean Dupont").waitFor();
    // Older than the cache keeps an answer fresh (5 s): coming back to "Kolly" shows that answer and asks again.
    await page.waitForTimeout(5_500);
    const refresh = await holdAnswers(page, "people.search", (input) => input.q === "Kolly");
    await lookupBox(page).fill("Kolly");
    await refresh.asked();
    await results(page).getByText("Marie Kolly").waitFor();
    await lookupBox(page).press("Enter");
    await cardTitle(page, "Mme Marie Kolly").waitFor();
    await refresh.release();
  });

  it("person picker: pasted name + Enter before the answer chooses that answer's first person when it comes", async () => {
    const page = await signedIn();
    await page.goto(`${app.origin}/#/reports/new`);
    const picker = page.getByRole("combobox", { name: "Personne qui signale l'erreur" });
    await picker.waitFor();
    const slow = await holdAnswers(page, "people.search", (input) => input.q === "Kolly");
    await picker.fill("Kolly");
    await picker.press("Enter");
    await slow.asked();
    await frames(page);
    expect(page.url()).not.toContain("personId=");
    await slow.release();
    await expect.poll(() => page.url()).toContain(`/reports/new?personId=${ids.marie}`);
  });
});

describe("the product field of a new report", () => {
  it("does not open its list on focus, over the fields under it; ↓ opens it", async () => {
    const page = await signedIn();
    await page.goto(`${app.origin}/#/reports/new?personId=${ids.jean}`);
    const product = page.getByRole("combobox", { name: "Produit", exact: true });
    await product.focus();
    await frames(page);
    expect(await product.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("listbox").count()).toBe(0);
    await screenshot(page, "lookup-picker-01-product-focused");
    await product.press("ArrowDown");
    await page.getByRole("option", { name: "JetCompta Pro" }).waitFor();
  });

  it("chooses the product typed + Enter, even before the product list has come", async () => {
    const page = await signedIn();
    const slow = await holdAnswers(page, "products.list", (input) => input.includeInactive === false);
    await page.goto(`${app.origin}/#/reports/new?personId=${ids.jean}`);
    const product = page.getByRole("combobox", { name: "Produit", exact: true });
    await product.fill("jetcompta");
    await product.press("Enter");
    await slow.asked();
    await slow.release();
    // The product named exactly so, not "JetCompta Pro" that comes first in the list.
    await expect.poll(() => product.inputValue()).toBe("JetCompta");
    expect(await product.getAttribute("aria-expanded")).toBe("false");
    await screenshot(page, "lookup-picker-02-product-chosen");
  });
});

/** Every way a Swiss desk writes Jean Dupont's 022 735 33 92. */
const SPELLINGS = [
  "022 735 33 92",
  "0227353392",
  "+41 22 735 33 92",
  "+41227353392",
  "0041 22 735 33 92",
  "+41 (0)22 735 33 92",
  "(022) 735 33 92",
  "+41 022 735 33 92",
  "0041 022 735 33 92",
  "022/735 33 92",
  "022.735.33.92",
  "022-735-33-92",
  "735 33 92",
];

describe("one phone rule for the lookup, the new-person form and the call page", () => {
  it("the lookup finds the caller for every spelling of the number", async () => {
    const page = await signedIn();
    for (const spelling of SPELLINGS) {
      const answered = page.waitForResponse((response) => response.url().endsWith("/api/people.search") && (response.request().postDataJSON() as { q: string }).q === spelling);
      await lookupBox(page).fill(spelling);
      await answered;
      const row = results(page).getByRole("row").filter({ hasText: "Jean Dupont" });
      await row.waitFor();
      expect(await row.getByText("Téléphone", { exact: true }).count(), spelling).toBe(1);
      if (spelling === "(022) 735 33 92") await screenshot(page, "lookup-picker-03-parenthesised-number");
    }
  });

  it("the call page takes the number with its area code in parentheses", async () => {
    const page = await signedIn();
    await page.goto(`${app.origin}/#/call?from=${encodeURIComponent("(022) 735 33 92")}`);
    await cardTitle(page, "M. Jean Dupont").waitFor();
    expect(await lookupBox(page).inputValue()).toBe("022 735 33 92");
  });

  it("a number nobody has offers the new person with that number filled in, written the app's way", async () => {
    const page = await signedIn();
    const shown = "079 555 12 34";
    for (const typed of ["(079) 555 12 34", "+41 079 555 12 34", "0795551234"]) {
      await page.goto(`${app.origin}/#/`);
      await lookupBox(page).fill(typed);
      const offer = page.getByRole("option", { name: `Nouvelle personne avec le ${shown}` });
      await offer.waitFor();
      await page.getByText(`Numéro inconnu : ${shown}`).waitFor();
      if (typed === "(079) 555 12 34") await screenshot(page, "lookup-picker-04-unknown-number");
      await lookupBox(page).press("Enter");
      await page.getByRole("heading", { name: "Nouvelle personne", level: 1 }).waitFor();
      expect(await page.getByRole("textbox", { name: "Téléphone", exact: true }).inputValue(), typed).toBe(shown);
    }
    await screenshot(page, "lookup-picker-05-new-person-prefilled");
  });
});

describe("F2 then Enter", () => {
  it("on another screen, reopens the card of the first row for the text in the box", async () => {
    const page = await signedIn();
    await lookupBox(page).fill("Kolly");
    await results(page).getByText("Marie Kolly").waitFor();
    await lookupBox(page).press("Enter");
    await cardTitle(page, "Mme Marie Kolly").waitFor();
    // The agent goes on to the reports, then the caller asks something else about themselves.
    await page.getByRole("link", { name: "Rapports d'erreur" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Rapports d'erreur" }).waitFor();
    await page.keyboard.press("F2");
    await page.keyboard.press("Enter");
    await cardTitle(page, "Mme Marie Kolly").waitFor();
    expect(page.url()).toMatch(new RegExp(`#/people/${ids.marie}$`));
    await expect.poll(() => lookupTitle(page).count()).toBe(0);
  });
});
