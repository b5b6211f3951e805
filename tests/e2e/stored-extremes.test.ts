import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/*
 * Issue 12, item 2, in Chromium: reports whose call-back dates no Date can hold (a database
 * written by an older version accepted them) must not blank the support queue or the report's
 * page; and a screen that does throw shows a calm message with an incident id inside its own
 * frame, the navigation rail still working.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };
const SUPPORT = { username: "sam", displayName: "Sam Support", password: "support password", role: "support" };

let app: RunningApp;
let browser: Browser;
let farFuture: { id: number; reference: string };
let beforeTime: { id: number; reference: string };
let personId: number;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const admin = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [AGENT, SUPPORT]) await app.api.createUser(admin, user);
  const agent = await app.api.login(AGENT.username, AGENT.password);
  const productId = (await app.api.value<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
  personId = (await app.api.value<{ id: number }>("people.create", { firstName: "Jean", lastName: "Dupont", phones: [{ number: "022 735 33 92" }] }, agent)).id;
  const report = (title: string) =>
    app.api.value<{ id: number; reference: string }>(
      "reports.create",
      { personId, productId, title, callbackConsent: true, callbackPhone: "022 735 33 92", callbackBefore: Date.now() + 86_400_000 },
      agent,
    );
  farFuture = await report("Rappel au-delà des dates");
  beforeTime = await report("Rappel d'avant les dates");
  // What the API refuses today, written as an older version could have: straight into the file the server has open.
  const sqlite = new Database(join(app.dataDir, "jetinfo-crm.sqlite"));
  try {
    sqlite.pragma("busy_timeout = 5000");
    const store = sqlite.prepare("UPDATE error_reports SET next_callback_at = ? WHERE id = ?");
    store.run(8640000000000001, farFuture.id);
    // Due long ago: it is listed among today's call-backs too.
    store.run(-9007199254740991, beforeTime.id);
    sqlite.prepare("UPDATE interactions SET at = ? WHERE person_id = ?").run(9007199254740991, personId);
  } finally {
    sqlite.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signedIn(): Promise<{ page: Page; errors: string[] }> {
  const { page } = await openPage(browser);
  page.setDefaultTimeout(10_000);
  // A render error that escapes every boundary shows up here (and as a blank window).
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.name));
  await page.goto(app.url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(SUPPORT.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(SUPPORT.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
  return { page, errors };
}

const rail = (page: Page) => page.getByRole("navigation", { name: "Navigation principale" });

describe("stored call-back dates no Date can hold", () => {
  it("leave the support queue, today's call-backs, the report pages and the card readable", async () => {
    const { page, errors } = await signedIn();
    await rail(page).getByRole("link", { name: "Rapports d'erreur" }).click();
    const queue = page.getByRole("table", { name: "Rapports d'erreur" });
    await queue.getByRole("row").filter({ hasText: farFuture.reference }).waitFor();
    await queue.getByRole("row").filter({ hasText: beforeTime.reference }).waitFor();
    await screenshot(page, "stored-extremes-queue");
    await page.getByRole("tab", { name: "Rappels du jour" }).click();
    await page.getByText("Rappel d'avant les dates").first().waitFor();
    await screenshot(page, "stored-extremes-callbacks-today");
    await page.getByRole("tab", { name: "File de support" }).click();

    await queue.getByRole("row").filter({ hasText: farFuture.reference }).getByText("Rappel au-delà des dates").click();
    await page.getByRole("heading", { name: /Rappel au-delà des dates/ }).waitFor();
    await screenshot(page, "stored-extremes-report");

    await page.evaluate((hash) => (window.location.hash = hash), `#/reports/${beforeTime.id}`);
    await page.getByRole("heading", { name: /Rappel d'avant les dates/ }).waitFor();

    // The reporter's card lists the reports and a contact whose time no Date can hold.
    await page.evaluate((hash) => (window.location.hash = hash), `#/people/${personId}`);
    await page.getByRole("heading", { name: /Jean Dupont/ }).first().waitFor();
    await page.getByText(farFuture.reference).first().waitFor();
    await screenshot(page, "stored-extremes-card");

    expect(await page.getByTestId("screen-error").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("a screen that throws", () => {
  it("shows a calm message with an incident id in its own frame, reports it, and the rail still works", async () => {
    const { page, errors } = await signedIn();
    // The report's page gets an answer it cannot draw (its events are not a list), as a bug would.
    await page.route("**/api/reports.get", async (route) => {
      const response = await route.fetch();
      const envelope = (await response.json()) as { ok: boolean; value?: Record<string, unknown> };
      if (envelope.value) envelope.value.events = 42;
      await route.fulfill({ response, json: envelope });
    });
    await page.evaluate((hash) => (window.location.hash = hash), `#/reports/${farFuture.id}`);

    const message = page.getByTestId("screen-error");
    await message.getByText("Cet écran n'a pas pu s'afficher").waitFor();
    const incident = /incident ([0-9a-f]{8})/.exec((await message.textContent()) ?? "")?.[1];
    expect(incident).toMatch(/^[0-9a-f]{8}$/);
    // The frame around the screen is still there: header and rail.
    await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
    await screenshot(page, "stored-extremes-screen-error");

    // The host's log has the incident, the kind and the route's shape, nothing of the screen.
    const logLine = readFileSync(join(app.dataDir, "logs", "jetinfo-crm.log"), "utf8")
      .split("\n")
      .find((line) => line.includes(incident!));
    expect(logLine).toMatch(new RegExp(`renderer.failed kind=render route=/reports/${farFuture.id} error=TypeError incident=${incident}`));

    // Another section from the rail, and the screen that failed clears.
    await rail(page).getByRole("link", { name: "Recherche" }).click();
    await expect.poll(() => page.getByTestId("screen-error").count()).toBe(0);
    await rail(page).getByRole("link", { name: "Rapports d'erreur" }).click();
    await page.getByRole("table", { name: "Rapports d'erreur" }).getByRole("row").filter({ hasText: farFuture.reference }).waitFor();
    expect(errors).toEqual([]);
  });
});
