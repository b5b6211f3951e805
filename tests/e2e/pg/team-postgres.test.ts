import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppLogin, createTestDatabase, type AppLogin, type TestDatabase } from "../../fixtures/postgres";
import { goTo, launchBrowser, screenshot, signedInPage, startTeamServer, type TeamServer } from "../harness";

/*
 * The team server on PostgreSQL end to end: the built `dist/server.cjs` started with
 * `--database` (a login of the app's role, nothing more) and `--database-owner`, on a database
 * cloned from the migrated template; desks in Chromium over HTTPS. What an agent and an
 * administrator see is what they see on a SQLite server, except what belongs to IT: the server's
 * state instead of backup files.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };
const MANAGER = { username: "marc", displayName: "Marc Manager", password: "manager password", role: "manager" };

let database: TestDatabase;
let login: AppLogin;
let server: TeamServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let agentSession: string;

beforeAll(async () => {
  database = await createTestDatabase();
  login = await createAppLogin(database);
  server = await startTeamServer({ args: ["--database", login.url, "--database-owner", database.url] });
  browser = await launchBrowser();
  const adminSession = await server.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [AGENT, MANAGER]) await server.api.createUser(adminSession, user);
  agentSession = await server.api.login(AGENT.username, AGENT.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await login?.drop();
  await database?.drop();
});

const desk = (user: { username: string; password: string }): Promise<Page> => signedInPage(browser, server.url, user, contexts, { ignoreHTTPSErrors: true, timeoutMs: 15_000 });
const lookupBox = (page: Page) => page.getByRole("textbox", { name: "Recherche globale" });

describe("a team server on PostgreSQL", () => {
  it("finds a caller from a spelling of their number and from their name typed without its letters ø and ß", async () => {
    await server.api.value("people.create", { firstName: "Søren", lastName: "Straße", phones: [{ number: "022 735 33 92" }] }, agentSession);
    const agent = await desk(AGENT);
    await lookupBox(agent).fill("+41 (0)22 735 33 92");
    await agent.getByRole("row").filter({ hasText: "Straße" }).first().waitFor();
    await lookupBox(agent).fill("soren strasse");
    const row = agent.getByRole("row").filter({ hasText: "Søren" }).first();
    await row.waitFor();
    await screenshot(agent, "team-pg-01-lookup-folded");
    await lookupBox(agent).press("ArrowDown");
    await lookupBox(agent).press("Enter");
    await agent.getByRole("heading", { name: "Søren Straße", level: 1 }).waitFor();
  });

  it("shows the administrator the PostgreSQL server and who backs it up, and offers no backup files", async () => {
    const admin = await desk(ADMIN);
    await goTo(admin, "/admin/diagnostics");
    const table = admin.getByRole("table", { name: "Informations de diagnostic" });
    await table.getByText(/^PostgreSQL 15\.\d+.* · 127\.0\.0\.1:5432\/jetinfo_test_/).waitFor();
    await table.getByText(/Faites par le service informatique avec les outils de PostgreSQL/).waitFor();
    await table.getByText("Oui, par la connexion du propriétaire").waitFor();
    // Neither the integrity check of a file nor a backups tab: both are IT's on this server.
    expect(await admin.getByRole("button", { name: "Vérifier l'intégrité maintenant" }).count()).toBe(0);
    expect(await admin.getByRole("tab", { name: "Sauvegardes" }).count()).toBe(0);
    expect(await admin.getByRole("tab", { name: "Diagnostic" }).count()).toBe(1);
    // Nothing of the URL's credentials on the screen.
    expect(await admin.getByText(/crm_test|jetinfo_test_login/).count()).toBe(0);
    await screenshot(admin, "team-pg-02-diagnostics");

    // The settings: the session's delays only (no backup folder nor schedule of the app's), and they save.
    await goTo(admin, "/admin/settings");
    const idle = admin.getByRole("textbox", { name: "Verrouillage après inactivité (minutes)" });
    await idle.waitFor();
    expect(await admin.getByText("Dossier des sauvegardes").count()).toBe(0);
    await idle.fill("45");
    await admin.getByRole("button", { name: "Enregistrer" }).click();
    await admin.getByText("Réglages enregistrés.").waitFor();
    await screenshot(admin, "team-pg-04-settings");
  });

  it("erases a person: the manager reads what PostgreSQL keeps, then sees the tables vacuumed, and the lookup finds nobody", async () => {
    const person = await server.api.value<{ id: number }>("people.create", { firstName: "Marguerite", lastName: "Écoffey", phones: [{ number: "079 555 01 23" }] }, agentSession);
    const request = await server.api.value<{ id: number }>("privacy.requests.create", { personId: person.id, kind: "erasure", channel: "phone" }, agentSession);
    await server.api.value("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" }, agentSession);
    const manager = await desk(MANAGER);
    await goTo(manager, `/privacy/requests/${request.id}`);
    await manager.getByRole("button", { name: "Effacer les données" }).click();
    const flow = manager.getByRole("dialog", { name: "Effacer les données de Marguerite Écoffey" });
    await flow.getByRole("textbox", { name: "Tapez le nom de famille pour confirmer" }).fill("Écoffey");
    await flow.getByRole("button", { name: "Effacer définitivement" }).click();
    const done = manager.getByRole("dialog", { name: "Données effacées" });
    await done.waitFor();
    // What PostgreSQL's files keep is said before the vacuum has run, then the vacuum's outcome.
    await done.getByText(/les segments WAL, les sauvegardes de base et les archives WAL gardent des octets/).waitFor();
    await done.getByTestId("erasure-vacuum").getByText(/ont été nettoyées \(VACUUM\)/).waitFor({ timeout: 15_000 });
    await screenshot(manager, "team-pg-03-erasure-vacuumed");
    const agent = await desk(AGENT);
    // An unknown number now: the lookup offers a new person with it.
    await lookupBox(agent).fill("079 555 01 23");
    await agent.getByText("Numéro inconnu : 079 555 01 23").waitFor();
    expect(await agent.getByRole("row").filter({ hasText: "Écoffey" }).count()).toBe(0);
  });
});

