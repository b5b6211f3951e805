import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { neutraliseFormula } from "../../db/export/cell-safety";
import { exportDownloadResponse } from "../../electron/export/download";
import { openTestApi } from "../fixtures/database";
import { HOSTILE_NAMES, HOSTILE_TEXTS, REFUSED_NAMES, stored, type HostileText } from "../fixtures/hostile-strings";

/**
 * The hostile-strings round trip (issue 12, "the standing suite"): every string of
 * tests/fixtures/hostile-strings.ts is stored through the real dispatcher on a real SQLite file,
 * found by the lookup, read back byte for byte on the card, in the access report (JSON and PDF
 * text), in CSV and Excel exports (formulas neutralised), then erased, after which no file in
 * the data folder holds its bytes.
 *
 * One data folder for the whole file: the stages run in order, the erasure last.
 */

let api: ReturnType<typeof openTestApi>;
let admin: string;
let agent: string;
let manager: string;
let support: string;

interface NamePerson {
  id: number;
  firstName: string;
  lastName: string;
}
interface TextPerson {
  id: number;
  /** The marker word, also the person's last name. */
  marker: string;
  text: string;
  sample: HostileText;
  companyId: number;
  reportId: number;
  trainingId: number;
  requestId: number;
}
const namePeople: NamePerson[] = [];
const textPeople: TextPerson[] = [];
/** One caller who said every hostile text: their access report (one PDF) must carry them all. */
let collector: { id: number; lastName: string; accessRequestId: number };

const MARKER = /H[xy][a-z]{3}/;
const markerOf = (s: string) => MARKER.exec(s)![0].replace(/^Hy/, "Hx");
/**
 * A company outlives its people's erasure (it is not personal data): it holds the text under a
 * marker of its own ("Hy…"), so the raw scan after the erasure cannot mistake it for the person's.
 */
const companyText = (s: string) => s.replace("Hx", "Hy");

beforeAll(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  await api.ok("settings.update", { "session.idleMinutes": 240 }, admin);
  agent = await api.loginAs("agent", admin);
  manager = await api.loginAs("manager", admin);
  support = await api.loginAs("support", admin);
  const productId = (await api.ok<any>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
  const courseId = (await api.ok<any>("courses.save", { code: "JC-101", titleFr: "JetCompta : les bases", titleEn: "JetCompta basics", languages: ["fr"], durationValue: 1, durationUnit: "days", format: "premises" }, manager)).id;

  for (const name of HOSTILE_NAMES) {
    const p = await api.ok<any>("people.create", { firstName: name.firstName, lastName: name.lastName }, agent);
    namePeople.push({ id: p.id, firstName: name.firstName, lastName: name.lastName });
  }
  const c = await api.ok<any>("people.create", { firstName: "Claire", lastName: "Hxzzz Collecteur" }, agent);
  // One person per hostile text, holding it in every free-text field a caller's words reach.
  for (const sample of HOSTILE_TEXTS) {
    const text = sample.text;
    const marker = markerOf(text);
    const company = await api.ok<any>("companies.create", { name: companyText(text), street: companyText(text), city: companyText(text) }, agent);
    const p = await api.ok<any>("people.create", { firstName: "Texte", lastName: marker, companyId: company.id, addresses: [{ street: text, city: text }] }, agent);
    await api.ok("interactions.log", { personId: p.id, channel: "call_in", purpose: "comment", summary: text }, agent);
    const report = await api.ok<any>("reports.create", { personId: p.id, productId, title: text, description: text, steps: text, environment: text }, agent);
    await api.ok("reports.comment", { id: report.id, text }, support);
    const training = await api.ok<any>("training.create", { personId: p.id, courseId, participants: 1, language: "fr", format: "premises", notes: text, preferredPeriod: text }, agent);
    const request = await api.ok<any>("privacy.requests.create", { personId: p.id, kind: "objection", channel: "phone", details: text }, agent);
    textPeople.push({ id: p.id, marker, text, sample, companyId: company.id, reportId: report.id, trainingId: training.id, requestId: request.id });
    // The same words said by the collector, in each kind of record the access report lists.
    if (textPeople.length <= 5) await api.ok("addresses.add", { personId: c.id, street: text, city: text }, agent); // five addresses at most
    await api.ok("interactions.log", { personId: c.id, channel: "call_in", purpose: "information", summary: text }, agent);
    const cr = await api.ok<any>("reports.create", { personId: c.id, productId, title: text, description: text }, agent);
    await api.ok("reports.comment", { id: cr.id, text }, support);
    await api.ok("training.create", { personId: c.id, courseId, participants: 1, language: "fr", format: "online", notes: text }, agent);
  }
  // Every hostile name once the collector's own, then corrected again: the history table of the
  // access report lists them all, old and new.
  let version = c.version;
  for (const name of [...HOSTILE_NAMES, { lastName: "Hxzzz Collecteur" }]) version = (await api.ok<any>("people.update", { id: c.id, version, lastName: name.lastName }, agent)).version;
  const access = await api.ok<any>("privacy.requests.create", { personId: c.id, kind: "access", channel: "phone" }, agent);
  await api.ok("privacy.requests.verifyIdentity", { id: access.id, method: "in_person" }, agent);
  collector = { id: c.id, lastName: "Hxzzz Collecteur", accessRequestId: access.id };
}, 120_000);
afterAll(() => api?.cleanup());

/** Characters as the schemas and SQLite's CHECKs count them: code points, not UTF-16 units. */
const characters = (s: string) => [...s].length;

/** A text of exactly `length` characters: `head`, then `fill` repeated, then "x" to the count. */
function sized(length: number, head: string, fill = " lorem"): string {
  let s = head;
  while (characters(s) + characters(fill) <= length) s += fill;
  return s + "x".repeat(length - characters(s));
}

const ids = (hits: { personId: number }[]) => hits.map((h) => h.personId);

describe("names the schema refuses", () => {
  it.each(REFUSED_NAMES)("refuses a last name with $label as VALIDATION on lastName, writing nothing", async ({ lastName }) => {
    const count = () => api.db.sqlite.prepare("SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM audit_log)").pluck().get();
    const before = count();
    const result = await api.call("people.create", { firstName: "Jean", lastName }, agent);
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "lastName" } });
    expect(count()).toBe(before);
  });
});

async function expectFound(q: string, personId: number) {
  const result = await api.call<any[]>("people.search", { q }, agent);
  expect(result, q).toMatchObject({ ok: true });
  expect(ids((result as any).value), q).toContain(personId);
  return (result as any).value.find((h: any) => h.personId === personId);
}

const names = HOSTILE_NAMES.map((n, i) => ({ ...n, i }));
const texts = HOSTILE_TEXTS.map((t, i) => ({ ...t, i }));

describe("text at its field's maximum", () => {
  const emoji = "👩‍💻"; // three code points, five UTF-16 units: the limit counts code points
  const cases = [
    { op: "interactions.log", field: "summary", max: 4000, table: "interactions", input: (text: string) => ({ personId: namePeople[0]!.id, channel: "call_in", purpose: "comment", summary: text }) },
    { op: "companies.create", field: "name", max: 200, table: "companies", input: (text: string) => ({ name: text }) },
    { op: "privacy.requests.create", field: "details", max: 4000, table: "privacy_requests", input: (text: string) => ({ personId: namePeople[0]!.id, kind: "information", channel: "email", details: text }) },
  ];
  const rows = (table: string) => api.db.sqlite.prepare(`SELECT (SELECT count(*) FROM ${table}) + (SELECT count(*) FROM audit_log)`).pluck().get();

  it.each(cases)("$op takes $field at $max characters, emoji included, and refuses one more, naming it and writing nothing", async ({ op, field, max, table, input }) => {
    for (const text of [sized(max, "Hxmax "), sized(max, "Hxmax ", emoji)]) {
      expect(characters(text)).toBe(max);
      expect(await api.call(op, input(text), agent), `${max} characters`).toMatchObject({ ok: true });
      const before = rows(table);
      const over = `${text}x`;
      expect(await api.call(op, input(over), agent), `${characters(over)} characters`).toMatchObject({ ok: false, error: { code: "VALIDATION", field } });
      expect(rows(table)).toBe(before);
    }
    // Decomposed text over the limit that composes under it is stored, composed.
    const nfd = "e\u0301".repeat(max / 2 + 1);
    expect(nfd.length).toBeGreaterThan(max);
    expect(await api.call(op, input(nfd), agent)).toMatchObject({ ok: true });
  });
});

describe("the lookup", () => {
  /** By the whole last name, by the first name, and by the last name without its marker word. */
  async function findName(i: number) {
    const person = namePeople[i]!;
    for (const q of [person.lastName, person.firstName, stored(person.lastName).split(" ").slice(1).join(" ")]) await expectFound(q, person.id);
  }
  async function findText(i: number) {
    const person = textPeople[i]!;
    const hit = await expectFound(person.text, person.id);
    expect(hit).toMatchObject({ company: stored(companyText(person.text)), city: stored(person.text) });
  }

  // Marks NFC cannot compose (Yoruba, Zalgo), bidi isolates and compatibility letters included:
  // the query is cut into words by the index's own tokenizer (db/search-words.ts).
  it.each(names)("finds $label names by last and by first name", async ({ i }) => findName(i));

  it.each(texts)("finds the person whose city holds $label, typed as is", async ({ i }) => findText(i));
});

describe("the card and the other screens' reads", () => {
  it("returns every name in NFC, byte for byte", async () => {
    for (const person of namePeople) {
      const card = await api.ok<any>("people.get", { id: person.id }, agent);
      expect([card.firstName, card.lastName]).toEqual([stored(person.firstName), stored(person.lastName)]);
    }
  });

  it.each(texts)("returns $label unchanged wherever it was typed", async ({ i }) => {
    const person = textPeople[i]!;
    const want = stored(person.text);
    const card = await api.ok<any>("people.get", { id: person.id }, agent);
    expect(card.company.name).toBe(stored(companyText(person.text)));
    expect(card.addresses[0]).toMatchObject({ street: want, city: want });
    expect(card.timeline.map((t: any) => t.summary)).toContain(want);
    const company = await api.ok<any>("companies.get", { id: person.companyId }, agent);
    expect(company).toMatchObject({ name: stored(companyText(person.text)), street: stored(companyText(person.text)), city: stored(companyText(person.text)) });
    const report = await api.ok<any>("reports.get", { id: person.reportId }, support);
    expect(report).toMatchObject({ title: want, description: want, steps: want, environment: want });
    expect(report.events.map((e: any) => e.text)).toContain(want);
    expect(await api.ok<any>("training.get", { id: person.trainingId }, agent)).toMatchObject({ notes: want, preferredPeriod: want });
    expect(await api.ok<any>("privacy.requests.get", { id: person.requestId }, agent)).toMatchObject({ details: want });
  });
});

async function pdfText(base64: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(Buffer.from(base64, "base64")), useSystemFonts: false }).promise;
  let text = "";
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  return text;
}
/**
 * The words of a text as a PDF reader can give them back: the PDF wraps lines where it likes and
 * draws no control or bidi formatting character, so the check is word by word, white space and
 * format characters left out (right-to-left words come back in reading order:
 * tests/api/access-report-files.test.ts checks that they also stay apart).
 */
const SPACING = /[\s\p{Cc}\p{Cf}]+/gu;
const squeeze = (s: string) => s.replace(SPACING, "");
const words = (s: string) => s.split(SPACING).filter(Boolean);

describe("the access report", () => {
  let report: any;
  let pdf: string;
  beforeAll(async () => {
    const result = await api.ok<any>("privacy.accessReport", { requestId: collector.accessRequestId }, agent);
    report = result.report;
    pdf = squeeze(await pdfText(result.pdfBase64));
  }, 60_000);
  const values = (table: string) =>
    report.sections.flatMap((s: any) => s.tables.filter((t: any) => t.table === table).flatMap((t: any) => t.rows.flatMap((r: any) => Object.values(r))));

  it.each(texts)("carries $label exactly in the JSON, in every record it was said in", ({ i }) => {
    const want = stored(textPeople[i]!.text);
    for (const table of ["interactions", "error_reports", "error_report_events", "training_requests"]) expect(values(table), table).toContain(want);
    if (i < 5) expect(values("addresses")).toContain(want);
  });

  it.each(texts.filter((t) => t.pdf))("prints $label in the PDF", ({ i }) => {
    for (const word of words(stored(textPeople[i]!.text))) expect(pdf).toContain(word);
  });

  // Devanagari comes back in drawing order (tests/api/access-report-files.test.ts checks its letters).
  it.each(names.filter((n) => n.label !== "Devanagari"))("prints $label names in the PDF (the corrections history)", ({ i }) => {
    const name = stored(HOSTILE_NAMES[i]!.lastName);
    expect(values("person_history")).toContain(name);
    for (const word of words(name)) expect(pdf).toContain(word);
  });
});

/** Record set → the columns asked for, the one naming the row's text person, and those holding their text. */
const EXPORTS: Record<string, { columns: string[]; key: string; texts: string[]; company?: string[] }> = {
  people: { columns: ["lastName", "company", "street", "city"], key: "lastName", texts: ["street", "city"], company: ["company"] },
  interactions: { columns: ["person", "summary"], key: "person", texts: ["summary"] },
  errorReportEvents: { columns: ["reporter", "title", "eventText"], key: "reporter", texts: ["title", "eventText"] },
  trainingRequests: { columns: ["person", "company", "preferredPeriod", "notes"], key: "person", texts: ["preferredPeriod", "notes"], company: ["company"] },
};

/** Exports every record set of EXPORTS in a format, side by side as managers do, and returns the downloaded files. */
async function exportAll(format: "csv" | "xlsx"): Promise<Record<string, Buffer>> {
  const started = await Promise.all(Object.entries(EXPORTS).map(async ([recordSet, spec]) => [recordSet, await api.ok<any>("exports.start", { recordSet, format, columns: spec.columns }, manager)] as const));
  const files: Record<string, Buffer> = {};
  for (const [recordSet, job] of started) {
    let view: any;
    await vi.waitFor(
      async () => {
        view = await api.ok<any>("exports.progress", { id: job.id }, manager);
        expect(view.status).not.toBe("running");
      },
      { timeout: 30_000, interval: 50 },
    );
    expect(view.status, recordSet).toBe("done");
    // Downloaded as a user does, through the app protocol: the file leaves exports/ once sent.
    const response = exportDownloadResponse(new Request(`app://crm${view.downloadUrl}`))!;
    expect(response.status).toBe(200);
    files[recordSet] = Buffer.from(await response.arrayBuffer());
  }
  return files;
}

/** What the product writes for a CSV text cell (db/export/cell-safety.ts): a cell a spreadsheet would evaluate gets an apostrophe. */
const asCell = (s: string) => neutraliseFormula(s);

/** Each text person's rows (a report has several events), as maps column → cell text, found by the marker in the key column. */
function rowsByMarker(header: string[], rows: string[][], key: string): Map<string, Record<string, string>[]> {
  const byMarker = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const record = Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""]));
    const marker = MARKER.exec(record[key]!)?.[0];
    if (marker && !record[key]!.includes("Hxzzz")) byMarker.set(marker, [...(byMarker.get(marker) ?? []), record]);
  }
  return byMarker;
}

function expectTexts(recordSet: string, byMarker: Map<string, Record<string, string>[]>, cell: (s: string) => string) {
  const spec = EXPORTS[recordSet]!;
  for (const person of textPeople) {
    const records = byMarker.get(person.marker) ?? [];
    expect(records.length, `${recordSet}: ${person.sample.label}`).toBeGreaterThan(0);
    for (const column of spec.texts) expect(records.map((r) => r[column]), `${recordSet}.${column}: ${person.sample.label}`).toContain(cell(stored(person.text)));
    for (const column of spec.company ?? []) expect(records.map((r) => r[column]), `${recordSet}.${column}: ${person.sample.label}`).toContain(cell(stored(companyText(person.text))));
  }
}

/**
 * exceljs's reader decodes XML entities twice in the inline-string cells its streaming writer
 * makes: the file holds "&amp;amp;" for "&amp;" (Excel shows "&amp;"), the reader returns "&".
 * Applied to the expectation, so the comparison is about the file, not the reader.
 */
const readerDecodes = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!);

describe("the exports", () => {
  let csv: Record<string, Buffer>;
  let xlsx: Record<string, Buffer>;
  beforeAll(async () => {
    [csv, xlsx] = await Promise.all([exportAll("csv"), exportAll("xlsx")]);
    await vi.waitFor(() => expect(readdirSync(join(api.db.dir, "exports"))).toEqual([]));
  }, 120_000);

  it("writes every hostile text to CSV as typed, formulas neutralised", () => {
    const files = csv;
    for (const [recordSet, spec] of Object.entries(EXPORTS)) {
      const [header, ...rows] = parse(files[recordSet]!.toString("utf8"), { bom: true, delimiter: ";" }) as string[][];
      expect(header).toHaveLength(spec.columns.length);
      expectTexts(recordSet, rowsByMarker(spec.columns, rows, spec.key), asCell);
    }
  });

  it("writes every hostile text to Excel as a text cell, never a formula", async () => {
    const files = xlsx;
    for (const [recordSet, spec] of Object.entries(EXPORTS)) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(files[recordSet] as unknown as ArrayBuffer);
      const rows: string[][] = [];
      let formulas = 0;
      book.worksheets[0]!.eachRow((row, n) => {
        if (n === 1) return;
        const cells: string[] = [];
        for (let c = 1; c <= spec.columns.length; c++) {
          const cell = row.getCell(c);
          if (cell.type === ExcelJS.ValueType.Formula) formulas++;
          cells.push(cell.value === null || cell.value === undefined ? "" : String(cell.value));
        }
        rows.push(cells);
      });
      expect(formulas, recordSet).toBe(0);
      // Line breaks are LF only in a workbook (db/export/xlsx-writer.ts).
      // A workbook's text cell is never evaluated: written as typed, no apostrophe.
      expectTexts(recordSet, rowsByMarker(spec.columns, rows, spec.key), (s) => readerDecodes(s.replace(/\r\n?/g, "\n")));
    }
  });
});

/** Every file under the data folder, whatever wrote it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The pieces of a string a file could hold: all of it, and its marker as typed and as the search index folds it. */
function needles(s: string): Buffer[] {
  const marker = markerOf(s);
  return [Buffer.from(stored(s)), Buffer.from(marker), Buffer.from(marker.toLowerCase())];
}

describe("erasure", () => {
  it("leaves no byte of any hostile string in any file of the data folder", async () => {
    const all = [
      ...namePeople.map((p) => ({ id: p.id, lastName: p.lastName, strings: [p.lastName] })),
      ...textPeople.map((p) => ({ id: p.id, lastName: p.marker, strings: [p.text] })),
      { id: collector.id, lastName: collector.lastName, strings: [collector.lastName] },
    ];
    const raw = () => Buffer.concat(filesUnder(api.db.dir).map((f) => readFileSync(f)));
    const present = (buffer: Buffer) => all.flatMap((p) => p.strings.filter((s) => needles(s).some((n) => buffer.includes(n))));
    expect(present(raw()).length).toBe(all.length); // the scan sees every string before

    const requests: number[] = [];
    for (const person of all) {
      const request = await api.ok<any>("privacy.requests.create", { personId: person.id, kind: "erasure", channel: "phone" }, agent);
      await api.ok("privacy.requests.verifyIdentity", { id: request.id, method: "in_person" }, agent);
      // Typed again as the caller spells it (NFD included): the product compares folded NFC.
      await api.ok<any>("privacy.erase", { requestId: request.id, confirmLastName: person.lastName }, agent);
      requests.push(request.id);
    }
    // As the erasure screen does: ask until the journal (WAL) no longer holds the erased rows.
    for (const requestId of requests) expect(await api.ok<any>("privacy.erasureStatus", { requestId }, agent)).toEqual({ requestId, cleanup: "wal", walEmptied: true, done: true });
    for (const person of all) expect(await api.call("people.get", { id: person.id }, agent)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(present(raw())).toEqual([]);
  });
});
