import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from "./harness";

/*
 * The cells of exported files, read back as a spreadsheet user gets them, exported through the
 * export screen in Chromium: phone numbers without the apostrophe every one of them used to carry
 * (E.164 in CSV, "+41 22 735 33 92" in Excel), formula payloads neutralised in CSV only, and code
 * columns as labels (the default) or as codes when asked.
 */

const ADMIN = { username: "admin", displayName: "Claire Admin", password: "correct horse battery" };
const MANAGER = { username: "marc", displayName: "Marc Manager", password: "manager password", role: "manager" };
const AGENT = { username: "alice", displayName: "Alice Agent", password: "agent password 1", role: "agent" };

const PHONES = [
  { typed: "022 735 33 90", e164: "+41227353390", international: "+41 22 735 33 90" },
  { typed: "079 123 45 67", e164: "+41791234567", international: "+41 79 123 45 67" },
  { typed: "+33 1 42 68 53 00", e164: "+33142685300", international: "+33 1 42 68 53 00" },
];
/** Titles a caller could dictate that a spreadsheet would run, and one that it would not. */
const PAYLOADS = ["=cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0", "+A1", "Imprimante -2 pages"];

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const admin = await app.api.createAdmin(ADMIN.username, ADMIN.password, ADMIN.displayName);
  for (const user of [MANAGER, AGENT]) await app.api.createUser(admin, user);
  const agent = await app.api.login(AGENT.username, AGENT.password);
  const manager = await app.api.login(MANAGER.username, MANAGER.password);
  const productId = (await app.api.value<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
  const ids: number[] = [];
  for (const [i, phone] of PHONES.entries()) {
    ids.push((await app.api.value<{ id: number }>("people.create", { firstName: "Zoë", lastName: `Kolly ${"ABC"[i]}`, phones: [{ number: phone.typed }] }, agent)).id);
  }
  for (const title of PAYLOADS) await app.api.value("reports.create", { personId: ids[0], productId, title, severity: "normal" }, agent);
  // One triaged report: its status reads "Trié" as a label and "triaged" as a code.
  const queue = await app.api.value<{ rows: { id: number }[] }>("reports.list", { sort: "reference", direction: "asc" }, manager);
  await app.api.value("reports.setStatus", { id: queue.rows[0]!.id, version: 1, status: "triaged" }, manager);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function exportsScreen(): Promise<Page> {
  const { page } = await openPage(browser);
  page.setDefaultTimeout(15_000);
  await page.goto(app.url);
  await page.getByRole("textbox", { name: "Nom d'utilisateur" }).fill(MANAGER.username);
  await page.getByRole("textbox", { name: "Mot de passe" }).fill(MANAGER.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("link", { name: /^Exports/ }).click();
  await page.getByRole("heading", { name: "Exports" }).waitFor();
  return page;
}

/** Clicks Exporter and returns the downloaded file's bytes. */
async function download(page: Page): Promise<Buffer> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter" }).click();
  const file = await downloading;
  return readFileSync((await file.path())!);
}

const csvRows = (bytes: Buffer) => parse(bytes.toString("utf8"), { bom: true, delimiter: ";" }) as string[][];

describe("exported cells", () => {
  it("CSV: phone numbers in E.164 with no apostrophe (a spreadsheet reads a number and runs nothing)", async () => {
    const page = await exportsScreen();
    await page.getByRole("combobox", { name: "Liste" }).selectOption({ label: "Personnes et coordonnées" });
    const [header, ...rows] = csvRows(await download(page));
    const phone = header!.indexOf("Téléphone");
    expect(phone).toBeGreaterThan(-1);
    expect(rows.map((r) => r[phone])).toEqual(PHONES.map((p) => p.e164));
    await page.context().close();
  });

  it("Excel: phone numbers as text cells in international format, no apostrophe, no formula", async () => {
    const page = await exportsScreen();
    await page.getByRole("combobox", { name: "Liste" }).selectOption({ label: "Personnes et coordonnées" });
    await page.getByRole("radiogroup", { name: "Format" }).getByText("Excel (.xlsx)").click();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(page)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const phone = header.indexOf("Téléphone") + 1;
    expect(phone).toBeGreaterThan(0);
    const cells = PHONES.map((_, i) => sheet.getRow(i + 2).getCell(phone));
    expect(cells.map((c) => c.type)).toEqual(PHONES.map(() => ExcelJS.ValueType.String));
    expect(cells.map((c) => c.value)).toEqual(PHONES.map((p) => p.international));
    await page.context().close();
  });

  it("CSV: error reports with formula payloads neutralised, statuses as labels by default and as codes when asked", async () => {
    const page = await exportsScreen();
    await page.getByRole("combobox", { name: "Liste" }).selectOption({ label: "Rapports d'erreur" });
    const codes = page.getByRole("radiogroup", { name: "Valeurs codées" });
    await codes.getByText("Libellés (Trié)").waitFor();
    await screenshot(page, "exports-codes-option");

    const [header, ...labelled] = csvRows(await download(page));
    const [title, status, severity] = ["Titre", "Statut", "Gravité"].map((h) => header!.indexOf(h));
    const byTitle = (rows: string[][]) => new Map(rows.map((r) => [r[title!]!, r]));
    // A spreadsheet would run all but the last: they carry the apostrophe; the last is as typed.
    expect(labelled.map((r) => r[title!]).sort()).toEqual([...PAYLOADS.slice(0, -1).map((p) => `'${p}`), PAYLOADS.at(-1)!].sort());
    expect(byTitle(labelled).get(`'${PAYLOADS[0]}`)!.slice(status, severity! + 1)).toEqual(["Trié", "Normale"]);
    expect(labelled.filter((r) => r[status!] === "Nouveau")).toHaveLength(PAYLOADS.length - 1);

    await codes.getByText("Codes (triaged)").click();
    // The preview shows the cells as the file will.
    await page.getByRole("button", { name: "Aperçu" }).click();
    await expect.poll(() => page.getByRole("table", { name: "Aperçu de l'export" }).innerText()).toContain("triaged");
    await screenshot(page, "exports-codes-preview");
    const [, ...coded] = csvRows(await download(page));
    expect(byTitle(coded).get(`'${PAYLOADS[0]}`)!.slice(status, severity! + 1)).toEqual(["triaged", "normal"]);
    expect(coded.filter((r) => r[status!] === "new")).toHaveLength(PAYLOADS.length - 1);
    await page.context().close();
  });
});
