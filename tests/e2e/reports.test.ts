import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/*
 * Error reports end to end, in Chromium: an agent takes a report during a call and reads out the
 * reference, support works it from the queue (call-backs, resolution), the reporter's card shows
 * the outcome. Data is arranged through the HTTP API; everything asserted is what a user sees.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };
const SUPPORT = { username: "sam", displayName: "Sam Support", password: "support password", role: "support" };
const SUPPORT_2 = { username: "sophie", displayName: "Sophie Tech", password: "support password 2", role: "support" };
const XSS = `<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script> **gras** [lien](javascript:alert(1))`;

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let adminSession: string;
let agentSession: string;
let supportSession: string;
let personId: number;
let productId: number;
/** The report the agent takes in the UI (filled in by the first test that needs it). */
let taken: { id: number; reference: string } | null = null;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  adminSession = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [AGENT, SUPPORT, SUPPORT_2]) await app.api.createUser(adminSession, user);
  agentSession = await app.api.login(AGENT.username, AGENT.password);
  supportSession = await app.api.login(SUPPORT.username, SUPPORT.password);
  productId = (await app.api.value<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2", "5.1"] }, adminSession)).id;
  const person = await app.api.value<{ id: number }>(
    "people.create",
    { firstName: "Jean", lastName: "Dupont", phones: [{ number: "022 735 33 92", kind: "work" }, { number: "079 123 45 67", kind: "mobile" }] },
    agentSession,
  );
  personId = person.id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function newPage(): Promise<{ page: Page; alerts: string[] }> {
  const { context, page } = await openPage(browser);
  contexts.push(context);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.origin });
  page.setDefaultTimeout(10_000);
  // Any dialog at all would be a script from caller text running: record it.
  const alerts: string[] = [];
  page.on("dialog", (dialog) => {
    alerts.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(app.url);
  return { page, alerts };
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

const field = (scope: Page | Locator, name: string) => scope.getByRole("textbox", { name, exact: true });
const queueTable = (page: Page) => page.getByRole("table", { name: "Rapports d'erreur" });

async function pickOption(page: Page, combobox: string, option: string) {
  await page.getByRole("combobox", { name: combobox, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function reportOf(id: number) {
  return app.api.value<{ status: string; version: number; events: { kind: string; outcome: string | null }[]; nextCallbackAt: number | null }>("reports.get", { id }, supportSession);
}

describe("error reports", () => {
  it("lets the administrator keep the product list under Administration › Produits", async () => {
    const { page } = await newPage();
    await signIn(page, ADMIN);
    await page.getByRole("link", { name: "Administration" }).click();
    await page.getByRole("tab", { name: "Produits" }).click();
    const table = page.getByRole("table", { name: "Produits" });
    await table.getByRole("row").filter({ hasText: "JetCompta" }).getByText("5.2").waitFor();

    await page.getByRole("button", { name: "Nouveau produit" }).click();
    const dialog = page.getByRole("dialog", { name: "Nouveau produit" });
    await dialog.getByRole("button", { name: "Nouveau produit" }).click();
    await dialog.getByText("Champ obligatoire.").waitFor();
    await field(dialog, "Nom du produit").fill("JetPaie");
    await dialog.getByRole("combobox", { name: "Versions" }).fill("3.0");
    await page.keyboard.press("Enter");
    await dialog.getByRole("combobox", { name: "Versions" }).fill("2.9");
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "Nouveau produit" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("alert").filter({ hasText: "Produit JetPaie enregistré." }).waitFor();
    const row = table.getByRole("row").filter({ hasText: "JetPaie" });
    await row.getByText("3.0").waitFor();
    await row.getByText("2.9").waitFor();

    // A name already taken is refused under the name field.
    await page.getByRole("button", { name: "Modifier JetPaie" }).click();
    const edit = page.getByRole("dialog", { name: "Modifier JetPaie" });
    await field(edit, "Nom du produit").fill("JetCompta");
    await edit.getByRole("button", { name: "Enregistrer" }).click();
    await edit.getByText(/déjà enregistrée/).waitFor();
    await edit.getByRole("button", { name: "Annuler" }).click();
    await screenshot(page, "reports-06-products-panel");
  });

  it("lets an agent take a report during the call and read out the reference", async () => {
    const { page } = await newPage();
    await signIn(page, AGENT);

    // Alt+R from the person's card (whatever that screen shows yet) opens the form for them.
    await go(page, `/people/${personId}`);
    await page.getByRole("heading", { name: /Jean Dupont/ }).first().waitFor();
    await page.keyboard.press("Alt+R");
    await expect.poll(() => page.url()).toContain(`/reports/new?personId=${personId}`);
    await page.getByRole("heading", { name: "Nouveau rapport d'erreur" }).waitFor();
    const reporter = page.getByRole("region", { name: "Signalé par" });
    await reporter.getByRole("link", { name: "Jean Dupont" }).waitFor();

    // Nothing typed yet: both required fields say so, the cursor goes to the first.
    await page.getByRole("button", { name: "Enregistrer le rapport" }).click();
    await expect.poll(async () => page.getByText("Champ obligatoire.").count()).toBe(2);

    await pickOption(page, "Produit", "JetCompta");
    await page.getByRole("combobox", { name: "Version" }).fill("5.2");
    await field(page, "Système / environnement").fill("Windows 11 Pro, 64 bits");
    await field(page, "Titre").fill("L'imprimante se bloque à l'export PDF");
    await field(page, "Description").fill("Message « Erreur 0x80 » puis l'application ne répond plus.\nSeulement avec les factures.");
    await field(page, "Étapes pour reproduire").fill("1. Ouvrir une facture\n2. Exporter en PDF");
    await page.getByRole("radio", { name: "Haute" }).check();
    await page.getByRole("radio", { name: "Souvent" }).check();
    await page.getByRole("checkbox", { name: "La personne accepte d'être rappelée" }).check();
    await page.getByRole("radio", { name: /079 123 45 67/ }).check();
    await field(page, "Joignable").fill("Le matin, pas le mercredi");
    await field(page, "Rappeler avant le").fill("31.02.2026 10:00");
    await field(page, "Joignable").focus();
    await page.getByText("Format attendu : jj.mm.aaaa hh:mm").waitFor();
    // A time Geneva's clocks skip is refused with its reason, as in the log-call form.
    await field(page, "Rappeler avant le").fill("28.03.2027 02:30");
    await field(page, "Joignable").focus();
    await page.getByText(/Cette heure n'existe pas à Genève/).waitFor();
    await page.getByRole("button", { name: "Demain 09:00" }).click();
    expect(await field(page, "Rappeler avant le").inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4} 09:00$/);
    await screenshot(page, "reports-02-report-form");

    await page.getByRole("button", { name: "Enregistrer le rapport" }).click();
    const reference = page.getByRole("heading", { name: /^ER-\d{4}-\d{5}$/ });
    await reference.waitFor();
    const text = (await reference.innerText()).trim();
    expect(text).toBe(`ER-${new Date().getUTCFullYear()}-00001`);
    await page.getByText("Référence à communiquer à la personne :").waitFor();
    // Focus is on the copy button: Enter copies the reference.
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Copié" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    await page.getByRole("link", { name: "Retour à la fiche de Jean Dupont" }).waitFor();
    await screenshot(page, "reports-03-reference-shown");

    await page.getByRole("link", { name: "Ouvrir le rapport" }).click();
    await page.getByRole("heading", { name: "L'imprimante se bloque à l'export PDF" }).waitFor();
    const id = Number(/\/reports\/(\d+)/.exec(page.url())?.[1]);
    taken = { id, reference: text };
    // Agents read the report; the workflow is support's.
    await page.getByText("Lecture seule").waitFor();
    expect(await page.getByRole("button", { name: "Résoudre" }).count()).toBe(0);
    await page.getByText("Message « Erreur 0x80 » puis l'application ne répond plus.").waitFor();

    // The person's card carries the report and the call.
    const card = await app.api.value<{ reports: { reference: string; status: string }[]; timeline: { purpose: string }[] }>("people.get", { id: personId }, agentSession);
    expect(card.reports).toEqual([expect.objectContaining({ reference: text, status: "new" })]);
    expect(card.timeline[0]).toMatchObject({ purpose: "error_report" });
  });

  it("without a person, Alt+R asks who is calling first", async () => {
    const { page } = await newPage();
    await signIn(page, AGENT);
    await page.keyboard.press("Alt+R");
    const picker = page.getByRole("combobox", { name: "Personne qui signale l'erreur" });
    await picker.waitFor();
    await picker.fill("Dupont");
    const option = page.getByRole("option", { name: /Dupont Jean/ });
    await option.waitFor();
    await screenshot(page, "reports-08-person-picker");
    await option.click();
    await expect.poll(() => page.url()).toContain(`/reports/new?personId=${personId}`);
    await page.getByRole("region", { name: "Signalé par" }).getByRole("link", { name: "Jean Dupont" }).waitFor();
  });

  it("lets support find the report, call back twice and resolve it; the reporter's card shows it resolved", async () => {
    expect(taken).not.toBeNull();
    const { id, reference } = taken!;
    const { page } = await newPage();
    await signIn(page, SUPPORT);
    await page.getByRole("link", { name: "Rapports d'erreur" }).click();
    const table = queueTable(page);
    await table.getByRole("link", { name: reference }).waitFor();

    // The text filter narrows the queue on the server (debounced while typing).
    await page.getByRole("textbox", { name: "Rechercher" }).fill("imprimante");
    await page.getByText("1–1 sur 1").waitFor();
    await page.getByRole("textbox", { name: "Rechercher" }).fill("introuvable");
    await page.getByText("Aucun rapport ne correspond à ces filtres.").waitFor();
    await page.getByRole("textbox", { name: "Rechercher" }).fill("imprimante");
    await page.getByText("1–1 sur 1").waitFor();
    const row = table.getByRole("row").filter({ hasText: reference });
    await row.getByText("Nouveau").waitFor();
    await row.getByText("Haute").waitFor();
    await row.getByText("Jean Dupont").waitFor();
    await screenshot(page, "reports-01-queue");

    // The filter is this user's: it is there again after a reload.
    await expect.poll(async () => (await app.api.value<{ text?: string }>("reports.savedFilter", {}, supportSession)).text).toBe("imprimante");
    await page.reload();
    await expect.poll(() => page.getByRole("textbox", { name: "Rechercher" }).inputValue()).toBe("imprimante");
    await page.getByText("1–1 sur 1").waitFor();

    await queueTable(page).getByRole("link", { name: reference }).click();
    await page.getByRole("heading", { name: "L'imprimante se bloque à l'export PDF" }).waitFor();
    await page.getByRole("link", { name: "Fiche de Jean Dupont" }).waitFor();
    expect(await page.getByRole("link", { name: "079 123 45 67" }).first().getAttribute("href")).toBe("tel:+41791234567");

    // First call-back: no answer, try again tomorrow.
    await page.getByRole("button", { name: "Consigner un rappel" }).click();
    let dialog = page.getByRole("dialog", { name: `Rappel pour ${reference}` });
    await dialog.getByRole("button", { name: "Enregistrer le rappel" }).click();
    await dialog.getByText("Champ obligatoire.").waitFor();
    await dialog.getByRole("radio", { name: "Pas de réponse" }).check();
    await dialog.getByRole("button", { name: "Demain 09:00" }).click();
    await dialog.getByRole("button", { name: "Enregistrer le rappel" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("alert").filter({ hasText: "Rappel consigné." }).waitFor();
    const timeline = page.getByRole("region", { name: "Historique" });
    await timeline.getByText("Sam Support a rappelé : Pas de réponse").waitFor();
    await timeline.getByText(/^Prochain rappel : \d{2}\.\d{2}\.\d{4} 09:00$/).waitFor();
    expect((await reportOf(id)).nextCallbackAt).not.toBeNull();

    // Second call-back: reached, nothing more pending.
    await page.getByRole("button", { name: "Consigner un rappel" }).click();
    dialog = page.getByRole("dialog", { name: `Rappel pour ${reference}` });
    await dialog.getByRole("radio", { name: "Joint" }).check();
    await field(dialog, "Note").fill("Fichier reçu, problème reproduit");
    await dialog.getByRole("button", { name: "Enregistrer le rappel" }).click();
    await dialog.waitFor({ state: "detached" });
    await timeline.getByText("Sam Support a rappelé : Joint").waitFor();
    await timeline.getByText("Fichier reçu, problème reproduit").waitFor();
    await page.getByText("Aucun rappel prévu").waitFor();

    // Resolving needs the resolution text.
    await page.getByRole("button", { name: "Résoudre" }).click();
    dialog = page.getByRole("dialog", { name: "Résoudre le rapport" });
    await dialog.getByRole("button", { name: "Résoudre" }).click();
    await dialog.getByText("Décrivez la résolution.").waitFor();
    await field(dialog, "Résolution").fill("Corrigé par la mise à jour 5.2.1 du pilote d'impression.");
    await dialog.getByRole("button", { name: "Résoudre" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("alert").filter({ hasText: "Statut : Résolu." }).waitFor();
    await timeline.getByText("Sam Support a changé le statut :").waitFor();
    await page.getByText("Corrigé par la mise à jour 5.2.1 du pilote d'impression.").first().waitFor();
    // Only the moves the workflow allows from "resolved" are offered.
    const moves = page.getByRole("group", { name: "Passer à :" });
    expect(await moves.getByRole("button").allInnerTexts()).toEqual(["Clore", "Rouvrir"]);
    await page.mouse.move(0, 0);
    await expect.poll(() => page.getByRole("alert").count(), { timeout: 10_000 }).toBe(0);
    await screenshot(page, "reports-04-report-detail");

    const report = await reportOf(id);
    expect(report.status).toBe("resolved");
    expect(report.events.filter((e) => e.kind === "callback").map((e) => e.outcome)).toEqual(["reached", "no_answer"]);
    const card = await app.api.value<{ reports: { reference: string; status: string }[] }>("people.get", { id: personId }, agentSession);
    expect(card.reports.find((r) => r.reference === reference)?.status).toBe("resolved");
  });

  it("shows a stale save's conflict in a toast and reloads the report", async () => {
    const { id } = await app.api.value<{ id: number }>("reports.create", { personId, productId, title: "Licence refusée au démarrage" }, agentSession);
    const { page } = await newPage();
    // This desk does not hear of the colleague's change before its click (a live update still on the
    // way): held back from the start, or the page may show the new version first and not be stale.
    await page.route("**/api/events.wait", () => undefined);
    await signIn(page, SUPPORT);
    await go(page, `/reports/${id}`);
    await page.getByRole("heading", { name: "Licence refusée au démarrage" }).waitFor();

    // A colleague takes the report meanwhile.
    const other = await app.api.login(SUPPORT_2.username, SUPPORT_2.password);
    const users = await app.api.value<{ id: number; displayName: string }[]>("reports.assignees", {}, other);
    const sophie = users.find((u) => u.displayName === SUPPORT_2.displayName)!;
    await app.api.value("reports.assign", { id, version: (await reportOf(id)).version, assigneeId: sophie.id }, other);

    await page.getByRole("button", { name: "Trier" }).click();
    await page.getByRole("alert").filter({ hasText: "Quelqu'un a modifié cet élément entre-temps." }).waitFor();
    // Reloaded: the colleague's assignment is on screen, the status unchanged.
    await expect.poll(() => page.getByRole("combobox", { name: "Assigné à" }).inputValue()).toBe(SUPPORT_2.displayName);
    expect((await reportOf(id)).status).toBe("new");
  });

  it("renders HTML, script and markdown from callers as plain text", async () => {
    const { id, reference } = await app.api.value<{ id: number; reference: string }>(
      "reports.create",
      { personId, productId, title: XSS.slice(0, 200), description: XSS, steps: XSS },
      agentSession,
    );
    await app.api.value("reports.comment", { id, text: XSS }, supportSession);
    const { page, alerts } = await newPage();
    await signIn(page, SUPPORT);

    await go(page, `/reports/${id}`);
    await page.getByRole("heading", { name: XSS.slice(0, 200) }).waitFor();
    // Title, description, steps and the comment: four times, literally, as text.
    await expect.poll(() => page.getByText(XSS, { exact: true }).count()).toBe(4);
    expect(await page.locator("main img, main script").count()).toBe(0);

    await go(page, "/reports");
    await page.getByRole("textbox", { name: "Rechercher" }).fill("");
    await queueTable(page).getByRole("link", { name: reference }).waitFor();
    await queueTable(page).getByText(XSS.slice(0, 200), { exact: true }).waitFor();

    expect(alerts).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it("highlights overdue call-backs in the queue and lists the day's call-backs with the number to dial", async () => {
    // The server accepts a call-back time up to a minute back: this one is overdue at once.
    const late = await app.api.value<{ id: number; reference: string }>(
      "reports.create",
      { personId, productId, title: "Sauvegarde interrompue", severity: "critical", callbackConsent: true, callbackPhone: "079 123 45 67", callbackWindow: "Avant 10 h", callbackBefore: Date.now() - 30_000 },
      agentSession,
    );
    const soon = await app.api.value<{ id: number; reference: string }>(
      "reports.create",
      { personId, productId, title: "Rapport mensuel vide", callbackConsent: true, callbackPhone: "022 735 33 92", callbackBefore: Date.now() + 60_000 },
      agentSession,
    );

    const { page } = await newPage();
    await signIn(page, SUPPORT);
    await go(page, "/reports");
    await page.getByRole("textbox", { name: "Rechercher" }).fill("");
    const table = queueTable(page);
    const lateRow = table.getByRole("row").filter({ hasText: late.reference });
    await lateRow.waitFor();
    // Said in words and with an icon, not by colour alone.
    expect(await lateRow.innerText()).toContain("En retard");
    expect(await lateRow.getAttribute("data-overdue")).toBe("true");
    expect(await table.getByRole("row").filter({ hasText: soon.reference }).getAttribute("data-overdue")).toBeNull();

    await page.getByRole("checkbox", { name: "Rappels en retard (1)" }).check();
    await page.getByText("1–1 sur 1").waitFor();
    await table.getByRole("link", { name: late.reference }).waitFor();
    await screenshot(page, "reports-05-queue-overdue");
    await page.getByRole("checkbox", { name: "Rappels en retard (1)" }).uncheck();

    // Sorting is the server's: by severity, the critical report comes first.
    await table.getByRole("button", { name: "Gravité" }).click();
    await expect.poll(async () => table.getByRole("row").nth(1).innerText()).toContain(late.reference);
    expect(await page.getByRole("columnheader", { name: "Gravité" }).getAttribute("aria-sort")).toBe("descending");

    await page.getByRole("tab", { name: "Rappels du jour" }).click();
    const due = page.getByRole("table", { name: "Rappels du jour" });
    const rows = due.getByRole("row");
    await rows.nth(1).getByRole("link", { name: late.reference }).waitFor();
    await rows.nth(2).getByRole("link", { name: soon.reference }).waitFor();
    await rows.nth(1).getByText("En retard").waitFor();
    expect(await rows.nth(1).getByRole("link", { name: "079 123 45 67" }).getAttribute("href")).toBe("tel:+41791234567");
    expect(await rows.nth(2).getByRole("link", { name: "022 735 33 92" }).getAttribute("href")).toBe("tel:+41227353392");
    await rows.nth(1).getByText("Avant 10 h").waitFor();
    await screenshot(page, "reports-07-callbacks-today");

    // The report itself says it too.
    await rows.nth(1).getByRole("link", { name: late.reference }).click();
    await page.getByRole("heading", { name: "Sauvegarde interrompue" }).waitFor();
    await page.getByText("En retard").first().waitFor();
  });
});
