import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_INSTANT } from "../../common/date-range";
import { linkCondition, PERSONAL_DATA, reportedColumns, tableName } from "../../db/personal-data";
import { openTestApi } from "../fixtures/database";

/*
 * Issue 12, item 2: a database written by an older version may hold any integer as a time. The
 * person's access report (a legal right) and the support screens' operations must still answer:
 * the odd value is shown as it is, never an INTERNAL error.
 */

let api: ReturnType<typeof openTestApi>;
let admin: string;
let agent: string;
let support: string;
let manager: string;
let personId: number;
let requestId: number;
let reportId: number;

// Beyond what a Date holds, the largest integers JavaScript keeps exact, Date's last moment, and
// the moment before 1900 (a real date, outside the accepted range).
const EXTREMES = [8640000000000001, 9007199254740991, -9007199254740991, 8640000000000000, MIN_INSTANT - 1];

beforeAll(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  await api.ok("settings.update", { "session.idleMinutes": 240 }, admin);
  agent = await api.loginAs("agent", admin);
  support = await api.loginAs("support", admin);
  manager = await api.loginAs("manager", admin);
  const productId = (await api.ok<any>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
  const courseId = (await api.ok<any>("courses.save", { code: "JC-101", titleFr: "Les bases", titleEn: "Basics", languages: ["fr"], durationValue: 1, durationUnit: "days", format: "premises" }, manager)).id;
  const company = await api.ok<any>("companies.create", { name: "Favre SA" }, agent);
  const person = await api.ok<any>(
    "people.create",
    { firstName: "Zoë", lastName: "Rochat", companyId: company.id, phones: [{ number: "+41 79 555 12 34" }], emails: [{ email: "zoe@example.ch" }], addresses: [{ street: "Rue du Rhône 1", postalCode: "1204", city: "Genève" }] },
    agent,
  );
  personId = person.id;
  await api.ok("people.update", { id: person.id, version: person.version, firstName: "Zoé" }, agent);
  await api.ok("interactions.log", { personId, channel: "call_in", purpose: "information", summary: "Horaires" }, agent);
  const report = await api.ok<any>("reports.create", { personId, productId, title: "L'export plante", callbackConsent: true, callbackPhone: "+41 79 555 12 34", callbackBefore: api.now() + 86_400_000 }, agent);
  reportId = report.id;
  await api.ok("reports.comment", { id: report.id, text: "Rappelée" }, support);
  await api.ok("training.create", { personId, courseId, participants: 2, language: "fr", format: "premises" }, agent);
  await api.ok("preferences.set", { personId, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agent);
  const request = await api.ok<any>("privacy.requests.create", { personId, kind: "access", channel: "phone" }, agent);
  await api.ok("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" }, agent);
  requestId = request.id;
});
afterAll(() => api.cleanup());

/** Writes `value` into every time column the access report reads, for this person's rows. */
function storeInEveryTimeColumn(value: number): string[] {
  const written: string[] = [];
  for (const entry of PERSONAL_DATA) {
    const table = tableName(entry.table);
    for (const column of reportedColumns(entry).filter((c) => c.kind === "time")) {
      const changed = api.db.sqlite.prepare(`UPDATE ${table} SET ${column.name} = ? WHERE ${linkCondition(entry)}`).run(value, personId).changes;
      if (changed) written.push(`${table}.${column.name}`);
    }
  }
  return written;
}

async function pdfText(base64: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(Buffer.from(base64, "base64")), useSystemFonts: false }).promise;
  let text = "";
  for (let i = 1; i <= pdf.numPages; i++) text += (await (await pdf.getPage(i)).getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join(" ") + "\n";
  return text;
}

describe("the access report over stored extreme times", () => {
  it.each(EXTREMES)("answers with %s in every time column, shown as it is", async (value) => {
    const written = storeInEveryTimeColumn(value);
    // The report's tables with a time column the person has rows in: all of them got the value.
    expect(written).toEqual(expect.arrayContaining(["people.created_at", "interactions.at", "error_reports.next_callback_at", "error_report_events.at", "contact_preferences.changed_at", "privacy_requests.identity_checked_at"]));

    const answer = await api.call<any>("privacy.accessReport", { requestId }, agent);
    expect(answer).toMatchObject({ ok: true });
    const report = answer.ok ? answer.value.report : undefined;
    const shown = new Date(value).getTime() === value ? new Date(value).toISOString() : String(value);
    const times = report.sections.flatMap((s: any) => s.tables.flatMap((t: any) => t.rows.flatMap((r: any) => written.filter((w) => w.startsWith(`${t.table}.`)).map((w) => r[w.split(".")[1]!]))));
    expect(times.length).toBeGreaterThanOrEqual(written.length);
    expect(new Set(times)).toEqual(new Set([shown]));

    const text = await pdfText(answer.ok ? answer.value.pdfBase64 : "");
    expect(text).toContain("Rochat");
    // Inside 1900–2200 a time reads dd.MM.yyyy; this one reads as it is stored.
    expect(text).toContain(shown);
  });
});

describe("the support desk's operations over a stored extreme call-back date", () => {
  it.each(EXTREMES)("list, open and count a report whose call-back is %s", async (value) => {
    api.db.sqlite.prepare("UPDATE error_reports SET next_callback_at = ? WHERE id = ?").run(value, reportId);
    expect(await api.call("reports.list", {}, support)).toMatchObject({ ok: true });
    expect(await api.call("reports.list", { overdue: true }, support)).toMatchObject({ ok: true });
    expect(await api.call("reports.get", { id: reportId }, support)).toMatchObject({ ok: true });
    expect(await api.call("reports.callbacksDue", {}, support)).toMatchObject({ ok: true });
    expect(await api.call("dashboard.summary", {}, manager)).toMatchObject({ ok: true });
    expect(await api.call("exports.preview", { recordSet: "errorReports" }, manager)).toMatchObject({ ok: true });
  });
});
