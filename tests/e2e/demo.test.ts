import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchDir } from "../fixtures/database";
import { POSTCODE_LOCALITY_PAIRS } from "../fixtures/swiss-addresses";
import { launchBrowser, openPage, screenshot, startApp } from "./harness";

/**
 * `npm run demo` as it runs after the build (tests/fixtures/demo.ts under tsx), its temp folder a
 * scratch one, then the manager's dashboard and a person's card in Chromium. Before, the demo had
 * no training requests (an empty chart, no message) and no status changes ("Résolus" always 0).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const scratch = scratchDir();
let demo: ChildProcess;
let url: string;
let browser: Browser;

beforeAll(async () => {
  const tmp = join(scratch.dir, "tmp");
  mkdirSync(tmp);
  demo = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/demo.ts", "--port", "0"], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: ["ignore", "pipe", "pipe"] });
  url = await new Promise<string>((found, fail) => {
    let out = "";
    let err = "";
    demo.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const match = /^URL: (\S+)/m.exec(out);
      if (match?.[1]) found(match[1]);
    });
    demo.stderr!.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    demo.once("exit", (code) => fail(new Error(`npm run demo exited with ${code} before its URL\n${out}\n${err}`)));
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    const exited = new Promise((done) => demo.once("exit", done));
    demo.kill("SIGTERM");
    await exited;
  }
  scratch.remove();
});

async function signIn(page: Page, link: string, username: string, password: string) {
  page.setDefaultTimeout(15_000);
  await page.goto(link);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
}

/** The dashboard card around a chart, by its title. */
const card = (page: Page, title: string) => page.getByRole("heading", { name: title }).locator("xpath=ancestor::div[contains(@class, 'mantine-Paper-root')][1]");

describe("npm run demo", () => {
  it("shows a manager resolved reports every week and training requests as bars", async () => {
    const { context, page } = await openPage(browser);
    await signIn(page, url, "manager", "demo-password");
    await page.getByRole("heading", { name: "Vue d'ensemble" }).waitFor();
    const training = card(page, "Demandes de formation par statut");
    await expect.poll(() => training.locator(".recharts-bar-rectangle").count()).toBe(6);
    await expect.poll(() => card(page, "Rapports ouverts et résolus par semaine").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(12);
    await expect.poll(() => card(page, "Appels par jour (30 derniers jours)").locator(".recharts-bar-rectangle").count()).toBeGreaterThan(30);
    await screenshot(page, "demo-dashboard");

    // The figures behind the chart: reports resolved in most of the last twelve weeks.
    await page.getByRole("radiogroup", { name: "Affichage de Rapports ouverts et résolus par semaine" }).getByText("Tableau").click();
    const rows = await page.getByRole("table", { name: "Rapports ouverts et résolus par semaine" }).getByRole("row").allInnerTexts();
    const resolved = rows.slice(1).map((row) => Number(row.trim().split(/\s+/).at(-1)));
    expect(resolved).toHaveLength(12);
    expect(resolved.filter((n) => n > 0).length).toBeGreaterThan(8);
    await context.close();
  });

  it("shows a person's card with a real Swiss address", async () => {
    const { context, page } = await openPage(browser);
    await signIn(page, url, "agent", "demo-password");
    await page.goto(`${new URL(url).origin}/#/people/12`);
    // The address as its edit button names it: "Modifier l'adresse Militärstrasse 1, 3014 Bern".
    const edit = page.getByRole("button", { name: /^Modifier l'adresse / }).first();
    await edit.waitFor();
    const [, street, pair] = /^Modifier l'adresse (.+), (\d{4} .+)$/.exec((await edit.getAttribute("aria-label")) ?? "") ?? [];
    expect(street).toMatch(/ \d+a?$/);
    expect(POSTCODE_LOCALITY_PAIRS.has(pair ?? ""), pair).toBe(true);
    await screenshot(page, "demo-person");
    await context.close();
  });
});

describe("a dashboard chart with no data", () => {
  it("says so instead of an empty frame", async () => {
    const app = await startApp();
    try {
      await app.api.createAdmin("admin", "correct horse battery");
      const { context, page } = await openPage(browser);
      await signIn(page, app.url, "admin", "correct horse battery");
      await page.goto(`${app.origin}/#/dashboard`);
      const training = card(page, "Demandes de formation par statut");
      await training.getByText("Rien à afficher : aucune donnée pour l'instant.").waitFor();
      expect(await training.locator(".recharts-surface").count()).toBe(0);
      await screenshot(page, "dashboard-empty");
      await context.close();
    } finally {
      await app.stop();
    }
  });
});
