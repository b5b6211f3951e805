import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boxesOf, HttpApi, launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/*
 * What the screens show, in Chromium: report titles that can be read, user text that cannot
 * reorder its neighbours, the audit log by name, the phone kind from the number, the access
 * report inside the window, the login page's language kept, a quiet server log.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };
const SUPPORT = { username: "sam", displayName: "Sam Support", password: "support password", role: "support" };
const LONG_TITLE = "L'impression des factures groupées s'arrête à la page 3 depuis la mise à jour 5.2";

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let adminSession: string;
let agentSession: string;
let personId: number;
let productId: number;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  adminSession = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [AGENT, SUPPORT]) await app.api.createUser(adminSession, user);
  agentSession = await app.api.login(AGENT.username, AGENT.password);
  productId = (await app.api.value<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2"] }, adminSession)).id;
  personId = (await app.api.value<{ id: number }>("people.create", { firstName: "Jean", lastName: "Dupont", phones: [{ number: "022 735 33 92", kind: "work" }] }, agentSession)).id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function newPage(width = 1440): Promise<Page> {
  const { context, page } = await openPage(browser);
  contexts.push(context);
  await page.setViewportSize({ width, height: 900 });
  page.setDefaultTimeout(10_000);
  await page.goto(app.url);
  return page;
}

async function signIn(page: Page, user: { username: string; password: string }) {
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(user.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
}

/** In-app navigation (the hash router), keeping the tab's session. */
async function go(page: Page, path: string) {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#${path}`);
}

/**
 * How many characters of a table's cell text can be seen: those drawn inside both the cell and
 * the box that clips the text (a cut line's ellipsis hides at most a few more).
 */
async function visibleCharacters(page: Page, table: string, cellText: string): Promise<number> {
  return page.evaluate(
    ({ name, text }) => {
      const cell = [...document.querySelectorAll(`table[aria-label="${name}"] td`)].find((td) => td.textContent === text);
      if (!cell) throw new Error(`no cell holds ${text}`);
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      const node = walker.nextNode();
      if (!node?.parentElement) return 0;
      const inside = (r: DOMRect, box: DOMRect) => r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
      const cellBox = cell.getBoundingClientRect();
      const clipBox = node.parentElement.getBoundingClientRect();
      const range = document.createRange();
      let shown = 0;
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        if (text[i] === " " || (inside(r, cellBox) && inside(r, clipBox))) shown++;
      }
      return shown;
    },
    { name: table, text: cellText },
  );
}

describe("report titles", () => {
  it("shows a report's title in the queue and the call-backs at 1280 and 1440 px", async () => {
    await app.api.value(
      "reports.create",
      { personId, productId, title: LONG_TITLE, severity: "high", callbackConsent: true, callbackPhone: "022 735 33 92", callbackWindow: "Avant 10 h", callbackBefore: Date.now() + 60_000 },
      agentSession,
    );
    for (const width of [1280, 1440]) {
      const page = await newPage(width);
      await signIn(page, SUPPORT);
      await go(page, "/reports");
      await page.getByRole("table", { name: "Rapports d'erreur" }).getByText(LONG_TITLE).waitFor();
      const inQueue = await visibleCharacters(page, "Rapports d'erreur", LONG_TITLE);
      await screenshot(page, `display-queue-${width}`);
      await page.getByRole("tab", { name: "Rappels du jour" }).click();
      await page.getByRole("table", { name: "Rappels du jour" }).getByText(LONG_TITLE).waitFor();
      const inCallbacks = await visibleCharacters(page, "Rappels du jour", LONG_TITLE);
      await screenshot(page, `display-callbacks-${width}`);
      // It used to show 2 to 10 characters; now about 60 at 1280 px, 75 at 1440 (two lines).
      expect(inQueue, `queue at ${width} px`).toBeGreaterThanOrEqual(50);
      expect(inCallbacks, `call-backs at ${width} px`).toBeGreaterThanOrEqual(50);
      // The full title on hover.
      expect(await page.getByRole("table", { name: "Rappels du jour" }).getByText(LONG_TITLE).getAttribute("title")).toBe(LONG_TITLE);
      await page.context().close();
    }
  });
});

describe("user text in its own direction", () => {
  const RLO = "\u202E";
  let lina: number;

  beforeAll(async () => {
    const company = await app.api.value<{ id: number }>("companies.create", { name: `${RLO}Acme SA` }, agentSession);
    lina = (
      await app.api.value<{ id: number }>(
        "people.create",
        { firstName: "Lina", lastName: "Haddad", companyId: company.id, phones: [{ number: "022 735 44 01" }], addresses: [{ postalCode: "1204", city: "Genève" }] },
        agentSession,
      )
    ).id;
    const hebrew = await app.api.value<{ id: number }>("companies.create", { name: "חברת אור" }, agentSession);
    await app.api.value(
      "people.create",
      { firstName: "דוד", lastName: "כהן", companyId: hebrew.id, phones: [{ number: "022 735 44 02" }], addresses: [{ postalCode: "1204", city: "תל אביב" }] },
      agentSession,
    );
    await app.api.value("people.create", { firstName: "محمد", lastName: "العلي", phones: [{ number: "022 735 44 03" }] }, agentSession);
  });

  it("keeps the card's subtitle in order when the company name holds a right-to-left override", async () => {
    const page = await newPage();
    await signIn(page, AGENT);
    await go(page, `/people/${lina}`);
    await page.getByRole("heading", { name: "Lina Haddad" }).waitFor();
    const [company, language, contact] = await boxesOf(page, "main h1 + p", ["Acme SA", "Français", "Aucun contact consigné"]);
    // The company's own text is reversed, as typed; the words after it are not, and stay after it.
    expect(company!.right).toBeLessThanOrEqual(language!.left);
    expect(language!.right).toBeLessThanOrEqual(contact!.left);
    expect(language!.firstChar).toBeLessThan(language!.lastChar);
    expect(contact!.firstChar).toBeLessThan(contact!.lastChar);
    await screenshot(page, "display-rlo-card");
  });

  it("keeps each part of a picker's option in its place for Hebrew and overridden names", async () => {
    const page = await newPage();
    await signIn(page, AGENT);
    await go(page, "/reports/new");
    const picker = page.getByRole("textbox", { name: "Personne qui signale l'erreur" }).or(page.getByRole("combobox", { name: "Personne qui signale l'erreur" }));
    await picker.fill("022 735 44 01");
    await page.getByRole("option", { name: /Haddad Lina/ }).waitFor();
    const [company, city, phone] = await boxesOf(page, "[role=option]", ["Acme SA", "Genève", "022 735 44 01"]);
    expect(company!.right).toBeLessThanOrEqual(city!.left);
    expect(city!.right).toBeLessThanOrEqual(phone!.left);
    expect(city!.firstChar).toBeLessThan(city!.lastChar);
    await screenshot(page, "display-rlo-picker");

    // A Hebrew city followed by a number: without isolation the number jumps to the city's left.
    await picker.fill("022 735 44 02");
    await page.getByRole("option", { name: /כהן/ }).waitFor();
    const [hebrewCompany, hebrewCity, number] = await boxesOf(page, "[role=option]", ["חברת אור", "תל אביב", "022 735 44 02"]);
    expect(hebrewCompany!.right).toBeLessThanOrEqual(hebrewCity!.left);
    expect(hebrewCity!.right).toBeLessThanOrEqual(number!.left);
    // Hebrew reads right to left inside its own part.
    expect(hebrewCity!.firstChar).toBeGreaterThan(hebrewCity!.lastChar);
    await screenshot(page, "display-hebrew-picker");

    // An Arabic name in the lookup's table, with its number beside it in the next column.
    await page.getByRole("textbox", { name: "Recherche globale" }).fill("022 735 44 03");
    await page.getByRole("link", { name: "محمد العلي" }).or(page.getByRole("link", { name: "العلي محمد" })).first().waitFor();
    await screenshot(page, "display-arabic-lookup");
  });
});

describe("the audit log", () => {
  it("names the user who acted and filters by a user picked from a list", async () => {
    // Someone else acts: the log must say who, by name.
    await app.api.login(SUPPORT.username, SUPPORT.password);
    const page = await newPage();
    await signIn(page, ADMIN);
    await go(page, "/admin/audit");
    const table = page.getByRole("table", { name: "Entrées du journal d'audit" });
    await table.getByRole("cell", { name: "Connexion" }).first().waitFor();
    const userCells = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
    expect(userCells.some((text) => text.includes("Sam Support (sam)"))).toBe(true);
    expect(userCells.filter((text) => /#\d/.test(text))).toEqual([]);

    // The filter is a list of people, not a number to type.
    await page.getByRole("textbox", { name: "Utilisateur" }).or(page.getByRole("combobox", { name: "Utilisateur" })).first().click();
    await page.getByRole("option", { name: "Sam Support (sam)" }).click();
    await expect.poll(async () => (await table.locator("tbody tr td:nth-child(2)").allInnerTexts()).every((text) => text.includes("Sam Support"))).toBe(true);
    await screenshot(page, "display-audit-by-user");
  });
});

describe("the phone kind", () => {
  it("follows the number's type as it is typed, until the user picks a kind", async () => {
    const page = await newPage();
    await signIn(page, AGENT);
    await go(page, `/people/${personId}`);
    await page.getByRole("region", { name: "Téléphones" }).getByRole("button", { name: "Ajouter" }).click();
    const dialog = page.getByRole("dialog", { name: "Ajouter un numéro" });
    const kind = dialog.getByRole("combobox", { name: "Type" });
    const number = dialog.getByRole("textbox", { name: "Téléphone" });
    await number.fill("022 735 33 93");
    await expect.poll(() => kind.inputValue()).toBe("landline");
    await number.fill("079 555 12 34");
    await expect.poll(() => kind.inputValue()).toBe("mobile");
    await number.fill("022 735 33 93");
    await expect.poll(() => kind.inputValue()).toBe("landline");
    await screenshot(page, "display-phone-kind");
    // A kind the user picks stays whatever is typed next.
    await kind.selectOption("work");
    await number.fill("079 555 12 34");
    expect(await kind.inputValue()).toBe("work");
    await dialog.getByRole("button", { name: "Annuler" }).click();

    // The new-person form does the same.
    await go(page, "/people/new");
    const form = page.getByRole("form", { name: "Nouvelle personne" });
    await form.getByRole("textbox", { name: "Téléphone" }).fill("022 735 33 94");
    await expect.poll(() => form.getByRole("combobox", { name: "Type" }).inputValue()).toBe("landline");
  });
});

describe("the access report", () => {
  it("fits the window at 1440 and 1280 px: no table wider than its section", async () => {
    const person = await app.api.value<{ id: number }>(
      "people.create",
      {
        firstName: "Jean-Luc",
        lastName: "Rochat-Vuilleumier",
        phones: [{ number: "022 700 11 22", kind: "landline" }],
        emails: [{ email: "jean-luc.rochat-vuilleumier@horlogerie-exemple.ch" }],
        addresses: [{ street: "Chemin des Vignes-de-la-Côte 128", postalCode: "1180", city: "Rolle" }],
      },
      agentSession,
    );
    await app.api.value("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: "Demande ce que nous savons de lui, et souhaite une copie complète par courrier recommandé." }, agentSession);
    await app.api.value("reports.create", { personId: person.id, productId, title: LONG_TITLE, severity: "high" }, agentSession);
    const request = await app.api.value<{ id: number }>("privacy.requests.create", { personId: person.id, kind: "access", channel: "phone" }, agentSession);
    await app.api.value("privacy.requests.verifyIdentity", { id: request.id, method: "in_person" }, agentSession);

    for (const width of [1440, 1280]) {
      const page = await newPage(width);
      await signIn(page, AGENT);
      await go(page, `/privacy/requests/${request.id}`);
      await page.getByRole("button", { name: "Rapport d'accès" }).click();
      const report = page.getByRole("region", { name: "Contenu du rapport d'accès" });
      await report.getByRole("cell", { name: "022 700 11 22" }).waitFor();
      await page.screenshot({ path: join(dirname(fileURLToPath(import.meta.url)), "screenshots", `display-access-report-${width}.png`), fullPage: true });
      // Every table inside its section, and the page itself without a sideways scroll.
      const overflows = await page.evaluate(() =>
        [...document.querySelectorAll("section table")]
          .filter((table) => table.getBoundingClientRect().right > (table.closest("section")?.getBoundingClientRect().right ?? Infinity) + 1 || table.scrollWidth > table.clientWidth + 1)
          .map((table) => table.getAttribute("aria-label")),
      );
      expect(overflows, `at ${width} px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const scrollers = await page.evaluate(() => [...document.querySelectorAll(".mantine-ScrollArea-viewport, [data-scrollbars]")].filter((el) => el.scrollWidth > el.clientWidth + 1).length);
      expect(scrollers, `sideways scrolls at ${width} px`).toBe(0);
      await page.context().close();
    }
  });
});

describe("the language chosen on the login page", () => {
  it("stays after sign-in and becomes the user's preference", async () => {
    const page = await newPage();
    await page.getByText("EN", { exact: true }).click();
    await page.getByRole("textbox", { name: "Username" }).fill(AGENT.username);
    await page.getByRole("textbox", { name: "Password" }).fill(AGENT.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("textbox", { name: "Global lookup" }).waitFor();
    // Still English once the session's own preference (French) has been read, and after a reload.
    await page.getByRole("link", { name: "Error reports" }).waitFor();
    const check = await app.api.login(AGENT.username, AGENT.password);
    await expect.poll(async () => (await app.api.value<{ user: { language: string } }>("session.me", {}, check)).user.language).toBe("en");
    await page.reload();
    await page.getByRole("textbox", { name: "Global lookup" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");

    // Untouched, the switch leaves the user's stored preference in force.
    await app.api.value("session.setLanguage", { language: "en" }, check);
    const other = await newPage();
    await other.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(AGENT.username);
    await other.getByRole("textbox", { name: "Mot de passe" }).fill(AGENT.password);
    await other.getByRole("button", { name: "Se connecter" }).click();
    await other.getByRole("textbox", { name: "Global lookup" }).waitFor();
    // Back to French for whatever signs in as the agent after this.
    await app.api.value("session.setLanguage", { language: "fr" }, check);
  });
});

describe("the server log", () => {
  it("has no deprecation warning after exports, an access report and a backup", async () => {
    // A server of its own, to read everything it writes to stderr, with every deprecation traced.
    const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
    const dataDir = mkdtempSync(join(tmpdir(), "jetinfo-e2e-log-"));
    const child = spawn(process.execPath, [join(process.env.JETINFO_DIST ?? join(root, "dist"), "web.cjs"), "--data", dataDir, "--port", "0"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_OPTIONS: "--trace-deprecation" },
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    try {
      const url = await new Promise<string>((found, failed) => {
        let stdout = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          stdout += chunk;
          const match = /^URL: (\S+)/m.exec(stdout);
          if (match?.[1]) found(match[1]);
        });
        child.once("exit", (code) => failed(new Error(`web server exited with ${code}\n${stderr}`)));
      });
      const parsed = new URL(url);
      const api = new HttpApi(parsed.origin, new URLSearchParams(parsed.hash.slice(1)).get("token") ?? "");
      const admin = await api.createAdmin("admin", "correct horse battery");
      await api.createUser(admin, { username: "marc", displayName: "Marc Gérant", role: "manager", password: "manager password" });
      const manager = await api.login("marc", "manager password");
      const person = await api.value<{ id: number }>("people.create", { firstName: "Léa", lastName: "Rochat", phones: [{ number: "022 735 33 92" }], emails: [{ email: "lea@example.ch" }] }, manager);

      for (const format of ["csv", "xlsx", "json"]) {
        const started = await api.value<{ id: string }>("exports.start", { recordSet: "people", format }, manager);
        let view: { status: string } = { status: "running" };
        await expect.poll(async () => (view = await api.value<{ status: string }>("exports.progress", { id: started.id }, manager)).status, { timeout: 30_000, interval: 100 }).not.toBe("running");
        expect(view, format).toMatchObject({ status: "done" });
      }
      const request = await api.value<{ id: number }>("privacy.requests.create", { personId: person.id, kind: "access", channel: "phone" }, manager);
      await api.value("privacy.requests.verifyIdentity", { id: request.id, method: "in_person" }, manager);
      expect((await api.value<{ pdfBase64: string }>("privacy.accessReport", { requestId: request.id }, manager)).pdfBase64.length).toBeGreaterThan(1000);
      await api.value("backups.create", {}, admin);

      expect(stderr).not.toMatch(/DeprecationWarning|DEP0\d+/);
    } finally {
      child.kill("SIGTERM");
      await new Promise((done) => child.once("exit", done));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
