import { existsSync, readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { selfSignedCredentials, startTeamServerDouble, type TeamServerDouble } from "../fixtures/team-server-double";
import { startAskingDesk, type RunningDesk } from "./desk-harness";
import { HttpApi, launchBrowser, openPage, screenshot } from "./harness";

/**
 * A desk's first start in Chromium, through web.ts as `npm start`'s fallback runs it: it asks
 * where the data is before anything else; local leads to the usual setup; a team server is
 * trusted only after its fingerprint is shown, and a wrong address says so in words.
 */

let browser: Browser;
let desk: RunningDesk | undefined;
let server: TeamServerDouble | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await desk?.stop();
  desk = undefined;
  await server?.close();
  server = undefined;
});

async function open(): Promise<Page> {
  desk = await startAskingDesk();
  const { page } = await openPage(browser);
  page.setDefaultTimeout(10_000);
  await page.goto(desk.url);
  await page.getByRole("heading", { name: "Où sont les données de ce poste ?" }).waitFor();
  return page;
}

describe("a desk's first start", () => {
  it("asks first, and a local database leads to the usual first setup", async () => {
    const page = await open();
    expect(existsSync(join(desk!.dataDir, "jetinfo-crm.sqlite"))).toBe(false);
    await screenshot(page, "desk-mode-first-start");

    await page.getByRole("button", { name: "Utiliser une base locale" }).click();
    await page.getByRole("heading", { name: "Première mise en service" }).waitFor();
    expect(existsSync(join(desk!.dataDir, "jetinfo-crm.sqlite"))).toBe(true);
    expect(JSON.parse(readFileSync(join(desk!.dataDir, "desk-mode.json"), "utf8"))).toEqual({ mode: "local" });

    // Later, the administrator finds the desk's connection in Administration, and may change it.
    const api = new HttpApi(desk!.origin, desk!.token);
    await api.createAdmin("admin", "correct horse battery");
    await page.reload();
    await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill("admin");
    await page.getByRole("textbox", { name: "Mot de passe" }).fill("correct horse battery");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Connexion du poste" }).click();
    await page.getByText("Base locale sur ce poste.").waitFor();
    await page.getByRole("button", { name: "Changer la connexion…" }).click();
    await page.getByRole("textbox", { name: "Adresse du serveur" }).waitFor();
    await screenshot(page, "desk-mode-admin-change");
  });

  it("says in words that a wrong team server address does not answer, and stays unconfigured", async () => {
    const page = await open();
    await page.getByRole("radio", { name: /Serveur d'équipe/ }).check();
    await page.getByRole("textbox", { name: "Adresse du serveur" }).fill(`127.0.0.1:${await freePort()}`);
    await page.getByRole("button", { name: "Vérifier le serveur" }).click();
    await page.getByText("Le serveur d'équipe ne répond pas.", { exact: false }).waitFor();
    await screenshot(page, "desk-mode-team-unreachable");
    expect(existsSync(join(desk!.dataDir, "desk-mode.json"))).toBe(false);
    expect(existsSync(join(desk!.dataDir, "jetinfo-crm.sqlite"))).toBe(false);

    // Not an address at all: refused before anything is tried.
    await page.getByRole("textbox", { name: "Adresse du serveur" }).fill("http://crm-serveur:8080/");
    await page.getByRole("button", { name: "Vérifier le serveur" }).click();
    await page.getByText("Adresse non valable", { exact: false }).waitFor();
  });

  it("shows the team server's fingerprint for confirmation, then pins it and goes to the server's login", async () => {
    const credentials = await selfSignedCredentials("crm-serveur");
    server = await startTeamServerDouble(credentials, {
      answer: (operation) => {
        if (operation === "setup.status") return { ok: true, value: { needsAdmin: false } };
        return { ok: false, error: { code: "UNAUTHENTICATED", reason: "not_logged_in", message: "Veuillez vous connecter." } };
      },
    });
    const page = await open();
    await page.getByRole("radio", { name: /Serveur d'équipe/ }).check();
    await page.getByRole("textbox", { name: "Adresse du serveur" }).fill(server.url);
    await page.getByRole("button", { name: "Vérifier le serveur" }).click();
    const shown = await page.getByTestId("desk-fingerprint").textContent();
    expect(shown).toMatch(/^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await screenshot(page, "desk-mode-team-fingerprint");
    // Shown, not yet trusted: nothing was asked of the server, and nothing written.
    expect(server.calls).toEqual([]);
    expect(existsSync(join(desk!.dataDir, "desk-mode.json"))).toBe(false);

    await page.getByRole("button", { name: "Les empreintes sont identiques : se connecter" }).click();
    await page.getByRole("button", { name: /^Se connecter$/ }).waitFor();
    await screenshot(page, "desk-mode-team-login");
    expect(JSON.parse(readFileSync(join(desk!.dataDir, "desk-mode.json"), "utf8"))).toEqual({ mode: "team", url: server.url, fingerprint: shown!.replace("SHA256:", "") });
    expect(existsSync(join(desk!.dataDir, "jetinfo-crm.sqlite"))).toBe(false);
    expect(server.calls.map((c) => c.operation)).toContain("setup.status");
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}
