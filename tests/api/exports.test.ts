import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { exportDownloadResponse } from "../../electron/export/download";
import { ExportJobs } from "../../electron/export/jobs";
import { startHttpTransport } from "../../electron/http/server";
import { label } from "../../common/labels";
import { openTestApi } from "../fixtures/database";

let api: ReturnType<typeof openTestApi>;
let admin: string;
let manager: string;
let agent: string;
let productId: number;
const people: { id: number; firstName: string; lastName: string }[] = [];

const NAMES = [
  ["Zoë", "Müller-Lüdenscheid"],
  ["Émilie", "O'Neil"],
  ["سارة", "العلي"],
  ["Jean", "Dupont"],
] as const;

beforeEach(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  await api.ok("settings.update", { "session.idleMinutes": 240 }, admin);
  manager = await api.loginAs("manager", admin);
  agent = await api.loginAs("agent", admin);
  productId = (await api.ok<any>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
  people.length = 0;
  for (const [firstName, lastName] of NAMES) {
    const p = await api.ok<any>("people.create", { firstName, lastName, phones: [{ number: "022 735 33 92" }] }, agent);
    people.push({ id: p.id, firstName, lastName });
  }
  const titles = ["Crash à l'export PDF", "Ligne 1\nLigne 2; « guillemets » \"doubles\"", "-2+3 ne calcule pas", '=HYPERLINK("http://x";"🔄")'];
  for (const [i, title] of titles.entries()) {
    await api.ok("reports.create", { personId: people[i]!.id, productId, title, severity: i % 2 ? "critical" : "normal" }, agent);
  }
  const second = (await api.ok<any>("reports.list", { sort: "reference", direction: "asc" }, manager)).rows[1];
  await api.ok("reports.setStatus", { id: second.id, version: 1, status: "triaged" }, manager);
});
afterEach(() => api.cleanup());

async function finished(sessionId: string, id: string) {
  let view: any;
  await vi.waitFor(
    async () => {
      view = await api.ok<any>("exports.progress", { id }, sessionId);
      expect(view.status).not.toBe("running");
    },
    { timeout: 20_000, interval: 50 },
  );
  return view;
}

const exportFile = (_job: { id: string }) => {
  const dir = join(api.db.dir, "exports");
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
};

describe("who may export", () => {
  it("refuses agents and support unless an administrator granted them the right", async () => {
    const support = await api.loginAs("support", admin);
    const input = { recordSet: "errorReports", format: "csv" };
    for (const session of [agent, support]) {
      expect(await api.call("exports.preview", { recordSet: "people" }, session)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await api.call("exports.start", input, session)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await api.ok("exports.recordSets", {}, session)).toEqual({ allowed: false, recordSets: [] });
    }
    expect(await api.call("dashboard.summary", {}, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    const agentId = (await api.ok<any>("session.me", {}, agent)).user.id;
    await api.ok("settings.update", { "exports.grantedUserIds": [agentId] }, admin);
    expect((await api.ok<any>("exports.recordSets", {}, agent)).allowed).toBe(true);
    expect((await api.ok<any>("exports.preview", { recordSet: "people" }, agent)).total).toBe(4);
    expect(await api.call("exports.preview", { recordSet: "people" }, support)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("does not show one user's export to another", async () => {
    const started = await api.ok<any>("exports.start", { recordSet: "companies", format: "json" }, manager);
    const other = await api.loginAs("manager", admin);
    expect(await api.call("exports.progress", { id: started.id }, other)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await finished(manager, started.id);
  });
});

describe("preview", () => {
  it("shows the first rows of the filtered list with its count, and names a wrong filter", async () => {
    const preview = await api.ok<any>("exports.preview", { recordSet: "errorReports", columns: ["reference", "title", "status", "severity"], filters: { status: ["triaged"] } }, manager);
    expect(preview.total).toBe(1);
    expect(preview.columns.map((c: any) => c.label)).toEqual(["Référence", "Titre", "Statut", "Gravité"]);
    expect(preview.rows).toEqual([["ER-2026-00002", "Ligne 1\nLigne 2; « guillemets » \"doubles\"", label("reportStatus", "triaged", "fr"), label("severity", "critical", "fr")]]);

    const wrong = await api.call("exports.preview", { recordSet: "errorReports", filters: { courseId: 1 } }, manager);
    expect(wrong).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "filters.courseId" } });
    const badValue = await api.call("exports.preview", { recordSet: "errorReports", filters: { status: ["lost"] } }, manager);
    expect(badValue).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "filters.status.0" } });
    const badColumn = await api.call("exports.preview", { recordSet: "people", columns: ["lastName", "password"] }, manager);
    expect(badColumn).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "columns.1" } });
  });
});

describe("an export", () => {
  it("writes the filtered error reports to CSV in a worker, audited with the file's SHA-256", async () => {
    const started = await api.ok<any>(
      "exports.start",
      { recordSet: "errorReports", columns: ["reference", "title", "reporter", "severity"], filters: { severity: ["critical"] }, format: "csv", delimiter: ",", dateStyle: "iso" },
      manager,
    );
    expect(started.status).toBe("running");
    const done = await finished(manager, started.id);
    expect(done).toMatchObject({ status: "done", done: 2, total: 2, msLeft: 0 });
    expect(done.downloadUrl).toMatch(/^\/exports\/download\/[\w-]{43}$/);

    const file = exportFile(done);
    const bytes = readFileSync(file);
    const rows = parse(bytes.toString("utf8"), { bom: true }) as string[][];
    expect(rows).toEqual([
      ["Référence", "Titre", "Rapporteur", "Gravité"],
      ["ER-2026-00002", "Ligne 1\nLigne 2; « guillemets » \"doubles\"", "Émilie O'Neil", "Critique"],
      ["ER-2026-00004", "'=HYPERLINK(\"http://x\";\"🔄\")", "Jean Dupont", "Critique"],
    ]);

    const entry = (await api.ok<any>("audit.list", { operation: "exports.start", page: 0, pageSize: 10 }, admin)).rows;
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({ entityType: "export", entityId: "errorReports" });
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(entry[0].fields).toEqual(["format=csv", "delimiter=,", "dates=iso", "codes=labels", "rows=2", `sha256=${sha256}`, "columns=reference|title|reporter|severity", "filter.severity=critical"]);
    // Field names and filter codes only: no title, no name from the file.
    expect(JSON.stringify(entry[0])).not.toMatch(/HYPERLINK|Neil/);
  });

  it("writes an Excel workbook of people with typed cells, phone numbers as text in international format", async () => {
    const started = await api.ok<any>("exports.start", { recordSet: "people", columns: ["id", "firstName", "lastName", "phone", "createdAt"], format: "xlsx" }, manager);
    const done = await finished(manager, started.id);
    expect(done.status).toBe("done");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(exportFile(done));
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(2).getCell(1).value).toBe(people[0]!.id);
    expect(sheet.getRow(3).getCell(3).value).toBe("O'Neil");
    expect(sheet.getRow(4).getCell(2).value).toBe("سارة");
    // A text cell is never evaluated: no apostrophe, the groups a person reads.
    expect(sheet.getRow(5).getCell(4).value).toBe("+41 22 735 33 92");
    expect(sheet.getRow(2).getCell(5).type).toBe(ExcelJS.ValueType.Date);
  });

  it("is downloaded once from the loopback server, behind its Host check, then removed", async () => {
    const transport = await startHttpTransport({ dispatch: api.dispatcher.dispatch, staticDir: api.db.dir });
    try {
      const started = await api.ok<any>("exports.start", { recordSet: "errorReports", format: "json" }, manager);
      const done = await finished(manager, started.id);
      const file = exportFile(done);
      const expected = readFileSync(file, "utf8");
      const get = (path: string, host = `127.0.0.1:${transport.port}`) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
          request({ host: "127.0.0.1", port: transport.port, path, headers: { Host: host } }, (res) => {
            let body = "";
            res.on("data", (c) => (body += c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          })
            .on("error", reject)
            .end();
        });
      expect((await get(done.downloadUrl, "evil.example:80")).status).toBe(421);
      expect((await get("/exports/download/not-a-key")).status).toBe(404);
      const response = await get(done.downloadUrl);
      expect(response.status).toBe(200);
      expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="errorReports-\d{12}\.json"$/);
      expect(response.body).toBe(expected);
      expect(JSON.parse(response.body)).toHaveLength(4);
      await vi.waitFor(() => expect(existsSync(file)).toBe(false));
      expect((await get(done.downloadUrl)).status).toBe(404);
    } finally {
      await transport.close();
    }
  });
});

describe("in Electron", () => {
  it("serves the same download through the app protocol, for the save dialog, then removes it", async () => {
    const started = await api.ok<any>("exports.start", { recordSet: "companies", format: "csv" }, manager);
    const done = await finished(manager, started.id);
    const file = exportFile(done);
    const expected = readFileSync(file);
    expect(exportDownloadResponse(new Request(`https://crm${done.downloadUrl}`))).toBeUndefined();
    expect(exportDownloadResponse(new Request("app://crm/index.html"))).toBeUndefined();
    const response = exportDownloadResponse(new Request(`app://crm${done.downloadUrl}`))!;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="companies-\d{12}\.csv"$/);
    expect(Buffer.from(await response.arrayBuffer()).equals(expected)).toBe(true);
    await vi.waitFor(() => expect(existsSync(file)).toBe(false));
    expect(exportDownloadResponse(new Request(`app://crm${done.downloadUrl}`))!.status).toBe(404);
  });
});

describe("cancelling", () => {
  // A worker that has written part of its file and is still going, as a long export would be.
  const slowWorker = (data: { outFile: string }) =>
    new Worker(
      `const { parentPort, workerData } = require("node:worker_threads");
       require("node:fs").writeFileSync(workerData.outFile, "partial;rows\\r\\n");
       parentPort.postMessage({ type: "progress", done: 2000, total: 1000000 });
       setInterval(() => {}, 1000);`,
      { eval: true, workerData: data },
    );

  it("stops the worker and removes the partial file", async () => {
    const jobs = new ExportJobs(api.db, { dir: join(api.db.dir, "slow-exports"), launch: slowWorker });
    const userId = (await api.ok<any>("session.me", {}, manager)).user.id;
    const started = jobs.start(userId, { recordSet: "people", columns: [], filters: {}, format: "csv", delimiter: ";", dateStyle: "swiss", language: "fr" });
    const partial = join(api.db.dir, "slow-exports", `${started.id}.csv`);
    await vi.waitFor(() => expect(jobs.progress(started.id, userId)).toMatchObject({ done: 2000, total: 1_000_000 }));
    expect(jobs.progress(started.id, userId).msLeft).toBeGreaterThan(0);
    expect(existsSync(partial)).toBe(true);

    expect(jobs.cancel(started.id, userId)).toMatchObject({ status: "cancelled", downloadUrl: null });
    await vi.waitFor(() => expect(existsSync(partial)).toBe(false));
    expect(readdirSync(join(api.db.dir, "slow-exports"))).toEqual([]);
    expect(() => jobs.cancel(started.id, userId + 1)).toThrow(/not found/);
  });

  it("through the API also removes a finished file that was not downloaded", async () => {
    const started = await api.ok<any>("exports.start", { recordSet: "interactions", format: "csv" }, manager);
    await finished(manager, started.id);
    const file = exportFile(started);
    expect(await api.ok<any>("exports.cancel", { id: started.id }, manager)).toMatchObject({ status: "cancelled" });
    expect(existsSync(file)).toBe(false);
  });
});

describe("dashboard", () => {
  it("counts today's calls by purpose, open reports by status and severity, and this week's reports", async () => {
    const summary = await api.ok<any>("dashboard.summary", {}, manager);
    expect(summary.calls).toHaveLength(30);
    const today = summary.calls.at(-1);
    expect(today.day).toBe("2026-11-25");
    expect(today.counts.error_report).toBe(4);
    expect(summary.openReports.find((r: any) => r.status === "new")).toMatchObject({ total: 3, counts: { normal: 2, critical: 1 } });
    expect(summary.openReports.find((r: any) => r.status === "triaged")).toMatchObject({ total: 1, counts: { critical: 1 } });
    expect(summary.weekly).toHaveLength(12);
    expect(summary.weekly.at(-1)).toMatchObject({ week: "2026-11-23", opened: 4, resolved: 0 });
    expect(summary.overdueCallbacks).toBe(0);
    expect(summary.training.every((t: any) => t.count === 0)).toBe(true);
    expect(summary.privacy).toEqual({ overdue: 0, dueSoon: 0 });
  });
});

describe("the mailing list", () => {
  it("holds the people opted in to the topic on a channel that reaches them, never the opted-out or the suppressed", async () => {
    const { suppress } = await import("../../db/suppression");
    const make = async (lastName: string, email?: string) =>
      (await api.ok<any>("people.create", { firstName: "Test", lastName, ...(email ? { emails: [{ email }] } : {}) }, agent)).id as number;
    const optedIn = await make("Inscrite", "inscrite@example.ch");
    const optedOut = await make("Desinscrite", "desinscrite@example.ch");
    const suppressed = await make("Supprimee", "supprimee@example.ch");
    const noEmail = await make("Sansmail");
    const otherTopic = await make("Autretheme", "autre@example.ch");
    const prefer = api.db.sqlite.prepare("INSERT INTO contact_preferences (person_id, topic, channel, status, source, changed_at) VALUES (?, ?, 'email', ?, 'call', 0)");
    prefer.run(optedIn, "newsletter", "opted_in");
    prefer.run(optedOut, "newsletter", "opted_out");
    prefer.run(suppressed, "newsletter", "opted_in");
    prefer.run(noEmail, "newsletter", "opted_in");
    prefer.run(otherTopic, "product_updates", "opted_in");
    await api.db.engine.transaction("write", (tx) => suppress(tx, [{ kind: "email", value: "Supprimee@Example.ch " }], 0));

    const preview = await api.ok<any>("exports.preview", { recordSet: "mailingList", columns: ["lastName", "email"], filters: { topic: ["newsletter"] } }, manager);
    expect(preview.rows).toEqual([["Inscrite", "inscrite@example.ch"]]);
    expect(preview.total).toBe(1);
    const missing = await api.call("exports.preview", { recordSet: "mailingList" }, manager);
    expect(missing).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "filters.topic" } });
  });
});

describe("every record set", () => {
  it("previews with all its columns, and counts what it lists", async () => {
    const sets = (await api.ok<any>("exports.recordSets", {}, manager)).recordSets as { key: string; columns: { key: string }[]; required: string[] }[];
    expect(sets.map((s) => s.key)).toEqual(["people", "companies", "interactions", "errorReports", "errorReportEvents", "trainingRequests", "trainingSessions", "privacyRequests", "mailingList", "auditLog"]);
    const totals: Record<string, number> = {};
    for (const set of sets) {
      const filters = set.required.includes("topic") ? { topic: ["newsletter"] } : {};
      const preview = await api.ok<any>("exports.preview", { recordSet: set.key, columns: set.columns.map((c) => c.key), filters }, manager);
      expect(preview.columns).toHaveLength(set.columns.length);
      expect(preview.rows.every((r: unknown[]) => r.length === set.columns.length)).toBe(true);
      totals[set.key] = preview.total;
    }
    // Four people, each with the call logged when their report was taken; one report was triaged.
    expect(totals).toMatchObject({ people: 4, interactions: 4, errorReports: 4, errorReportEvents: 5, mailingList: 0 });
  });
});
