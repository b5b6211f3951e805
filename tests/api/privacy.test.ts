import { existsSync, readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { label } from "../../common/labels";
import { openTestApi } from "../fixtures/database";

let api: ReturnType<typeof openTestApi>;
let admin: string;
let agent: string;
let manager: string;
let support: string;
let productId: number;
let courseId: number;

beforeEach(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  await api.ok("settings.update", { "session.idleMinutes": 240 }, admin);
  agent = await api.loginAs("agent", admin);
  manager = await api.loginAs("manager", admin);
  support = await api.loginAs("support", admin);
  productId = (await api.ok<any>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
  courseId = (await api.ok<any>("courses.save", { code: "JC-101", titleFr: "JetCompta : les bases", titleEn: "JetCompta basics", languages: ["fr"], durationValue: 1, durationUnit: "days", format: "premises" }, manager)).id;
});
afterEach(() => api.cleanup());

const DAY = 86_400_000;

async function newRequest(personId: number, kind: string, extra: Record<string, unknown> = {}) {
  return api.ok<{ id: number; reference: string }>("privacy.requests.create", { personId, kind, channel: "phone", ...extra }, agent);
}
async function verified(personId: number, kind: string, method = "callback_on_file") {
  const request = await newRequest(personId, kind);
  await api.ok("privacy.requests.verifyIdentity", { id: request.id, method }, agent);
  return request;
}

async function pdfText(base64: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(Buffer.from(base64, "base64")), useSystemFonts: false }).promise;
  let text = "";
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join(" ") + "\n";
  }
  return text;
}

describe("the privacy-request register", () => {
  it("gives a reference and a due date 30 days after receipt, and logs the request on the card", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat", phones: [{ number: "079 555 12 34" }] }, agent);
    const request = await newRequest(person.id, "access", { receivedOn: "2026-11-20", details: "Veut savoir ce que nous avons sur lui" });
    expect(request.reference).toBe("DP-2026-00001");
    const got = await api.ok<any>("privacy.requests.get", { id: request.id }, agent);
    expect(got).toMatchObject({ receivedOn: "2026-11-20", dueOn: "2026-12-20", status: "open", identityMethod: null, person: { lastName: "Rochat" } });
    const card = await api.ok<any>("people.get", { id: person.id }, agent);
    expect(card.timeline[0]).toMatchObject({ purpose: "data_protection", summary: "DP-2026-00001" });
  });

  it("refuses a receipt date in the future and an impossible date, naming the field", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat" }, agent);
    expect(await api.call("privacy.requests.create", { personId: person.id, kind: "access", channel: "phone", receivedOn: "2026-12-01" }, agent)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "receivedOn" } });
    expect(await api.call("privacy.requests.create", { personId: person.id, kind: "access", channel: "phone", receivedOn: "2026-02-31" }, agent)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "receivedOn" } });
  });

  it("only accepts an identity check through something already on file", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat", phones: [{ number: "079 555 12 34" }] }, agent);
    const request = await newRequest(person.id, "erasure");
    expect(await api.call("privacy.requests.verifyIdentity", { id: request.id, method: "email_on_file" }, agent)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "method" } });
    const checked = await api.ok<any>("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" }, agent);
    expect(checked).toMatchObject({ identityMethod: "callback_on_file", identityCheckedByName: "Test agent" });
    expect(await api.call("privacy.requests.verifyIdentity", { id: request.id, method: "in_person" }, agent)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("lists pending requests by due date with the overdue ones flagged and counted", async () => {
    const a = await api.ok<any>("people.create", { lastName: "Alpha" }, agent);
    const b = await api.ok<any>("people.create", { lastName: "Beta" }, agent);
    await newRequest(a.id, "access", { receivedOn: "2026-10-01" }); // due 31 October: overdue
    await newRequest(b.id, "erasure", { receivedOn: "2026-11-24" });
    const done = await newRequest(b.id, "information");
    const got = await api.ok<any>("privacy.requests.get", { id: done.id }, agent);
    await api.ok("privacy.requests.complete", { id: done.id, version: got.version, outcome: "Politique envoyée par e-mail" }, agent);

    const list = await api.ok<any>("privacy.requests.list", {}, manager);
    expect(list.rows.map((r: any) => [r.person, r.dueOn, r.overdue])).toEqual([
      [" Alpha", "2026-10-31", true],
      [" Beta", "2026-12-24", false],
    ]);
    expect(list.counts).toEqual({ pending: 2, overdue: 1, dueSoon: 0 });
    expect((await api.ok<any>("privacy.requests.list", { status: "closed" }, manager)).rows).toHaveLength(1);
  });

  it("lets a manager extend with a reason and refuse with a legal reason; an agent may do neither", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat" }, agent);
    const request = await newRequest(person.id, "access");
    const r = await api.ok<any>("privacy.requests.get", { id: request.id }, agent);
    expect(await api.call("privacy.requests.extend", { id: r.id, version: r.version, dueOn: "2027-01-10", reason: "Archives" }, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await api.call("privacy.requests.extend", { id: r.id, version: r.version, dueOn: "2026-12-01", reason: "Archives" }, manager)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "dueOn" } });
    const extended = await api.ok<any>("privacy.requests.extend", { id: r.id, version: r.version, dueOn: "2027-01-10", reason: "Archives papier à consulter" }, manager);
    expect(extended).toMatchObject({ status: "extended", dueOn: "2027-01-10", originalDueOn: "2026-12-25", extensionReason: "Archives papier à consulter" });
    const refused = await api.ok<any>("privacy.requests.refuse", { id: r.id, version: extended.version, reason: "Demande manifestement abusive (art. 26 LPD)" }, manager);
    expect(refused).toMatchObject({ status: "refused", refusalReason: "Demande manifestement abusive (art. 26 LPD)", closedByName: "Test manager" });
  });

  it("links a correction request to the corrections made on the card", async () => {
    const person = await api.ok<any>("people.create", { firstName: "Jean", lastName: "Dupond" }, agent);
    const request = await verified(person.id, "rectification", "in_person");
    await api.ok("people.update", { id: person.id, version: person.version, lastName: "Dupont" }, agent);
    const got = await api.ok<any>("privacy.requests.get", { id: request.id }, agent);
    expect(got.corrections).toEqual([expect.objectContaining({ field: "lastName", oldValue: "Dupond", newValue: "Dupont" })]);
  });
});

describe("the access report", () => {
  it("is refused before the identity check and for a request of another kind", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat", phones: [{ number: "079 555 12 34" }] }, agent);
    const request = await newRequest(person.id, "access");
    expect(await api.call("privacy.accessReport", { requestId: request.id }, agent)).toMatchObject({ ok: false, error: { code: "CONFLICT", reason: "identity_not_checked" } });
    const erasure = await verified(person.id, "erasure");
    expect(await api.call("privacy.accessReport", { requestId: erasure.id }, agent)).toMatchObject({ ok: false, error: { code: "CONFLICT", reason: "wrong_request_kind" } });
    expect(await api.call("privacy.accessReport", { requestId: request.id }, support)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("holds every category of data with purpose, source and retention, as JSON and as a PDF in the person's language, and is audited", async () => {
    const company = await api.ok<any>("companies.create", { name: "Favre SA" }, agent);
    const person = await api.ok<any>(
      "people.create",
      { firstName: "Zoë", lastName: "Ωmega-O'Brien", language: "en", companyId: company.id, phones: [{ number: "+41 79 555 12 34" }], emails: [{ email: "zoe@example.ch" }], addresses: [{ street: "Rue du Rhône 1", postalCode: "1204", city: "Genève" }] },
      agent,
    );
    await api.ok("people.update", { id: person.id, version: person.version, firstName: "Zoé" }, agent);
    await api.ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: "A demandé les horaires 🙂" }, agent);
    const report = await api.ok<any>("reports.create", { personId: person.id, productId, title: "L'export plante", description: "Quand je clique « Exporter »" }, agent);
    await api.ok("reports.comment", { id: report.id, text: "Rappelée, attend la 5.3" }, support);
    await api.ok("training.create", { personId: person.id, courseId, participants: 2, language: "fr", format: "premises", notes: "Deux collègues" }, agent);
    await api.ok("preferences.set", { personId: person.id, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agent);
    await api.ok("settings.update", { "privacy.recipients": [{ name: "Infomaniak", purpose: "Hébergement des sauvegardes", country: "Suisse" }] }, admin);
    const request = await verified(person.id, "access");

    const result = await api.ok<any>("privacy.accessReport", { requestId: request.id }, agent);
    const data = result.report;
    expect(data.language).toBe("en");
    expect(data.controller).toMatchObject({ name: "Jet Info Sàrl", street: "Rue de Lausanne 63", phone: "+41 22 735 33 92" });
    const section = (category: string) => data.sections.find((s: any) => s.category === category);
    const rows = (category: string, table: string) => section(category).tables.find((t: any) => t.table === table).rows;
    expect(rows("identity", "people")).toEqual([expect.objectContaining({ first_name: "Zoé", last_name: "Ωmega-O'Brien", company_id: "Favre SA" })]);
    expect(rows("contact", "phones")).toEqual([expect.objectContaining({ e164: "+41795551234", is_primary: true })]);
    expect(rows("contact", "emails")[0].email).toBe("zoe@example.ch");
    expect(rows("interactions", "interactions").map((r: any) => r.summary)).toContain("A demandé les horaires 🙂");
    expect(rows("history", "person_history")).toEqual([expect.objectContaining({ field: "firstName", old_value: "Zoë", new_value: "Zoé" })]);
    expect(rows("error_reports", "error_reports")[0]).toMatchObject({ reference: report.reference, product_id: "JetCompta", description: "Quand je clique « Exporter »" });
    expect(rows("error_reports", "error_report_events").map((e: any) => e.text)).toContain("Rappelée, attend la 5.3");
    expect(rows("training", "training_requests")[0]).toMatchObject({ course_id: "JetCompta basics", notes: "Deux collègues" });
    expect(rows("preferences", "contact_preferences")[0]).toMatchObject({ topic: "newsletter", status: "opted_in", source: "call", changed_at: "2026-11-25T09:00:00.000Z" });
    expect(rows("privacy", "privacy_requests")[0]).toMatchObject({ reference: request.reference, identity_method: "callback_on_file" });
    for (const s of data.sections) expect(s.purpose && s.source && s.retention).toBeTruthy();
    expect(section("interactions").retention).toBe("3 years after the last activity, then erased.");
    // What is not the person's stays out: no internal ids, no digits index.
    expect(JSON.stringify(data)).not.toMatch(/digits_reversed|"person_id"/);

    const text = await pdfText(result.pdfBase64);
    for (const expected of ["Your personal data", "Rue de Lausanne 63", "Ωmega-O'Brien", "Infomaniak", "JetCompta basics", "Quand je clique « Exporter »", request.reference]) expect(text).toContain(expected);
    expect(result.pdfName).toBe(`acces-${request.reference}.pdf`);

    const audit = await api.ok<any>("audit.list", { operation: "privacy.accessReport" }, admin);
    expect(audit.rows).toEqual([expect.objectContaining({ entityType: "person", entityId: String(person.id) })]);
    // Its report is the file's first heavy job: the worker thread starts and loads the PDF modules
    // from the TypeScript sources (seconds on a loaded machine) before it draws.
  }, 60_000);
});

describe("contact preferences and mailing lists", () => {
  it("keeps every change with its source, ignores a repeat, and opts out of everything in one action", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat", emails: [{ email: "r@example.ch" }] }, agent);
    const first = await api.ok<any>("preferences.set", { personId: person.id, topic: "newsletter", channel: "email", status: "opted_in", source: "web_form" }, agent);
    expect(first.changed).toBe(true);
    expect((await api.ok<any>("preferences.set", { personId: person.id, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agent)).changed).toBe(false);
    api.advance(60_000);
    const out = await api.ok<any>("preferences.optOutAll", { personId: person.id, source: "call" }, agent);
    expect(out.changed).toBe(12);
    expect(out.choices.every((c: any) => c.status === "opted_out" && c.source === "call")).toBe(true);
    expect(out.changes.filter((c: any) => c.topic === "newsletter" && c.channel === "email").map((c: any) => [c.status, c.source])).toEqual([
      ["opted_out", "call"],
      ["opted_in", "web_form"],
    ]);
  });

  it("exports a topic's list with opted-in people only, formula-safe, for managers only", async () => {
    const yes = await api.ok<any>("people.create", { firstName: "-Anne", lastName: "Oui", emails: [{ email: "oui@example.ch" }] }, agent);
    const no = await api.ok<any>("people.create", { lastName: "Non", emails: [{ email: "non@example.ch" }] }, agent);
    const never = await api.ok<any>("people.create", { lastName: "Jamais", emails: [{ email: "jamais@example.ch" }] }, agent);
    for (const p of [yes, no]) await api.ok("preferences.set", { personId: p.id, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agent);
    await api.ok("preferences.set", { personId: no.id, topic: "newsletter", channel: "email", status: "opted_out", source: "email" }, agent);
    void never;
    expect(await api.call("mailing.export", { topic: "newsletter" }, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const file = await api.ok<any>("mailing.export", { topic: "newsletter", channel: "email" }, manager);
    expect(file.rows).toBe(1);
    expect(file.csv.startsWith("\uFEFFCivilité;Prénom;Nom;Langue;E-mail;")).toBe(true); // the manager's language
    expect(file.csv).toContain(`;'-Anne;Oui;${label("personLanguage", "fr", "fr")};oui@example.ch;`);
    expect(file.csv).not.toMatch(/non@|jamais@/);
  });
});

describe("erasure", () => {
  // Markers that appear nowhere else; FTS stores words lower-cased and without accents, so the
  // grep is case-insensitive and the names are plain ASCII besides the scripts tried elsewhere.
  const MARK = { first: "Qwzxfirst", last: "Qwzxlast", email: "qwzx.mail@example.ch", phone: "+41795559876", street: "Qwzxstreet", note: "Qwzxsummary", report: "Qwzxreport", training: "Qwzxtraining", details: "Qwzxdetails" };

  async function personWithEverything() {
    const person = await api.ok<any>(
      "people.create",
      { firstName: MARK.first, lastName: MARK.last, phones: [{ number: MARK.phone }], emails: [{ email: MARK.email }], addresses: [{ street: `${MARK.street} 5`, postalCode: "1201", city: "Genève" }] },
      agent,
    );
    await api.ok("people.update", { id: person.id, version: person.version, firstName: `${MARK.first}x` }, agent);
    await api.ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "comment", summary: `${MARK.note} merci 👍 שלום` }, agent);
    const dropped = await api.ok<any>("reports.create", { personId: person.id, productId, title: `${MARK.report} one`, description: `${MARK.report} body` }, agent);
    await api.ok("reports.comment", { id: dropped.id, text: `${MARK.report} comment` }, support);
    const kept = await api.ok<any>("reports.create", { personId: person.id, productId, title: `${MARK.report} kept`, steps: `${MARK.report} steps`, severity: "critical", callbackConsent: true, callbackPhone: MARK.phone }, agent);
    const keptReport = await api.ok<any>("reports.get", { id: kept.id }, support);
    await api.ok("reports.keepForProduct", { id: kept.id, version: keptReport.version, keep: true }, manager);
    await api.ok("training.create", { personId: person.id, courseId, participants: 1, language: "fr", format: "online", notes: `${MARK.training} notes` }, agent);
    await api.ok("preferences.set", { personId: person.id, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agent);
    await api.ok("disclosures.create", { personId: person.id, recipient: "Ministère public GE", legalBasis: "Art. 265 CPP", categories: ["identity", "contact"], disclosedOn: "2026-11-24", note: `${MARK.details} note` }, manager);
    const request = await newRequest(person.id, "erasure", { details: `${MARK.details} veut tout effacer` });
    await api.ok("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" }, agent);
    return { person, request, kept, dropped };
  }

  function rawFiles(): Buffer {
    const files = [api.db.file, `${api.db.file}-wal`, `${api.db.file}-shm`].filter(existsSync);
    return Buffer.concat(files.map((f) => readFileSync(f)));
  }
  const found = (raw: Buffer) => Object.values(MARK).filter((m) => raw.includes(Buffer.from(m)) || raw.includes(Buffer.from(m.toLowerCase())));

  it("previews the counts, needs the last name typed again, then leaves no text of the person in the database file, its WAL or any index", async () => {
    const { person, request, kept } = await personWithEverything();
    expect(found(rawFiles()).length).toBeGreaterThan(5); // the grep sees them before

    const preview = await api.ok<any>("privacy.erasePreview", { requestId: request.id }, agent);
    expect(preview.counts).toMatchObject({ phones: 1, emails: 1, addresses: 1, person_history: 1, error_reports: 1, training_requests: 1, contact_preferences: 1, privacy_requests: 1, disclosures: 1, people: 1 });
    expect(preview.counts.interactions).toBeGreaterThanOrEqual(4); // the call, two reports, the training request, the privacy request
    expect(preview.keptReports).toBe(1);
    expect(preview.backupsHeldUntil).toBe("2026-12-25");

    const wrong = await api.call("privacy.erase", { requestId: request.id, confirmLastName: "Dupont" }, agent);
    expect(wrong).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "confirmLastName" } });
    expect((await api.ok<any>("people.get", { id: person.id }, agent)).lastName).toBe(MARK.last);

    const erased = await api.ok<any>("privacy.erase", { requestId: request.id, confirmLastName: ` ${MARK.last.toUpperCase()} `, suppressContacts: true }, agent);
    // The journal is emptied after the answer: the screen asks until it is (no host here to do
    // it unasked, so the status operation's own attempt does).
    expect(erased).toMatchObject({ walEmptied: false, backupsHeldUntil: "2026-12-25", counts: { people: 1, error_reports: 1, error_reports_kept: 1 } });
    expect(await api.ok<any>("privacy.erasureStatus", { requestId: request.id }, agent)).toEqual({ requestId: request.id, cleanup: "wal", walEmptied: true, done: true });

    expect(found(rawFiles())).toEqual([]);
    expect(await api.call("people.get", { id: person.id }, agent)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await api.ok<any>("people.search", { q: MARK.last }, agent)).toEqual([]);
    expect((await api.ok<any>("reports.list", { text: MARK.report }, support)).rows).toEqual([]);

    // The kept report: product facts only, no reporter, no reporter's words.
    const report = await api.ok<any>("reports.get", { id: kept.id }, support);
    expect(report).toMatchObject({ personId: null, reporter: null, title: kept.reference, description: "", steps: "", callbackPhone: null, severity: "critical", productName: "JetCompta" });
    // The register keeps an anonymous record: counts, dates, who.
    const record = await api.ok<any>("privacy.requests.get", { id: request.id }, manager);
    expect(record).toMatchObject({ personId: null, person: null, details: "", status: "completed", erasedByName: "Test agent", erasedCounts: expect.objectContaining({ phones: 1 }) });
    const disclosures = await api.ok<any>("disclosures.list", {}, manager);
    expect(disclosures.rows).toEqual([expect.objectContaining({ personId: null, recipient: "Ministère public GE", note: "" })]);
  });

  it("keeps a salted hash of the contacts of a person who asked never to be contacted, so a new record cannot reach a mailing list", async () => {
    const { request } = await personWithEverything();
    await api.ok("privacy.erase", { requestId: request.id, confirmLastName: MARK.last, suppressContacts: true }, agent);
    const again = await api.ok<any>("people.create", { lastName: "Import", emails: [{ email: MARK.email.toUpperCase() }] }, agent);
    await api.ok("preferences.set", { personId: again.id, topic: "newsletter", channel: "email", status: "opted_in", source: "web_form" }, agent);
    expect((await api.ok<any>("mailing.export", { topic: "newsletter" }, manager)).rows).toBe(0);
    const hashes = api.db.sqlite.prepare("SELECT hash FROM suppression_list").pluck().all();
    expect(hashes).toHaveLength(2);
  });

  it("refuses without a verified erasure request, and for support staff", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat", phones: [{ number: "079 555 12 34" }] }, agent);
    const request = await newRequest(person.id, "erasure");
    expect(await api.call("privacy.erase", { requestId: request.id, confirmLastName: "Rochat" }, agent)).toMatchObject({ ok: false, error: { code: "CONFLICT", reason: "identity_not_checked" } });
    expect(await api.call("privacy.erasePreview", { requestId: request.id }, support)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await api.ok<any>("people.get", { id: person.id }, agent)).lastName).toBe("Rochat");
  });

  it("writes audit entries that hold ids and kinds, never the erased values", async () => {
    const { request } = await personWithEverything();
    await api.ok("privacy.erase", { requestId: request.id, confirmLastName: MARK.last }, agent);
    const entries = JSON.stringify(api.db.sqlite.prepare("SELECT * FROM audit_log").all());
    expect(entries).toContain("privacy.erase");
    for (const marker of Object.values(MARK)) expect(entries.toLowerCase()).not.toContain(marker.toLowerCase());
  });
});

describe("disclosures and retention", () => {
  it("records a disclosure to an authority (managers only)", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat" }, agent);
    const input = { personId: person.id, recipient: "Office cantonal", legalBasis: "Art. 32 LPD", categories: ["contact"], disclosedOn: "2026-11-25" };
    expect(await api.call("disclosures.create", input, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await api.call("disclosures.create", { ...input, categories: ["bank"] }, manager)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "categories.0" } });
    await api.ok("disclosures.create", input, manager);
    expect((await api.ok<any>("disclosures.list", { personId: person.id }, manager)).rows).toEqual([expect.objectContaining({ recipient: "Office cantonal", categories: ["contact"], recordedBy: "Test manager" })]);
  });

  it("lists what is past its period and erases it on confirmation, sparing people with open matters", async () => {
    const old = await api.ok<any>("people.create", { lastName: "Ancien", emails: [{ email: "ancien@example.ch" }] }, agent);
    const busy = await api.ok<any>("people.create", { lastName: "Occupé" }, agent);
    await api.ok("interactions.log", { personId: old.id, channel: "call_in", purpose: "information", summary: "vieux" }, agent);
    await api.ok("reports.create", { personId: busy.id, productId, title: "Toujours ouvert" }, agent);
    api.advance(6 * 365 * DAY);
    // Six years later: the sessions ended long ago (session.maxHours).
    agent = api.logInAgain(agent);
    manager = api.logInAgain(manager);
    const fresh = await api.ok<any>("people.create", { lastName: "Récent" }, agent);
    await api.ok("interactions.log", { personId: fresh.id, channel: "call_in", purpose: "information", summary: "neuf" }, agent);

    const review = await api.ok<any[]>("retention.review", {}, manager);
    const byRule = Object.fromEntries(review.map((r) => [r.rule, r.count]));
    expect(byRule).toMatchObject({ interactions: 2, inactive_people: 1, closed_reports: 0 });

    const applied = await api.ok<any>("retention.apply", { rules: ["inactive_people", "interactions"] }, manager);
    expect(applied.done).toMatchObject({ inactive_people: 1, interactions: 1 });
    expect(await api.call("people.get", { id: old.id }, agent)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await api.ok<any>("people.get", { id: busy.id }, agent)).lastName).toBe("Occupé");
    expect((await api.ok<any>("people.get", { id: fresh.id }, agent)).timeline).toHaveLength(1);
    expect(await api.call("retention.apply", { rules: ["interactions"] }, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });
});
