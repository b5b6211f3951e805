import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csvWriter, writeCsv } from "../../db/export/csv-writer";
import { jsonWriter, writeJson } from "../../db/export/json-writer";
import type { ExportColumn } from "../../db/export/record-sets";
import { writeXlsx, xlsxWriter } from "../../db/export/xlsx-writer";
import { scratchDir } from "../fixtures/database";

let scratch: ReturnType<typeof scratchDir>;
beforeEach(() => (scratch = scratchDir()));
afterEach(() => scratch.remove());

const columns: ExportColumn[] = [
  { key: "id", type: "integer", label: "N°", width: 8 },
  { key: "name", type: "text", label: "Nom", width: 20 },
  { key: "at", type: "instant", label: "Date", width: 17 },
  { key: "day", type: "day", label: "Jour", width: 11 },
  { key: "consent", type: "boolean", label: "Accord", width: 8 },
  { key: "amount", type: "number", label: "Montant", width: 10 },
];

// 25 November 2026 10:05:30 in Geneva (UTC+1), 1 July 2026 08:00 in Geneva (UTC+2, summer time).
const WINTER = Date.UTC(2026, 10, 25, 9, 5, 30);
const SUMMER = Date.UTC(2026, 6, 1, 6, 0, 0);

const awkward = [
  "Zoë Müller-Lüdenscheid",
  "François «le grand» Ñúñez",
  "👩‍💻 Émilie 🎉",
  "سارة العلي", // right-to-left
  'He said "non" twice',
  "semi;colon, and comma",
  "line one\nline two\r\nline three",
  "  leading and trailing spaces  ",
  "",
];
const rows: unknown[][] = awkward.map((name, i) => [i + 1, name, i % 2 ? SUMMER : WINTER, "2026-03-09", i % 2, i * 1.5]);
rows.push([99, null, null, null, null, null]);

const parseCsv = (file: string, delimiter: string) => {
  const text = readFileSync(file, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parse(text, { delimiter, bom: true, relax_column_count: false }) as string[][];
};

describe("CSV", () => {
  it.each([";", ","] as const)("reads back with a real CSV parser exactly as written (delimiter %s, Swiss dates)", (delimiter) => {
    const file = join(scratch.dir, "out.csv");
    const written = writeCsv(file, columns, rows, { delimiter, dateStyle: "swiss", language: "fr" }, () => {});
    expect(written).toBe(rows.length);
    const parsed = parseCsv(file, delimiter);
    expect(parsed[0]).toEqual(["N°", "Nom", "Date", "Jour", "Accord", "Montant"]);
    expect(parsed.slice(1).map((r) => r[1])).toEqual([...awkward, ""]);
    expect(parsed[1]).toEqual(["1", awkward[0], "25.11.2026 10:05", "09.03.2026", "non", "0"]);
    expect(parsed[2]).toEqual(["2", awkward[1], "01.07.2026 08:00", "09.03.2026", "oui", "1.5"]);
    expect(parsed.at(-1)).toEqual(["99", "", "", "", "", ""]);
    // RFC 4180 records end with CRLF; the newline inside a cell stays inside its quotes.
    expect(readFileSync(file, "utf8").split("\r\n").length).toBeGreaterThan(rows.length);
  });

  it("writes ISO 8601 dates with Geneva's offset when asked", () => {
    const file = join(scratch.dir, "iso.csv");
    writeCsv(file, columns, rows.slice(0, 2), { delimiter: ";", dateStyle: "iso", language: "en" }, () => {});
    const parsed = parseCsv(file, ";");
    expect(parsed[1]!.slice(2, 5)).toEqual(["2026-11-25T10:05:30+01:00", "2026-03-09", "no"]);
    expect(parsed[2]!.slice(2, 5)).toEqual(["2026-07-01T08:00:00+02:00", "2026-03-09", "yes"]);
  });

  it("neutralises the cells a spreadsheet would evaluate, and leaves phone numbers and real numbers alone", () => {
    const dangerous = ["=HYPERLINK(\"http://evil\")", "+41 22 735 33 92", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\tcmd", "\rcmd", "+A1"];
    const plain = ["+41227353392", "-2.5", "Dupont", "a=b"];
    const file = join(scratch.dir, "formula.csv");
    const texts = [...dangerous, ...plain];
    writeCsv(file, columns, texts.map((name, i) => [-(i + 1), name, null, null, null, -2.5]), { delimiter: ";", dateStyle: "swiss", language: "fr" }, () => {});
    const parsed = parseCsv(file, ";").slice(1);
    expect(parsed.map((r) => r[1])).toEqual([...dangerous.map((d) => `'${d}`), ...plain]);
    expect(parsed.map((r) => r[0])).toEqual(texts.map((_, i) => String(-(i + 1))));
    expect(parsed[0]![5]).toBe("-2.5");
  });

  it("writes codes as their labels in the export's language, or as the codes when the column has no label group", () => {
    const coded: ExportColumn[] = [{ key: "status", type: "text", label: "Statut", width: 10, labels: "reportStatus" }];
    const file = join(scratch.dir, "labels.csv");
    writeCsv(file, coded, [["triaged"], ["unknown_code"], [null]], { delimiter: ";", dateStyle: "swiss", language: "en" }, () => {});
    expect(parseCsv(file, ";").slice(1)).toEqual([["Triaged"], ["unknown_code"], [""]]);
    writeCsv(file, [{ ...coded[0]!, labels: undefined }], [["triaged"]], { delimiter: ";", dateStyle: "swiss", language: "en" }, () => {});
    expect(parseCsv(file, ";").slice(1)).toEqual([["triaged"]]);
  });
});

describe("XLSX", () => {
  it("has typed cells (dates as dates, numbers as numbers), the same values, a frozen and filtered header", async () => {
    const file = join(scratch.dir, "out.xlsx");
    await writeXlsx(file, columns, rows, { dateStyle: "swiss" }, () => {});
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets).toHaveLength(1);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, "N°", "Nom", "Date", "Jour", "Accord", "Montant"]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:F1");
    expect(sheet.getColumn(2).width).toBe(20);

    const first = sheet.getRow(2);
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(1).value).toBe(1);
    // Excel has no zones: the cell holds Geneva's wall clock, 10:05:30 on 25 November.
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect((first.getCell(3).value as Date).toISOString()).toBe("2026-11-25T10:05:30.000Z");
    expect(first.getCell(3).numFmt).toBe("dd.mm.yyyy hh:mm");
    expect((sheet.getRow(3).getCell(3).value as Date).toISOString()).toBe("2026-07-01T08:00:00.000Z");
    expect(first.getCell(4).type).toBe(ExcelJS.ValueType.Date);
    expect((first.getCell(4).value as Date).toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(first.getCell(5).type).toBe(ExcelJS.ValueType.Boolean);
    expect(sheet.getRow(3).getCell(6).value).toBe(1.5);

    const names = awkward.map((_, i) => sheet.getRow(i + 2).getCell(2).value ?? "");
    // Line breaks in a workbook cell are LF, as Excel itself writes them.
    expect(names).toEqual(awkward.map((a) => a.replace("\r\n", "\n")));
    expect(sheet.getRow(rows.length + 1).getCell(2).value).toBeNull();
  });

  it("writes text as string cells as typed, with no apostrophe and never a formula; phones in international format", async () => {
    const dangerous = ["=1+1", "+41 22 735 33 92", "-cmd", "@SUM(A1)", "\tx", "\rx"];
    const file = join(scratch.dir, "formula.xlsx");
    const withPhone: ExportColumn[] = [...columns, { key: "phone", type: "text", label: "Téléphone", width: 17, phone: true }];
    await writeXlsx(file, withPhone, dangerous.map((name, i) => [-(i + 1), name, null, null, null, null, i % 2 ? "+41227353392" : "+41791234567"]), { dateStyle: "iso" }, () => {});
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    for (let i = 0; i < dangerous.length; i++) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String);
      // Line breaks in a workbook cell are LF: a leading CR is kept as a line break.
      expect(row.getCell(2).value).toBe(dangerous[i]!.replace("\r", "\n"));
      expect(row.getCell(1).value).toBe(-(i + 1));
      expect(row.getCell(7).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(7).value).toBe(i % 2 ? "+41 22 735 33 92" : "+41 79 123 45 67");
    }
    // In the file itself: no formula element anywhere; text is a value (<v>) of a string cell
    // (exceljs's streaming writer without shared strings types them t="str"), which no reader evaluates.
    const xml = execFileSync("unzip", ["-p", file, "xl/worksheets/sheet1.xml"], { encoding: "utf8" });
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toContain('<c r="B2" t="str"><v>=1+1</v></c>');
  });

  it("continues on a new sheet, with its own header, when a sheet reaches the row limit", async () => {
    const file = join(scratch.dir, "split.xlsx");
    const many = Array.from({ length: 12 }, (_, i) => [i + 1, `Person ${i + 1}`, WINTER, "2026-01-01", 1, i]);
    const written = await writeXlsx(file, columns, many, { dateStyle: "swiss", sheetRowLimit: 5 }, () => {});
    expect(written).toBe(12);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Export", "Export 2", "Export 3"]);
    expect(book.worksheets.map((s) => s.rowCount)).toEqual([6, 6, 3]);
    for (const sheet of book.worksheets) {
      expect(sheet.getRow(1).getCell(2).value).toBe("Nom");
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    }
    const ids = book.worksheets.flatMap((s) => Array.from({ length: s.rowCount - 1 }, (_, i) => s.getRow(i + 2).getCell(1).value));
    expect(ids).toEqual(many.map((r) => r[0]));
  });
});

describe("JSON", () => {
  it("is an array of objects keyed by column, values typed, dates ISO, text unaltered", () => {
    const file = join(scratch.dir, "out.json");
    writeJson(file, columns, [...rows, [7, "=1+1", WINTER, "2026-03-09", 1, 2]], () => {});
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>[];
    expect(parsed).toHaveLength(rows.length + 1);
    expect(parsed[0]).toEqual({ id: 1, name: awkward[0], at: "2026-11-25T10:05:30+01:00", day: "2026-03-09", consent: false, amount: 0 });
    expect(parsed.map((r) => r.name).slice(0, awkward.length)).toEqual(awkward);
    expect(parsed.at(-1)!.name).toBe("=1+1");
  });

  it("writes an empty array when nothing matches", () => {
    const file = join(scratch.dir, "empty.json");
    expect(writeJson(file, columns, [], () => {})).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual([]);
  });
});

// A PostgreSQL export pushes its rows a cursor's batch at a time; SQLite's, all in one iterator.
describe("rows pushed in batches", () => {
  const many: unknown[][] = Array.from({ length: 2500 }, (_, i) => [i, ...rows[i % rows.length]!.slice(1)]);
  const batches = (size: number) => Array.from({ length: Math.ceil(many.length / size) }, (_, b) => many.slice(b * size, (b + 1) * size));
  const progress = () => {
    const seen: number[] = [];
    return { seen, report: (done: number) => seen.push(done) };
  };

  it("CSV: the same file and the same progress as one pass", () => {
    const whole = progress();
    writeCsv(join(scratch.dir, "whole.csv"), columns, many, { delimiter: ";", dateStyle: "swiss", language: "fr" }, whole.report);
    const pushed = progress();
    const writer = csvWriter(join(scratch.dir, "pushed.csv"), columns, { delimiter: ";", dateStyle: "swiss", language: "fr" }, pushed.report);
    for (const batch of batches(7)) writer.write(batch);
    expect(writer.end()).toBe(many.length);
    expect(readFileSync(join(scratch.dir, "pushed.csv"))).toEqual(readFileSync(join(scratch.dir, "whole.csv")));
    expect(pushed.seen).toEqual(whole.seen);
  });

  it("JSON: the same file", () => {
    writeJson(join(scratch.dir, "whole.json"), columns, many, () => {});
    const writer = jsonWriter(join(scratch.dir, "pushed.json"), columns, () => {});
    for (const batch of batches(999)) writer.write(batch);
    expect(writer.end()).toBe(many.length);
    expect(readFileSync(join(scratch.dir, "pushed.json"), "utf8")).toBe(readFileSync(join(scratch.dir, "whole.json"), "utf8"));
  });

  it("XLSX: the same cells, the sheet split where one pass splits it", async () => {
    const read = async (file: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      return workbook.worksheets.map((sheet) => [sheet.name, sheet.rowCount, sheet.getRow(2).values, sheet.getRow(sheet.rowCount).values]);
    };
    await writeXlsx(join(scratch.dir, "whole.xlsx"), columns, many, { dateStyle: "swiss", sheetRowLimit: 1000 }, () => {});
    const writer = xlsxWriter(join(scratch.dir, "pushed.xlsx"), columns, { dateStyle: "swiss", sheetRowLimit: 1000 }, () => {});
    for (const batch of batches(333)) await writer.write(batch);
    expect(await writer.end()).toBe(many.length);
    expect(await read(join(scratch.dir, "pushed.xlsx"))).toEqual(await read(join(scratch.dir, "whole.xlsx")));
  });
});
