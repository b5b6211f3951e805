import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

const ADMIN = { username: "admin", password: "admin password 1" };
const MANAGER = { username: "mroux", displayName: "Marc Roux", role: "manager", password: "manager password 1" };
const AGENT = { username: "afavre", displayName: "Alice Favre", role: "agent", password: "agent password 1" };
const COURSE = { code: "JC-101", titleFr: "JetCompta : les bases", titleEn: "JetCompta basics" };

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let managerSession: string;
let agentSession: string;
let courseId: number;
let person: { id: number; firstName: string; lastName: string };
let other: { id: number };

interface Request {
  id: number;
  version: number;
  status: string;
}

/** A session date the server accepts: some days ahead, as a Geneva calendar day. */
function genevaDay(daysAhead: number): { swiss: string; iso: string } {
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich" }).format(Date.now() + daysAhead * 86_400_000);
  const [year, month, day] = iso.split("-");
  return { iso, swiss: `${day}.${month}.${year}` };
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const admin = await app.api.createAdmin(ADMIN.username, ADMIN.password);
  await app.api.createUser(admin, MANAGER);
  await app.api.createUser(admin, AGENT);
  managerSession = await app.api.login(MANAGER.username, MANAGER.password);
  agentSession = await app.api.login(AGENT.username, AGENT.password);

  const course = await app.api.value<{ id: number }>(
    "courses.save",
    { ...COURSE, description: "Saisie, TVA et bouclement avec JetCompta.", languages: ["fr", "en"], durationValue: 2, durationUnit: "days", format: "premises" },
    managerSession,
  );
  courseId = course.id;
  await app.api.value("courses.save", { code: "JS-200", titleFr: "Salaires avec JetSalaires", titleEn: "Payroll with JetSalaires", languages: ["fr"], durationValue: 4, durationUnit: "hours", format: "online" }, managerSession);

  const company = await app.api.value<{ id: number }>("companies.create", { name: "Boulangerie Rochat SA" }, agentSession);
  person = await app.api.value("people.create", { firstName: "Léa", lastName: "Rochat", companyId: company.id, phones: [{ number: "079 555 12 34" }, { number: "022 735 33 92", kind: "work" }] }, agentSession);
  other = await app.api.value("people.create", { firstName: "Paul", lastName: "Dubois", phones: [{ number: "078 111 22 33" }] }, agentSession);

  // What callers said besides training: the managers' lists.
  await app.api.value("interactions.log", { personId: person.id, channel: "call_in", purpose: "comment", summary: "Bravo pour la nouvelle version, bien plus rapide." }, agentSession);
  await app.api.value("interactions.log", { personId: other.id, channel: "email", purpose: "comment", summary: "Il manque un export PDF des écritures." }, agentSession);
  await app.api.value("interactions.log", { personId: other.id, channel: "call_in", purpose: "information", summary: "Horaires du support pendant les fêtes." }, agentSession);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signedIn(user: { username: string; password: string }): Promise<Page> {
  const { context, page } = await openPage(browser);
  contexts.push(context);
  page.setDefaultTimeout(10_000);
  await page.goto(app.url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(user.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("navigation", { name: /^(Navigation principale|Main navigation)$/ }).waitFor();
  return page;
}

/** Follows an address inside the app (the hash router), as a link would. */
async function go(page: Page, path: string) {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#${path}`);
}

/** Picks an option of a Mantine select: open it by its label, click the option. */
async function choose(page: Page, scope: Page | Locator, label: string, option: string | RegExp) {
  await scope.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option }).click();
}

const textbox = (scope: Page | Locator, name: string) => scope.getByRole("textbox", { name, exact: true });

async function requestsOf(personId: number): Promise<{ id: number; status: string; courseCode: string }[]> {
  const card = await app.api.value<{ training: { id: number; status: string; courseCode: string }[] }>("people.get", { id: personId }, agentSession);
  return card.training;
}

describe("training requests", () => {
  it("lets an agent take a training request during a call, from the person's card with Alt+T", async () => {
    const page = await signedIn(AGENT);
    // The card is open (whatever the people screens show there); Alt+T takes its person. The
    // address is loaded as such, so the shell is drawn on that route before the key is pressed.
    await page.goto(`${app.origin}/#/people/${person.id}`);
    await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
    await page.keyboard.press("Alt+T");
    const form = page.getByRole("form", { name: "Nouvelle demande de formation" });
    await form.waitFor();
    expect(page.url()).toContain(`/training/new?personId=${person.id}`);
    const caller = page.getByRole("complementary", { name: "Interlocuteur" });
    await caller.getByRole("link", { name: "Léa Rochat" }).waitFor();
    // The company defaults to the person's.
    await expect.poll(() => form.getByRole("combobox", { name: "Entreprise" }).inputValue()).toBe("Boulangerie Rochat SA");

    // Only active courses, titled in the interface language.
    await choose(page, form, "Formation", "JC-101 — JetCompta : les bases");
    await textbox(form, "Période souhaitée").fill("mars, avant les vacances");
    await textbox(form, "Participants").fill("0");
    await form.getByRole("radio", { name: "Dans nos locaux à Genève" }).check();
    await textbox(form, "Remarques").fill("Trois personnes de la comptabilité, dont une débutante.");
    await form.getByRole("checkbox", { name: /accepte d'être rappelée/ }).check();
    await form.getByRole("radio", { name: "022 735 33 92" }).check();
    await form.getByRole("button", { name: "Enregistrer la demande" }).click();
    // The server refuses zero participants; its message sits under the field.
    const participants = textbox(form, "Participants");
    await expect.poll(() => participants.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await participants.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${describedBy.split(" ").find((id) => id.includes("error"))}"]`).innerText()).not.toBe("");

    await participants.fill("3");
    await screenshot(page, "training-02-request-form");
    await form.getByRole("button", { name: "Enregistrer la demande" }).click();

    await page.getByRole("heading", { name: /^Demande n° \d+$/ }).waitFor();
    await page.getByText("Demandée", { exact: true }).first().waitFor();
    await page.getByText("Oui, au 022 735 33 92").waitFor();
    // An agent sees the sessions but does not schedule.
    await page.getByText(/La planification est faite par le support ou un responsable/).waitFor();

    const requests = await requestsOf(person.id);
    expect(requests).toEqual([expect.objectContaining({ courseCode: "JC-101", status: "requested" })]);
    // The server logged the call as a training interaction on the person's timeline.
    const card = await app.api.value<{ timeline: { purpose: string }[] }>("people.get", { id: person.id }, agentSession);
    expect(card.timeline.map((entry) => entry.purpose)).toContain("training");

    // Agents have no managers' lists.
    expect(await page.getByRole("tab", { name: "Commentaires et suggestions" }).count()).toBe(0);
  });

  it("opens the person picker with Alt+T away from a card", async () => {
    const page = await signedIn(AGENT);
    await page.getByRole("link", { name: "Formations" }).click();
    await page.getByRole("table", { name: "Demandes de formation" }).waitFor();
    await page.keyboard.press("Alt+T");
    await page.getByRole("heading", { name: "Pour qui est la demande ?" }).waitFor();
    await page.getByRole("combobox", { name: "Personne" }).fill("Dubois");
    await page.getByRole("option", { name: /Dubois Paul/ }).click();
    await page.getByRole("form", { name: "Nouvelle demande de formation" }).waitFor();
    expect(page.url()).toContain(`personId=${other.id}`);
  });

  it("lets a manager plan a session and schedule the request; overbooking shows the seats left", async () => {
    const page = await signedIn(MANAGER);
    await page.getByRole("link", { name: "Formations" }).click();
    const board = page.getByRole("table", { name: "Demandes de formation" });
    await board.getByRole("row").filter({ hasText: "Léa Rochat" }).waitFor();
    await screenshot(page, "training-01-board");

    // The catalogue, then the course, then a new session.
    await page.getByRole("tab", { name: "Catalogue et sessions" }).click();
    const catalogue = page.getByRole("table", { name: "Catalogue des formations" });
    await catalogue.getByRole("row").filter({ hasText: "JC-101" }).waitFor();
    await screenshot(page, "training-04-catalogue");
    await catalogue.getByRole("row").filter({ hasText: "JC-101" }).click();
    await page.getByRole("heading", { name: /JetCompta : les bases/ }).waitFor();
    await page.getByRole("button", { name: "Nouvelle session" }).click();

    const dialog = page.getByRole("dialog", { name: "Nouvelle session" });
    // A new session cannot start in the past: the server says so under the date.
    await textbox(dialog, "Premier jour").fill(genevaDay(-2).swiss);
    await textbox(dialog, "Dernier jour").fill(genevaDay(-1).swiss);
    await textbox(dialog, "Capacité").fill("4");
    await textbox(dialog, "Lieu").fill("Rue de Lausanne 63, Genève");
    await textbox(dialog, "Formateur ou formatrice").fill("Sophie Martin");
    await dialog.getByRole("button", { name: "Nouvelle session" }).click();
    await dialog.getByText("La date ne peut pas être dans le passé.").waitFor();
    await screenshot(page, "training-08-session-form");

    const start = genevaDay(30);
    const end = genevaDay(31);
    await textbox(dialog, "Premier jour").fill(start.swiss);
    await textbox(dialog, "Dernier jour").fill(end.swiss);
    await dialog.getByRole("button", { name: "Nouvelle session" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: `Session du ${start.swiss} – ${end.swiss}` }).waitFor();
    await page.getByText("4 places restantes").waitFor();

    // Back to the board; the request opens from its row.
    await page.getByRole("tab", { name: "Demandes", exact: true }).click();
    await board.getByRole("row").filter({ hasText: "Léa Rochat" }).click();
    await page.getByRole("heading", { name: /^Demande n° \d+$/ }).waitFor();
    await page.getByRole("link", { name: "Léa Rochat" }).waitFor();
    expect(await page.getByRole("link", { name: "Léa Rochat" }).getAttribute("href")).toBe(`#/people/${person.id}`);
    const sessions = page.getByRole("table", { name: "Sessions disponibles" });
    await sessions.getByRole("row").filter({ hasText: "4 / 4" }).waitFor();
    await sessions.getByRole("button", { name: `Planifier dans la session du ${start.swiss} – ${end.swiss}` }).click();
    await page.getByRole("link", { name: `Session du ${start.swiss}` }).waitFor();
    await page.getByText("Planifiée", { exact: true }).first().waitFor();
    await sessions.getByRole("row").filter({ hasText: "1 / 4" }).waitFor();
    await screenshot(page, "training-03-request-detail");

    // The person's card has it as scheduled.
    expect(await requestsOf(person.id)).toEqual([expect.objectContaining({ status: "scheduled" })]);

    // A second request for three more people does not fit in the one seat left.
    const second = await app.api.value<Request>("training.create", { personId: other.id, courseId, participants: 3, language: "fr", format: "premises" }, agentSession);
    await go(page, `/training/requests/${second.id}`);
    await page.getByRole("heading", { name: `Demande n° ${second.id}` }).waitFor();
    await sessions.getByRole("button", { name: `Planifier dans la session du ${start.swiss} – ${end.swiss}` }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "Planification refusée" });
    await refusal.getByText("Plus assez de places : 1 restante(s).").waitFor();
    await screenshot(page, "training-07-overbooking");
    expect((await app.api.value<Request>("training.get", { id: second.id }, agentSession)).status).toBe("requested");

    // The session lists its participants' requests and the seats left.
    await page.getByRole("link", { name: `${start.swiss} – ${end.swiss}` }).click();
    const participants = page.getByRole("table", { name: "Demandes inscrites à la session" });
    await participants.getByRole("row").filter({ hasText: "Léa Rochat" }).waitFor();
    expect(await participants.getByRole("row").filter({ hasText: "Paul Dubois" }).count()).toBe(0);
    await page.getByText("1 place restante").waitFor();
    await screenshot(page, "training-05-session");

    // Cancelling asks for the reason.
    await go(page, `/training/requests/${second.id}`);
    await page.getByRole("button", { name: "Annuler la demande…" }).click();
    const cancel = page.getByRole("dialog", { name: "Annuler la demande" });
    await cancel.getByRole("button", { name: "Annuler la demande" }).click();
    await cancel.getByText("Champ obligatoire.").waitFor();
    await cancel.getByRole("textbox", { name: "Motif de l'annulation" }).fill("Budget reporté à l'an prochain");
    await cancel.getByRole("button", { name: "Annuler la demande" }).click();
    await cancel.waitFor({ state: "detached" });
    await page.getByText("Budget reporté à l'an prochain").waitFor();
    expect(await page.getByRole("button", { name: "Annuler la demande…" }).count()).toBe(0);

    // The board filters by status on the server.
    await page.getByRole("tab", { name: "Demandes", exact: true }).click();
    await board.getByRole("row").filter({ hasText: "Paul Dubois" }).waitFor();
    await choose(page, page, "Statut", "Planifiée");
    await page.keyboard.press("Escape");
    await expect.poll(async () => (await board.getByRole("row").allInnerTexts()).slice(1)).toEqual([expect.stringContaining("Léa Rochat")]);
    await page.getByText("1–1 sur 1").waitFor();
  });

  it("shows course titles in the interface language", async () => {
    const page = await signedIn(MANAGER);
    // The choice is remembered for the account: put French back whatever happens here.
    onTestFinished(async () => {
      await app.api.value("session.setLanguage", { language: "fr" }, managerSession);
    });
    await page.getByRole("link", { name: "Formations" }).click();
    const board = page.getByRole("table", { name: "Demandes de formation" });
    await board.getByText("JetCompta : les bases").first().waitFor();

    await page.getByRole("radiogroup", { name: "Langue de l'interface" }).getByText("EN", { exact: true }).click();
    await page.getByRole("tab", { name: "Requests", exact: true }).waitFor();
    const englishBoard = page.getByRole("table", { name: "Training requests" });
    await englishBoard.getByText("JetCompta basics").first().waitFor();
    expect(await englishBoard.getByText("JetCompta : les bases").count()).toBe(0);
    await screenshot(page, "training-09-board-en");

    await page.getByRole("tab", { name: "Courses and sessions" }).click();
    const catalogue = page.getByRole("table", { name: "Course catalogue" });
    await catalogue.getByRole("row").filter({ hasText: "JetCompta basics" }).waitFor();
    await catalogue.getByRole("row").filter({ hasText: "Payroll with JetSalaires" }).waitFor();

    // The server answers in the same language once the choice is saved.
    await expect.poll(async () => (await app.api.value<{ title: string }[]>("courses.list", {}, managerSession))[0]?.title).toBe("JetCompta basics");
    await page.getByRole("radiogroup", { name: "Interface language" }).getByText("FR", { exact: true }).click();
    await page.getByRole("table", { name: "Catalogue des formations" }).getByRole("row").filter({ hasText: "JetCompta : les bases" }).waitFor();
  });

  it("gives managers the comments and suggestions, filtered by text", async () => {
    const page = await signedIn(MANAGER);
    await page.getByRole("link", { name: "Formations" }).click();
    await page.getByRole("tab", { name: "Commentaires et suggestions" }).click();
    const list = page.getByRole("table", { name: "Commentaires et suggestions" });
    await list.getByRole("row").filter({ hasText: "Bravo pour la nouvelle version" }).waitFor();
    await list.getByRole("row").filter({ hasText: "Il manque un export PDF" }).waitFor();
    // Information requests are a list of their own.
    expect(await list.getByText("Horaires du support").count()).toBe(0);

    await page.getByRole("searchbox", { name: "Texte contenu" }).fill("écritures");
    await expect.poll(async () => (await list.getByRole("row").allInnerTexts()).slice(1)).toEqual([expect.stringContaining("Il manque un export PDF des écritures.")]);
    const row = list.getByRole("row").filter({ hasText: "Il manque un export PDF" });
    expect(await row.getByRole("link", { name: "Paul Dubois" }).getAttribute("href")).toBe(`#/people/${other.id}`);
    await screenshot(page, "training-06-comments");

    await page.getByRole("tab", { name: "Demandes d'information" }).click();
    await page.getByRole("table", { name: "Demandes d'information" }).getByRole("row").filter({ hasText: "Horaires du support pendant les fêtes." }).waitFor();
  });
});
