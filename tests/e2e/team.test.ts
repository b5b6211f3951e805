import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goTo, launchBrowser, openPage, pinnedAgent, pinnedSend, PinMismatchError, screenshot, signedInPage, startTeamServer, type TeamServer } from "./harness";

/*
 * The team server end to end: the built `dist/server.cjs` on 127.0.0.1 over HTTPS, the pages it
 * serves itself, two browser contexts as two desks of one call centre. What one desk does, the
 * other sees without a reload (live updates); what one desk changes under the other's open form is
 * refused as a conflict. Then the rules that keep the LAN out: the pinned certificate, Host and
 * Origin, sessions, login throttling. Data is arranged through the API; what is asserted is what a
 * user (or a desk's client) sees.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };
const SUPPORT = { username: "sam", displayName: "Sam Support", password: "support password", role: "support" };
const MANAGER = { username: "marc", displayName: "Marc Manager", password: "manager password", role: "manager" };

/**
 * How long a change may take to reach the other desk here. The issue's figure (1 s) is measured by
 * `npm run bench -- team` (p95), not asserted: this machine is shared. What this bound proves is
 * that the change arrives by a live update, not by the screens' own refresh (the queue refreshes
 * every 60 s, a card never) and not by a reload.
 */
const LIVE_UPDATE_WAIT_MS = 5_000;

let server: TeamServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let adminSession: string;
let agentSession: string;
let productId: number;

beforeAll(async () => {
  server = await startTeamServer();
  browser = await launchBrowser();
  adminSession = await server.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [AGENT, SUPPORT, MANAGER]) await server.api.createUser(adminSession, user);
  agentSession = await server.api.login(AGENT.username, AGENT.password);
  productId = (await server.api.value<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2"] }, adminSession)).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A desk: its own browser context (own session) on the page the server serves. */
async function desk(user: { username: string; password: string }): Promise<Page> {
  const page = await signedInPage(browser, server.url, user, contexts, { ignoreHTTPSErrors: true, timeoutMs: 15_000 });
  // Gone after a reload: proves a change arrived on the page as it was.
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  return page;
}

const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

async function createPerson(firstName: string, lastName: string, phone: string): Promise<number> {
  return (await server.api.value<{ id: number }>("people.create", { firstName, lastName, phones: [{ number: phone, kind: "mobile" }] }, agentSession)).id;
}

describe("two desks on one team server", () => {
  it("serves the app itself over HTTPS, without a launch token, and an agent's new report appears in support's queue on the other desk", async () => {
    const personId = await createPerson("Jean", "Dupont", "079 123 45 67");
    const support = await desk(SUPPORT);
    const agent = await desk(AGENT);
    // The page came from the team server itself, and nothing in its address is a token.
    expect(new URL(agent.url()).origin).toBe(new URL(server.url).origin);
    expect(agent.url()).not.toContain("token");

    await goTo(support, "/reports");
    const queue = support.getByRole("table", { name: "Rapports d'erreur" });
    await queue.waitFor();
    const title = "Le logiciel se ferme à l'ouverture d'une facture";
    expect(await queue.getByRole("row").filter({ hasText: title }).count()).toBe(0);

    await goTo(agent, `/people/${personId}`);
    await agent.getByRole("heading", { name: /Jean Dupont/ }).first().waitFor();
    await agent.keyboard.press("Alt+R");
    await agent.getByRole("heading", { name: "Nouveau rapport d'erreur" }).waitFor();
    await agent.getByRole("combobox", { name: "Produit", exact: true }).click();
    await agent.getByRole("option", { name: "JetCompta", exact: true }).click();
    await agent.getByRole("textbox", { name: "Titre", exact: true }).fill(title);
    await agent.getByRole("textbox", { name: "Description", exact: true }).fill("Depuis la mise à jour de ce matin, sur deux postes.");
    await agent.getByRole("button", { name: "Enregistrer le rapport" }).click();
    await agent.getByRole("heading", { name: /^ER-\d{4}-\d{5}$/ }).waitFor();

    // Support's queue shows it without anyone touching that desk.
    await queue.getByRole("row").filter({ hasText: title }).waitFor({ timeout: LIVE_UPDATE_WAIT_MS });
    expect(await sameDocument(support)).toBe(true);
    await screenshot(agent, "team-01-agent-report-taken");
    await screenshot(support, "team-02-support-queue-live");
    expect(productId).toBeGreaterThan(0);
  });

  it("erases a person on one desk: the card open on the other desk says the person is gone, and its lookup no longer finds them", async () => {
    const personId = await createPerson("Marguerite", "Écoffey", "079 555 01 23");
    const request = await server.api.value<{ id: number }>("privacy.requests.create", { personId, kind: "erasure", channel: "phone" }, agentSession);
    await server.api.value("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" }, agentSession);

    const other = await desk(AGENT);
    await goTo(other, `/people/${personId}`);
    await other.getByRole("heading", { name: "Marguerite Écoffey", level: 1 }).waitFor();

    const manager = await desk(MANAGER);
    await goTo(manager, `/privacy/requests/${request.id}`);
    await manager.getByRole("button", { name: "Effacer les données" }).click();
    const flow = manager.getByRole("dialog", { name: "Effacer les données de Marguerite Écoffey" });
    await flow.getByRole("textbox", { name: "Tapez le nom de famille pour confirmer" }).fill("Écoffey");
    await flow.getByRole("button", { name: "Effacer définitivement" }).click();
    await manager.getByRole("dialog", { name: "Données effacées" }).waitFor();

    // The other desk never reloaded: its open card now says the person is gone.
    await other.getByText("Cette personne n'existe pas ou plus (fusionnée ou effacée).").waitFor({ timeout: LIVE_UPDATE_WAIT_MS });
    expect(await other.getByText("Écoffey").count()).toBe(0);
    expect(await sameDocument(other)).toBe(true);
    await screenshot(manager, "team-03-manager-erased");
    await screenshot(other, "team-04-other-desk-card-gone");

    // Nor does that desk's lookup find them, by number or by name.
    await other.keyboard.press("Control+K");
    await other.keyboard.type("079 555 01 23");
    await other.getByText("Numéro inconnu : 079 555 01 23").waitFor();
    expect(await server.api.value<unknown[]>("people.search", { q: "Écoffey" }, agentSession)).toEqual([]);
  });

  it("refuses the second of two desks saving the same person with the conflict sentence, and shows the first desk's change", async () => {
    const personId = await createPerson("Jeanne", "Dupontel", "079 222 33 44");
    const first = await desk(AGENT);
    const second = await desk(SUPPORT);
    const openIdentity = async (page: Page) => {
      await goTo(page, `/people/${personId}`);
      await page.getByRole("heading", { name: "Jeanne Dupontel", level: 1 }).waitFor();
      await page.getByRole("button", { name: "Modifier l'identité" }).click();
      return page.getByRole("dialog", { name: "Modifier l'identité de Jeanne Dupontel" });
    };
    const firstForm = await openIdentity(first);
    const secondForm = await openIdentity(second);
    await secondForm.getByRole("textbox", { name: "Prénom", exact: true }).fill("Jeanine");

    await firstForm.getByRole("textbox", { name: "Nom", exact: true }).fill("Dupontel-Roux");
    await firstForm.getByRole("button", { name: "Enregistrer" }).click();
    await firstForm.waitFor({ state: "detached" });
    // The second desk's form, opened before that save, still holds what its user typed…
    expect(await secondForm.getByRole("textbox", { name: "Prénom", exact: true }).inputValue()).toBe("Jeanine");
    // …and its save is refused rather than overwriting the first desk's change.
    await secondForm.getByRole("button", { name: "Enregistrer" }).click();
    await second.getByRole("alert").filter({ hasText: "Quelqu'un a modifié cet élément entre-temps. Rechargez et recommencez." }).waitFor();
    await second.getByRole("heading", { name: "Jeanne Dupontel-Roux", level: 1 }).waitFor();
    await screenshot(second, "team-05-conflict-on-second-desk");
    const card = await server.api.value<{ firstName: string; lastName: string }>("people.get", { id: personId }, agentSession);
    expect(card).toMatchObject({ firstName: "Jeanne", lastName: "Dupontel-Roux" });
  });
});

describe("TLS and the LAN rules", () => {
  /** A server of its own, named as on a LAN: its throttle and its certificate are not the desks'. */
  let lan: TeamServer;
  const PUBLIC_HOST = "crm.jetinfo.test";
  let lanAdmin: string;

  beforeAll(async () => {
    lan = await startTeamServer({ args: ["--public-host", PUBLIC_HOST] });
    lanAdmin = await lan.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
    await lan.api.createUser(lanAdmin, AGENT);
  });
  afterAll(async () => {
    await lan?.stop();
  });

  /** A desk's browser that resolves the server's LAN name to this machine, as the LAN's DNS would. */
  async function lanDesk(): Promise<{ page: Page; close(): Promise<void> }> {
    const lanBrowser = await launchBrowser([`--host-resolver-rules=MAP ${PUBLIC_HOST} 127.0.0.1`]);
    const { page } = await openPage(lanBrowser, { ignoreHTTPSErrors: true });
    page.setDefaultTimeout(15_000);
    await page.goto(lan.url);
    return { page, close: () => lanBrowser.close() };
  }

  async function submitLogin(page: Page, user: { username: string; password: string }) {
    await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(user.username);
    await page.getByRole("textbox", { name: "Mot de passe" }).fill(user.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
  }

  it("prints the public name and the fingerprint of the certificate it presents; a desk that pinned another certificate sends nothing", async () => {
    expect(new URL(lan.url).host).toBe(`${PUBLIC_HOST}:${new URL(lan.origin).port}`);
    // The printed fingerprint is the certificate's (the harness pinned it to reach the server at all).
    expect((await lan.api.call("session.login", { username: AGENT.username, password: AGENT.password })).ok).toBe(true);

    // A desk that pinned the first server: the second one is refused, whatever the address says.
    await expect(pinnedAgent(lan.origin, server.fingerprint)).rejects.toBeInstanceOf(PinMismatchError);
    // And a connection already trusting the first server's certificate cannot be turned to the second.
    const pinnedToFirst = await pinnedAgent(server.origin, server.fingerprint);
    try {
      await expect(pinnedSend(lan.origin, pinnedToFirst)("/", {})).rejects.toThrow();
    } finally {
      pinnedToFirst.destroy();
    }
  });

  it("serves its pages under its LAN name only: a rebinding name leading to the same machine gets nothing, nor a page of another origin", async () => {
    const port = new URL(lan.origin).port;
    // An attacker's name resolved to the server's address (DNS rebinding), in a desk's browser.
    const lanBrowser = await launchBrowser([`--host-resolver-rules=MAP ${PUBLIC_HOST} 127.0.0.1, MAP evil.example 127.0.0.1`]);
    try {
      const { page } = await openPage(lanBrowser, { ignoreHTTPSErrors: true });
      const rebound = await page.goto(`https://evil.example:${port}/`);
      expect(rebound?.status()).toBe(421);
      expect(await page.getByRole("textbox", { name: "Nom d'utilisateur" }).count()).toBe(0);
      // From that page (its own origin), the API answers nothing either.
      const status = await page.evaluate(async () => (await fetch("/api/setup.status", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status);
      expect(status).toBe(421);
      // The same browser under the server's name gets the login page.
      await page.goto(lan.url);
      await page.getByRole("textbox", { name: "Nom d'utilisateur" }).waitFor();
    } finally {
      await lanBrowser.close();
    }
    // A request under the right name from another site's page (its Origin) is refused: the name
    // given with --public-host is the only https:// origin of the server's pages.
    const session = await lan.api.login(AGENT.username, AGENT.password);
    const search = (origin: string) =>
      lan.api.raw("/api/people.search", { method: "POST", headers: { "Content-Type": "application/json", Origin: origin, "X-Session-Id": session }, body: JSON.stringify({ q: "Dupont" }) });
    expect((await search(`https://${PUBLIC_HOST}:${port}`)).status).toBe(200);
    expect((await search("https://evil.example")).status).toBe(403);
  });

  it("refuses every operation without a live session: none, a made-up one, one that logged out", async () => {
    expect(await lan.api.call("people.search", { q: "Dupont" })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await lan.api.call("people.search", { q: "Dupont" }, "made-up-session-id")).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    // After logging out, the session is gone on the server, not only in the page.
    const session = await lan.api.login(AGENT.username, AGENT.password);
    expect((await lan.api.call("people.search", { q: "Dupont" }, session)).ok).toBe(true);
    await lan.api.value("session.logout", {}, session);
    expect(await lan.api.call("people.search", { q: "Dupont" }, session)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("throttles logins from one address: after many wrong passwords on any names, even the right one is refused for a while, then let in", async () => {
    const { page, close } = await lanDesk();
    try {
      // The page works under the LAN name: its Host and Origin are the server's own.
      expect(new URL(page.url()).host).toBe(new URL(lan.url).host);
      await page.getByRole("textbox", { name: "Nom d'utilisateur" }).waitFor();

      // A machine trying passwords on many names (each name only once: the per-name throttle
      // does not see it). The first failures cost nothing; past them each one doubles a delay.
      const guess = (i: number) => lan.api.call("session.login", { username: `guess${i}`, password: "123456" });
      for (let i = 1; i <= 11; i++) expect(await guess(i)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", reason: "bad_credentials" } });
      await new Promise((done) => setTimeout(done, 1_100));
      await guess(12);
      await new Promise((done) => setTimeout(done, 2_100));
      await guess(13);

      // Now the agent at that machine types the right password: refused, with the wrong-password
      // sentence (the throttle does not tell a guesser that it exists)…
      await submitLogin(page, AGENT);
      await page.getByText("Nom d'utilisateur ou mot de passe incorrect.").waitFor();
      expect(await page.getByRole("textbox", { name: "Recherche globale" }).count()).toBe(0);
      await screenshot(page, "team-06-lan-login-throttled");
      // …and let in once the delay (4 s) has passed.
      await new Promise((done) => setTimeout(done, 4_500));
      await submitLogin(page, AGENT);
      await page.getByRole("textbox", { name: "Recherche globale" }).waitFor();
      await screenshot(page, "team-07-lan-desk-signed-in");
    } finally {
      await close();
    }
    // Thirteen password checks (scrypt, by design slow) on a shared machine: more than the default.
  }, 180_000);
});
