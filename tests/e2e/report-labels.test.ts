import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boxesOf, goTo, launchBrowser, screenshot, signedInPage, startApp, type RunningApp } from "./harness";

/*
 * The access report screen reads like the files the person receives (labels, never the stored
 * codes), and text users typed — an address, a name in a pick list — cannot reorder the words
 * around it, whatever direction marks it holds.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };
const RLO = "\u202E";

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let adminSession: string;
let agentSession: string;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  adminSession = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  await app.api.createUser(adminSession, AGENT);
  agentSession = await app.api.login(AGENT.username, AGENT.password);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

function signedIn(user: { username: string; password: string }): Promise<Page> {
  return signedInPage(browser, app.url, user, contexts);
}

const go = goTo;

describe("the access report screen", () => {
  it("shows every coded value by its label, as the PDF and the JSON file do", async () => {
    const person = await app.api.value<{ id: number }>("people.create", { firstName: "Jean-Luc", lastName: "Rochat", phones: [{ number: "022 700 11 22" }] }, agentSession);
    const productId = (await app.api.value<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2"] }, adminSession)).id;
    await app.api.value("reports.create", { personId: person.id, productId, title: "Impression bloquée", severity: "high", frequency: "once" }, agentSession);
    await app.api.value("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: "Demande ce que nous savons de lui" }, agentSession);
    const request = await app.api.value<{ id: number }>("privacy.requests.create", { personId: person.id, kind: "access", channel: "phone" }, agentSession);
    await app.api.value("privacy.requests.verifyIdentity", { id: request.id, method: "in_person" }, agentSession);

    const page = await signedIn(AGENT);
    await go(page, `/privacy/requests/${request.id}`);
    await page.getByRole("button", { name: "Rapport d'accès" }).click();
    const report = page.getByRole("region", { name: "Contenu du rapport d'accès" });
    const reports = report.getByRole("region", { name: /rapports d'erreur/i });
    await reports.getByText("Impression bloquée").waitFor();
    for (const shown of ["Haute", "Une fois", "Nouveau", "Création"]) await reports.getByRole("cell", { name: shown, exact: true }).first().waitFor();
    await report.getByRole("cell", { name: "Appel entrant", exact: true }).first().waitFor();
    await reports.scrollIntoViewIfNeeded();
    await screenshot(page, "report-labels-access-report");

    // No stored code anywhere in the report's cells.
    const cells = await report.locator("td").allInnerTexts();
    const codes = ["high", "once", "new", "created", "call_in", "information", "phone", "access", "in_person", "open", "landline"];
    expect(cells.map((text) => text.trim()).filter((text) => codes.includes(text))).toEqual([]);
  });
});

describe("user text in its own direction", () => {
  it("keeps an address's postcode and country in place when its street or town holds a right-to-left override", async () => {
    const person = await app.api.value<{ id: number }>(
      "people.create",
      { firstName: "Lina", lastName: "Haddad", addresses: [{ street: `${RLO}Rue du Rhône 12`, postalCode: "1204", city: `${RLO}Genève` }] },
      agentSession,
    );
    await app.api.value("people.create", { firstName: "Omar", lastName: "Saleh", addresses: [{ street: "شارع الملك ١٢", postalCode: "1201", city: "جنيف" }] }, agentSession);
    const page = await signedIn(AGENT);
    await go(page, `/people/${person.id}`);
    const addresses = page.getByRole("region", { name: "Adresses" });
    await addresses.getByText("Rue du Rhône 12").waitFor();
    await addresses.evaluate((section) => section.setAttribute("data-test-addresses", ""));
    const [postcode, country] = await boxesOf(page, "[data-test-addresses]", ["1204", "CH"]);
    // The override ends with the street and the town: the postcode and the country read left to right, the country last.
    expect(postcode!.firstChar).toBeLessThan(postcode!.lastChar);
    expect(country!.firstChar).toBeLessThan(country!.lastChar);
    expect(country!.left).toBeGreaterThan(postcode!.right);
    await addresses.scrollIntoViewIfNeeded();
    await screenshot(page, "report-labels-rlo-address");
  });

  it("keeps the login beside a name written with an override in the export-rights pick list", async () => {
    await app.api.createUser(adminSession, { username: "rami", displayName: `${RLO}Rami Nassar`, password: "another password", role: "support" });
    const page = await signedIn(ADMIN);
    await go(page, "/admin/users");
    await page.getByText("Droit d'exporter").waitFor();
    const choice = page.getByRole("checkbox", { name: /Rami Nassar/ });
    await choice.waitFor();
    const id = await choice.getAttribute("id");
    const [login] = await boxesOf(page, `label[for="${id}"]`, ["(rami)"]);
    // "(rami)" drawn as written, not mirrored into ")imar(".
    expect(login!.firstChar).toBeLessThan(login!.lastChar);
    await choice.scrollIntoViewIfNeeded();
    await screenshot(page, "report-labels-rlo-grants");
  });
});
