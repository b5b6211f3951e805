import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goTo, launchBrowser, screenshot, signedInPage, startApp, type RunningApp } from "./harness";

/*
 * Live updates end to end, in Chromium: two browser contexts are two desks on one server (each
 * with its own session). What one desk saves shows on the other within a second, without a
 * reload and without the other desk doing anything: the queue's own refresh is once a minute,
 * so only the live updates can bring it that fast.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const ALICE = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };
const BOB = { username: "bob", displayName: "Bob Agent", password: "agent password 2", role: "agent" };
const SAM = { username: "sam", displayName: "Sam Support", password: "support password", role: "support" };

/** The spec's bound: a change on one desk shows on the other within 1 s. */
const LIVE_MS = 1_000;

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let personId: number;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const admin = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [ALICE, BOB, SAM]) await app.api.createUser(admin, user);
  await app.api.value("products.save", { name: "JetCompta", versions: ["5.2"] }, admin);
  const alice = await app.api.login(ALICE.username, ALICE.password);
  personId = (await app.api.value<{ id: number }>("people.create", { firstName: "Jean", lastName: "Dupont", phones: [{ number: "022 735 33 92", kind: "work" }] }, alice)).id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

function desk(user: { username: string; password: string }): Promise<Page> {
  return signedInPage(browser, app.url, user, contexts);
}

/** Marks the page: the mark is still there afterwards only if the page was not reloaded. */
async function markPage(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { __notReloaded: boolean }).__notReloaded = true;
  });
}
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);

describe("live updates between two desks", () => {
  it("shows a name another desk corrected on the card open here, within a second, without a reload", async () => {
    const [deskA, deskB] = await Promise.all([desk(ALICE), desk(BOB)]);
    await goTo(deskB, `/people/${personId}`);
    await deskB.getByRole("heading", { level: 1, name: "Jean Dupont" }).waitFor();
    await markPage(deskB);

    await goTo(deskA, `/people/${personId}`);
    await deskA.getByRole("heading", { level: 1, name: "Jean Dupont" }).waitFor();
    await deskA.getByRole("button", { name: "Modifier l'identité" }).click();
    const dialog = deskA.getByRole("dialog", { name: "Modifier l'identité de Jean Dupont" });
    await dialog.getByRole("textbox", { name: "Prénom", exact: true }).fill("Jeanne");
    await dialog.getByRole("button", { name: "Enregistrer" }).click();
    await dialog.waitFor({ state: "detached" });

    // Desk B did nothing: the held events.wait brought the change, the card read the person again.
    await deskB.getByRole("heading", { level: 1, name: "Jeanne Dupont" }).waitFor({ timeout: LIVE_MS });
    expect(await stillSamePage(deskB)).toBe(true);
    await screenshot(deskB, "live-01-card-updated-on-other-desk");
  });

  it("puts the report an agent just opened into support's queue within a second", async () => {
    const [agent, support] = await Promise.all([desk(ALICE), desk(SAM)]);
    await support.getByRole("link", { name: "Rapports d'erreur" }).click();
    const queue = support.getByRole("table", { name: "Rapports d'erreur" });
    await queue.waitFor();
    await support.getByText("Aucun rapport ne correspond à ces filtres.").waitFor();
    await markPage(support);

    await goTo(agent, `/reports/new?personId=${personId}`);
    await agent.getByRole("heading", { name: "Nouveau rapport d'erreur" }).waitFor();
    await agent.getByRole("combobox", { name: "Produit", exact: true }).click();
    await agent.getByRole("option", { name: "JetCompta", exact: true }).click();
    await agent.getByRole("textbox", { name: "Titre", exact: true }).fill("Le module de paie plante au démarrage");
    await agent.getByRole("button", { name: "Enregistrer le rapport" }).click();
    const heading = agent.getByRole("heading", { name: /^ER-\d{4}-\d{5}$/ });
    await heading.waitFor();
    const reference = (await heading.innerText()).trim();

    await queue.getByRole("link", { name: reference }).waitFor({ timeout: LIVE_MS });
    await queue.getByText("Le module de paie plante au démarrage").waitFor();
    expect(await stillSamePage(support)).toBe(true);
    await screenshot(support, "live-02-queue-shows-new-report");
  });
});
