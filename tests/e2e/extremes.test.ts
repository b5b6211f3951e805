import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DAY, MAX_INSTANT, MIN_DAY, MIN_INSTANT } from "../../common/date-range";
import { HOSTILE_TEXTS, stored } from "../fixtures/hostile-strings";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/*
 * Stored extremes flow everywhere (issue 12, "the standing suite"): the largest and the smallest
 * value each field accepts is stored through the API, then every screen is opened in Chromium and
 * must draw its main content with the extreme text in it (no blank page, no error screen), and
 * the exports and the access report must succeed. Lengths are the zod schemas' maxima
 * (electron/api/operations/*.ts); dates the shared range of common/date-range.ts (1900–2200), or the
 * operation's own tighter bound (a session cannot start in the past, a call-back is in the future).
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
/** Display names at their maximum (120): they show in the queue, the audit log, the timeline. */
const MANAGER = { username: "m".repeat(64), displayName: `Manager ${"Longuenom".repeat(14)}`.slice(0, 120), password: "manager password 1", role: "manager" };
const AGENT = { username: "ab", displayName: "A", password: "agent password 1", role: "agent" };
const SUPPORT = { username: "support", displayName: `Support ${"Technicien".repeat(12)}`.slice(0, 120), password: "support password", role: "support" };

/** A text of exactly `length` UTF-16 units: `head` (to find it on screen), then `fill` repeated. */
function sized(length: number, head: string, fill = " lorem ipsum dolor sit amet"): string {
  let s = head;
  while (s.length < length) s += fill;
  return s.slice(0, length).trimEnd().padEnd(length, "x");
}
/** One unbroken word: the worst case for a layout. */
const word = (length: number, head: string) => sized(length, head, "Wolfeschlegelsteinhausenbergerdorff");

const X = {
  firstName: word(100, "Maximiliane"),
  lastName: word(100, "Zwiebelhausen"),
  street: sized(200, "Route de la Très-Longue-Rue"),
  postalCode: "CH-1204-9999",
  city: word(100, "Villeneuvelongue"),
  companyName: sized(200, "Entreprise Extrême SA"),
  website: `https://example.ch/${"a".repeat(300 - "https://example.ch/".length)}`,
  summary: sized(4000, "Résumé extrême de l'appel"),
  productName: word(100, "JetExtreme"),
  version: sized(50, "v9999."),
  reportTitle: word(200, "TitreExtreme"),
  description: sized(20_000, "Description extrême du problème"),
  steps: sized(20_000, "Étapes extrêmes"),
  environment: sized(500, "Environnement extrême"),
  callbackWindow: sized(500, "Créneau extrême"),
  comment: sized(20_000, "Commentaire extrême"),
  resolution: sized(20_000, "Résolution extrême"),
  courseCode: "ABCDEFGHIJ-12345.6_7",
  courseTitleFr: word(200, "FormationExtreme"),
  courseTitleEn: word(200, "ExtremeCourse"),
  courseDescription: sized(4000, "Description de formation extrême"),
  place: sized(200, "Salle extrême"),
  trainer: word(120, "Formateurextreme"),
  preferredPeriod: sized(200, "Période extrême"),
  notes: sized(4000, "Remarques extrêmes"),
  details: sized(4000, "Demande extrême"),
  extensionReason: sized(1000, "Motif de prolongation extrême"),
  recipient: word(200, "Destinataireextreme"),
  legalBasis: sized(500, "Base légale extrême"),
  disclosureNote: sized(2000, "Note de communication extrême"),
};
/** Emails at 254 characters (64 before the @). */
const longEmail = (n: number) => `${String(n).padStart(2, "0")}${"e".repeat(62)}@${"d".repeat(62)}.${"c".repeat(62)}.${"b".repeat(60)}.ch`;

let app: RunningApp;
let browser: Browser;
let adminSession: string;
let managerSession: string;
let agentSession: string;
let supportSession: string;
const ids = {} as Record<"big" | "small" | "hostile" | "company" | "product" | "course" | "smallCourse" | "reportMax" | "reportSoon" | "sessionMax" | "sessionToday" | "training" | "request" | "accessRequest", number>;
let reference = "";

/** A Geneva calendar day, days from now. */
const genevaDay = (daysAhead = 0) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich" }).format(Date.now() + daysAhead * 86_400_000);

/**
 * The smallest instant an operation takes in a field: the shared range's first instant where the
 * schema already uses it, else the smallest positive millisecond (the older `positive()` fields).
 */
async function smallestInstant(op: string, input: Record<string, unknown>, field: string, session: string): Promise<number> {
  const probe = await app.api.call(op, { ...input, [field]: MIN_INSTANT }, session);
  if (probe.ok) return MIN_INSTANT;
  expect(probe.error).toMatchObject({ code: "VALIDATION", field });
  return 1;
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  adminSession = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [MANAGER, AGENT, SUPPORT]) await app.api.createUser(adminSession, user);
  managerSession = await app.api.login(MANAGER.username, MANAGER.password);
  agentSession = await app.api.login(AGENT.username, AGENT.password);
  supportSession = await app.api.login(SUPPORT.username, SUPPORT.password);
  await app.api.value("settings.update", { "session.idleMinutes": 240 }, adminSession);
  const api = app.api;

  ids.product = (await api.value<{ id: number }>("products.save", { name: X.productName, versions: Array.from({ length: 50 }, (_, i) => `${X.version.slice(0, 47)}${String(i).padStart(3, "0")}`) }, adminSession)).id;
  await api.value("products.save", { name: "J", versions: [] }, adminSession);

  ids.company = (
    await api.value<{ id: number }>(
      "companies.create",
      { name: X.companyName, phone: "+41 22 735 33 92", street: X.street, postalCode: X.postalCode, city: X.city, country: "CH", website: X.website },
      agentSession,
    )
  ).id;
  const big = await api.value<{ id: number }>(
    "people.create",
    {
      salutation: "mx",
      firstName: X.firstName,
      lastName: X.lastName,
      language: "en",
      companyId: ids.company,
      phones: Array.from({ length: 10 }, (_, i) => ({ number: `+41 79 555 12 ${String(10 + i)}`, isPrimary: i === 0 })),
      emails: Array.from({ length: 10 }, (_, i) => ({ email: longEmail(i), isPrimary: i === 0 })),
      addresses: Array.from({ length: 5 }, () => ({ street: X.street, postalCode: X.postalCode, city: X.city, country: "LI" })),
    },
    agentSession,
  );
  ids.big = big.id;
  ids.small = (await api.value<{ id: number }>("people.create", { lastName: "Ö" }, agentSession)).id;

  const oldest = await smallestInstant("interactions.log", { personId: ids.small, channel: "call_in", purpose: "comment", summary: "" }, "at", agentSession);
  if (oldest !== MIN_INSTANT) await api.value("interactions.log", { personId: ids.small, channel: "call_in", purpose: "comment", summary: "", at: oldest }, agentSession);
  await api.value("interactions.log", { personId: ids.big, channel: "call_in", purpose: "comment", summary: X.summary }, agentSession);
  await api.value("interactions.log", { personId: ids.big, channel: "email", purpose: "information", summary: X.summary }, agentSession);

  const report = await api.value<{ id: number; reference: string }>(
    "reports.create",
    {
      personId: ids.big,
      productId: ids.product,
      productVersion: X.version,
      environment: X.environment,
      title: X.reportTitle,
      description: X.description,
      steps: X.steps,
      frequency: "always",
      severity: "critical",
      callbackConsent: true,
      callbackPhone: "+41 79 555 12 10",
      callbackWindow: X.callbackWindow,
      callbackBefore: MAX_INSTANT,
    },
    agentSession,
  );
  ids.reportMax = report.id;
  reference = report.reference;
  await api.value("reports.comment", { id: report.id, text: X.comment }, supportSession);
  const r = await api.value<{ version: number }>("reports.get", { id: report.id }, supportSession);
  const assigned = await api.value<{ version: number }>("reports.assign", { id: report.id, version: r.version, assigneeId: (await api.value<any>("session.me", {}, supportSession)).user.id }, supportSession);
  await api.value("reports.setStatus", { id: report.id, version: assigned.version, status: "waiting_for_customer", note: X.resolution, nextCallbackAt: MAX_INSTANT }, supportSession);
  // The soonest call-back a report takes: a minute from now, so it is on today's list.
  const soon = await api.value<{ id: number }>("reports.create", { personId: ids.big, productId: ids.product, title: "T", callbackConsent: true, callbackPhone: "+41 79 555 12 10", callbackBefore: Date.now() + 120_000 }, agentSession);
  ids.reportSoon = soon.id;

  const course = await api.value<{ id: number }>(
    "courses.save",
    { code: X.courseCode, titleFr: X.courseTitleFr, titleEn: X.courseTitleEn, description: X.courseDescription, languages: ["fr", "en", "de", "it"], durationValue: 1000, durationUnit: "days", format: "premises" },
    managerSession,
  );
  ids.course = course.id;
  ids.smallCourse = (await api.value<{ id: number }>("courses.save", { code: "A", titleFr: "F", titleEn: "C", languages: ["fr"], durationValue: 1, durationUnit: "hours", format: "online" }, managerSession)).id;
  ids.sessionMax = (await api.value<{ id: number }>("sessions.save", { courseId: ids.course, startsOn: MAX_DAY, endsOn: MAX_DAY, place: X.place, capacity: 500, trainer: X.trainer }, managerSession)).id;
  ids.sessionToday = (await api.value<{ id: number }>("sessions.save", { courseId: ids.smallCourse, startsOn: genevaDay(), endsOn: genevaDay(), capacity: 1 }, managerSession)).id;
  const training = await api.value<{ id: number; version: number }>(
    "training.create",
    { personId: ids.big, courseId: ids.course, preferredPeriod: X.preferredPeriod, participants: 200, language: "it", format: "premises", companyId: ids.company, notes: X.notes, callbackConsent: true, callbackPhone: "+41 79 555 12 10" },
    agentSession,
  );
  ids.training = training.id;
  await api.value("training.assignSession", { id: training.id, version: training.version, sessionId: ids.sessionMax }, managerSession);

  // Received on the first day of the range: 126 years overdue, then extended as far as the law allows.
  const request = await api.value<{ id: number }>("privacy.requests.create", { personId: ids.big, kind: "objection", channel: "letter", receivedOn: MIN_DAY, details: X.details }, agentSession);
  ids.request = request.id;
  const got = await api.value<{ version: number }>("privacy.requests.get", { id: request.id }, managerSession);
  await api.value("privacy.requests.extend", { id: request.id, version: got.version, dueOn: "1900-04-01", reason: X.extensionReason }, managerSession);
  const access = await api.value<{ id: number }>("privacy.requests.create", { personId: ids.big, kind: "access", channel: "phone", details: X.details }, agentSession);
  await api.value("privacy.requests.verifyIdentity", { id: access.id, method: "in_person" }, agentSession);
  ids.accessRequest = access.id;
  await api.value("disclosures.create", { personId: ids.big, recipient: X.recipient, legalBasis: X.legalBasis, categories: ["identity", "contact"], disclosedOn: MIN_DAY, note: X.disclosureNote }, managerSession);
  // The hostile-strings corpus said by one caller: on screen it is text, never markup or script.
  ids.hostile = (await api.value<{ id: number }>("people.create", { firstName: "Hostile", lastName: "Hxhostile", addresses: [{ street: HOSTILE_TEXTS[2]!.text, city: HOSTILE_TEXTS[3]!.text }] }, agentSession)).id;
  for (const { text } of HOSTILE_TEXTS) await api.value("interactions.log", { personId: ids.hostile, channel: "call_in", purpose: "comment", summary: text }, agentSession);
  await api.value("reports.create", { personId: ids.hostile, productId: ids.product, title: HOSTILE_TEXTS[2]!.text, description: HOSTILE_TEXTS.map((t) => t.text).join("\n") }, agentSession);
  await api.value("preferences.set", { personId: ids.big, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agentSession);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

interface Desk {
  page: Page;
  /** Uncaught errors in the page since the last screen. */
  errors: string[];
}

async function signIn(user: { username: string; password: string }): Promise<Desk> {
  const { page } = await openPage(browser);
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`${error.name}: ${error.message}`));
  // A dialog would be caller text run as script.
  page.on("dialog", (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(app.url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(user.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("navigation", { name: /^(Navigation principale|Main navigation)$/ }).waitFor();
  return { page, errors };
}

/** The first words of an extreme text: enough to find it on screen, wherever the layout cuts it. */
const head = (s: string, n = 24) => s.slice(0, n);

/**
 * Opens a screen by its address as a link would, waits for each expected text, checks the screen
 * is drawn (navigation and main content, no uncaught error) and takes its screenshot.
 */
async function visit(desk: Desk, name: string, path: string, expected: (string | RegExp)[], scope?: (page: Page) => Locator) {
  const { page, errors } = desk;
  errors.length = 0;
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#${path}`);
  const within = scope ? scope(page) : page.locator("body");
  for (const text of expected) await within.getByText(text).first().waitFor({ state: "visible" });
  // Drawn, not loading: a heading in the main content and no spinner left.
  await page.locator("main").getByRole("heading").first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll("main .mantine-Loader-root").length === 0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  await page.getByRole("navigation", { name: /^(Navigation principale|Main navigation)$/ }).waitFor();
  expect(errors, `${name}: uncaught errors`).toEqual([]);
  expect((await page.locator("main").innerText()).trim().length, `${name}: main content`).toBeGreaterThan(0);
  await screenshot(page, `extremes-${name}`);
  expect.soft(await pastTheRightEdge(page), `${name}: content pushed past the window's right edge`).toEqual([]);
}

/**
 * Elements of the main content drawn beyond the window's right edge, where no scrolling or
 * clipping box of their own holds them: a long text must wrap or be cut with an ellipsis, never
 * push buttons, columns or its own end out of sight.
 */
function pastTheRightEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 1;
    const offenders = new Set<Element>();
    const out: string[] = [];
    for (const el of document.querySelectorAll("main *")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= edge) continue;
      let skip = false;
      for (let a = el.parentElement; a && a.tagName !== "MAIN" && !skip; a = a.parentElement) {
        // Held by a box that scrolls or clips inside the window, or already reported with its container.
        skip = offenders.has(a) || (getComputedStyle(a).overflowX !== "visible" && a.getBoundingClientRect().right <= edge);
      }
      if (skip) continue;
      offenders.add(el);
      out.push(`<${el.tagName.toLowerCase()}> right=${Math.round(box.right)} "${(el.textContent ?? "").slice(0, 40)}"`);
    }
    return out;
  });
}

describe("stored extremes on every screen", () => {
  it("an agent's screens: lookup, both cards, the company, the queue, the report, a training request form", async () => {
    const desk = await signIn(AGENT);
    const { page } = desk;
    await page.getByRole("textbox", { name: "Recherche globale" }).fill(head(X.lastName, 20));
    await page.getByText(head(X.lastName)).first().waitFor();
    await visit(desk, "lookup", "/", [head(X.lastName)]);
    await visit(desk, "card-max", `/people/${ids.big}`, [head(X.lastName), head(X.street), head(X.companyName), head(X.summary)]);
    await visit(desk, "card-min", `/people/${ids.small}`, [/^Ö$/]);
    await visit(desk, "card-hostile", `/people/${ids.hostile}`, [stored(HOSTILE_TEXTS[2]!.text), stored(HOSTILE_TEXTS[3]!.text), stored(HOSTILE_TEXTS[0]!.text)]);
    expect(await page.evaluate(() => document.querySelectorAll("main script, main img[onerror]").length)).toBe(0);
    await visit(desk, "company", `/companies/${ids.company}`, [head(X.companyName), head(X.lastName)]);
    await visit(desk, "report-queue", "/reports", [head(X.reportTitle), reference]);
    await visit(desk, "report-detail", `/reports/${ids.reportMax}`, [head(X.reportTitle), head(X.description), head(X.comment)]);
    await visit(desk, "report-new", `/reports/new?personId=${ids.big}`, [head(X.lastName)]);
    await visit(desk, "training-new", `/training/new?personId=${ids.big}`, [head(X.lastName)]);
    await page.context().close();
  });

  it("support's screens: call-backs today and the report worked with a call-back in 2200", async () => {
    const desk = await signIn(SUPPORT);
    await visit(desk, "callbacks-today", "/reports/callbacks", [/^T$/]);
    await visit(desk, "report-detail-support", `/reports/${ids.reportMax}`, [head(X.reportTitle), head(X.resolution), head(X.callbackWindow)]);
    await visit(desk, "report-detail-soon", `/reports/${ids.reportSoon}`, [/^T$/]);
    await desk.page.context().close();
  });

  it("a manager's screens: landing, dashboard, training, privacy register and tools, exports, audit", async () => {
    const desk = await signIn(MANAGER);
    await visit(desk, "manager-landing", "/", ["Derniers contacts", /^Ö$/]);
    await visit(desk, "dashboard", "/dashboard", ["Rappels en retard"]);
    await visit(desk, "training-board", "/training", [head(X.lastName)]);
    await visit(desk, "training-request", `/training/requests/${ids.training}`, [head(X.preferredPeriod), head(X.notes), head(X.courseTitleFr)]);
    await visit(desk, "course-catalogue", "/training/courses", [head(X.courseTitleFr)]);
    await visit(desk, "course-page", `/training/courses/${ids.course}`, [head(X.courseTitleFr), head(X.courseDescription)]);
    await visit(desk, "session-max", `/training/sessions/${ids.sessionMax}`, [head(X.place), head(X.trainer), /2200/]);
    await visit(desk, "session-today", `/training/sessions/${ids.sessionToday}`, ["← A — F"]);
    await visit(desk, "interactions-comment", "/training/interactions/comment", [head(X.summary)]);
    await visit(desk, "interactions-information", "/training/interactions/information", [head(X.summary)]);
    await visit(desk, "privacy-register", "/privacy", [head(X.lastName), /1900/]);
    await visit(desk, "privacy-request", `/privacy/requests/${ids.request}`, [head(X.details), head(X.extensionReason), /1900/]);
    await visit(desk, "privacy-access-request", `/privacy/requests/${ids.accessRequest}`, [head(X.details)]);
    await visit(desk, "privacy-tools-lists", "/privacy/tools/lists", []);
    await visit(desk, "privacy-tools-disclosures", "/privacy/tools/disclosures", [head(X.recipient), /1900/]);
    await visit(desk, "privacy-tools-retention", "/privacy/tools/retention", []);
    await visit(desk, "exports", "/exports", []);
    await visit(desk, "admin-audit-manager", "/admin/audit", [head(MANAGER.displayName)]);
    await desk.page.context().close();
  });

  it("the administrator's panels", async () => {
    const desk = await signIn(ADMIN);
    await visit(desk, "admin-users", "/admin/users", [head(MANAGER.displayName), MANAGER.username]);
    await visit(desk, "admin-settings", "/admin/settings", []);
    await visit(desk, "admin-privacy", "/admin/privacy", []);
    await visit(desk, "admin-products", "/admin/products", [head(X.productName)]);
    await visit(desk, "admin-audit", "/admin/audit", []);
    await visit(desk, "admin-backups", "/admin/backups", []);
    await visit(desk, "admin-diagnostics", "/admin/diagnostics", []);
    await desk.page.context().close();
  });
});

describe("stored extremes in the exports and the access report", () => {
  it("exports every record set to CSV and Excel", async () => {
    const { recordSets } = await app.api.value<{ recordSets: { key: string }[] }>("exports.recordSets", {}, managerSession);
    expect(recordSets.length).toBeGreaterThan(0);
    for (const { key } of recordSets) {
      for (const format of ["csv", "xlsx"]) {
        // The mailing list is one topic's: the only filter a record set requires.
        const filters = key === "mailingList" ? { topic: ["newsletter"] } : {};
        const started = await app.api.value<{ id: string }>("exports.start", { recordSet: key, format, filters }, managerSession);
        let view: { status: string; error?: unknown } = { status: "running" };
        await expect.poll(async () => (view = await app.api.value<{ status: string }>("exports.progress", { id: started.id }, managerSession)).status, { timeout: 30_000, interval: 100 }).not.toBe("running");
        expect(view, `${key} ${format}`).toMatchObject({ status: "done" });
      }
    }
  });

  it("gives the access report of the person holding every maximum, as JSON and a PDF with the longest texts", async () => {
    const result = await app.api.value<{ report: unknown; pdfBase64: string }>("privacy.accessReport", { requestId: ids.accessRequest }, agentSession);
    const json = JSON.stringify(result.report);
    for (const text of [X.lastName, X.description, X.comment, X.summary, X.notes, X.details]) expect(json).toContain(text);
    const pdf = await getDocument({ data: new Uint8Array(Buffer.from(result.pdfBase64, "base64")), useSystemFonts: false }).promise;
    let text = "";
    for (let i = 1; i <= pdf.numPages; i++) text += (await (await pdf.getPage(i)).getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join("");
    expect(text.replace(/\s+/g, "")).toContain(head(X.description, 40).replace(/\s+/g, ""));
    expect(pdf.numPages).toBeGreaterThan(10);
  });
});
