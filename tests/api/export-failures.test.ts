import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyAuditSync } from "../../db/audit";
import { exportJobsFor, ExportJobs } from "../../electron/export/jobs";
import { createLogger, type Logger } from "../../electron/log";
import { openTestApi } from "../fixtures/database";

/*
 * Issue 12, item 1: no export job can take the process down. Whatever goes wrong once the request
 * has been answered — the worker's report, the audit entry, a stored value no formatter knew —
 * the job is marked failed, its file removed, the failure audited and logged by class only. A
 * thrown error here would reach vitest as an unhandled error and fail the run: the process stays.
 */

let api: ReturnType<typeof openTestApi>;
let admin: string;
let manager: string;
let managerId: number;
let logDir: string;
let log: Logger;

beforeEach(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  await api.ok("settings.update", { "session.idleMinutes": 240 }, admin);
  manager = await api.loginAs("manager", admin);
  managerId = (await api.ok<any>("session.me", {}, manager)).user.id;
  logDir = mkdtempSync(join(tmpdir(), "export-log-"));
  log = createLogger({ dir: logDir });
});
afterEach(() => {
  api.cleanup();
  rmSync(logDir, { recursive: true, force: true });
});

const exportsDir = () => join(api.db.dir, "exports");
const logText = () => readFileSync(log.file, "utf8");

async function settled(jobs: ExportJobs, id: string) {
  let view: ReturnType<ExportJobs["progress"]> | undefined;
  await vi.waitFor(
    () => {
      view = jobs.progress(id, managerId);
      expect(view.status).not.toBe("running");
    },
    { timeout: 20_000, interval: 50 },
  );
  return view!;
}

const auditOf = async (operation: string) => (await api.ok<any>("audit.list", { operation }, admin)).rows;

describe("a job that cannot be audited", () => {
  it("fails, leaves no file, audits the failure and logs it, and the desk keeps working", async () => {
    const person = await api.ok<any>("people.create", { firstName: "Jean", lastName: "Dupont-Secret" }, manager);
    await api.ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: "Appel" }, manager);
    // The audit entry of a finished export cannot be written (a full disk answers the same way).
    api.db.sqlite.exec(`CREATE TRIGGER refuse_export_audit BEFORE INSERT ON audit_log WHEN NEW.operation = 'exports.start'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const jobs = exportJobsFor(api.db, log);

    const started = await api.ok<any>("exports.start", { recordSet: "interactions", format: "csv" }, manager);
    const view = await settled(jobs, started.id);

    expect(view).toMatchObject({ status: "failed", downloadUrl: null });
    // The file with the person's data was complete; unaudited, it must not stay.
    await vi.waitFor(() => expect(readdirSync(exportsDir())).toEqual([]));
    expect(await auditOf("exports.failed")).toEqual([
      expect.objectContaining({ userId: managerId, entityType: "export", entityId: "interactions", fields: ["format=csv", "reason=SqliteError", "code=SQLITE_CONSTRAINT_TRIGGER"] }),
    ]);
    expect(logText()).toMatch(new RegExp(`ERROR export\\.failed job=${started.id} recordSet=interactions error=SqliteError code=SQLITE_CONSTRAINT_TRIGGER`));
    expect(logText()).not.toContain("Dupont");
    // Still serving: the next request is answered.
    expect(await api.call("people.get", { id: person.id }, manager)).toMatchObject({ ok: true });
  });
});

describe("a worker that reports a failure or dies", () => {
  const userSpec = { recordSet: "people" as const, columns: [], filters: {}, format: "csv" as const, delimiter: ";" as const, dateStyle: "swiss" as const, language: "fr" as const };

  it("keeps the class of the worker's error and never its text", async () => {
    // A partial file, then the failure as the real worker reports it: a stack whose message quotes data.
    const failing = (data: { outFile: string }) =>
      new Worker(
        `const { parentPort, workerData } = require("node:worker_threads");
         require("node:fs").writeFileSync(workerData.outFile, "Dupont;Jean\\r\\n");
         parentPort.postMessage({ type: "failed", message: "RangeError: Invalid time value Dupont\\n    at formatInstant (zurich-dates.ts:1:1)" });`,
        { eval: true, workerData: data },
      );
    const jobs = new ExportJobs(api.db, { launch: failing, log });
    const started = jobs.start(managerId, userSpec);
    expect(await settled(jobs, started.id)).toMatchObject({ status: "failed" });
    await vi.waitFor(() => expect(readdirSync(exportsDir())).toEqual([]));
    expect(await auditOf("exports.failed")).toEqual([expect.objectContaining({ entityId: "people", fields: ["format=csv", "reason=RangeError"] })]);
    expect(logText()).toMatch(/ERROR export\.failed job=\S+ recordSet=people error=RangeError\n/);
    expect(logText()).not.toContain("Dupont");
  });

  it("fails a job whose worker exits without a word, and one whose worker cannot be started", async () => {
    const silent = (data: { outFile: string }) =>
      new Worker(`require("node:fs").writeFileSync(require("node:worker_threads").workerData.outFile, "x"); process.exit(3);`, { eval: true, workerData: data });
    const jobs = new ExportJobs(api.db, { launch: silent, log });
    const exited = jobs.start(managerId, userSpec);
    expect(await settled(jobs, exited.id)).toMatchObject({ status: "failed" });

    const noThread = new ExportJobs(api.db, {
      launch: () => {
        throw new Error("no thread");
      },
      log,
    });
    expect(noThread.start(managerId, userSpec)).toMatchObject({ status: "failed", downloadUrl: null });

    await vi.waitFor(() => expect(readdirSync(exportsDir())).toEqual([]));
    expect((await auditOf("exports.failed")).map((r: any) => r.fields[1])).toEqual(["reason=Error", "reason=WorkerExitedError"]);
    expect(verifyAuditSync(api.db)).toMatchObject({ ok: true });
  });
});

describe("stored times outside the range (a database written by an older version)", () => {
  // Each beyond what Intl or a Date can place: the largest safe integer, past Date's end, and Date's very end.
  const EXTREMES = [9007199254740991, -9007199254740991, 8640000000000001, 8640000000000000];

  it("are exported as they are in CSV, Excel and JSON instead of failing the export", async () => {
    const person = await api.ok<any>("people.create", { lastName: "Rochat" }, manager);
    for (const at of EXTREMES) await api.ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: `n${at}` }, manager);
    // Rewritten under the API, as an older version would have stored them.
    api.db.sqlite.prepare("UPDATE interactions SET at = CAST(substr(summary, 2) AS INTEGER)").run();
    const jobs = exportJobsFor(api.db, log);

    const files: Record<string, Buffer> = {};
    for (const format of ["csv", "xlsx", "json"] as const) {
      const started = await api.ok<any>("exports.start", { recordSet: "interactions", format, columns: ["at", "summary"], dateStyle: "iso" }, manager);
      const view = await settled(jobs, started.id);
      expect(view.status, format).toBe("done");
      const [file] = readdirSync(exportsDir()).filter((f) => f.startsWith(started.id));
      files[format] = readFileSync(join(exportsDir(), file!));
      await api.ok("exports.cancel", { id: started.id }, manager);
    }

    const csv = parse(files.csv!.toString("utf8").replace(/^\uFEFF/, ""), { delimiter: ";" }) as string[][];
    const csvAt = Object.fromEntries(csv.slice(1).map(([at, summary]) => [summary, at]));
    expect(csvAt).toEqual({
      n9007199254740991: "9007199254740991",
      "n-9007199254740991": "-9007199254740991",
      n8640000000000001: "8640000000000001",
      n8640000000000000: "+275760-09-13T00:00:00.000Z",
    });

    const json = JSON.parse(files.json!.toString("utf8")) as { at: string; summary: string }[];
    expect(Object.fromEntries(json.map((r) => [r.summary, r.at]))).toEqual(csvAt);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(files.xlsx! as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const xlsxAt: Record<string, unknown> = {};
    sheet.eachRow((row, n) => {
      if (n > 1) xlsxAt[String(row.getCell(2).value)] = row.getCell(1).value;
    });
    expect(xlsxAt).toEqual(csvAt);
    expect(existsSync(log.file) ? logText() : "").not.toMatch(/ERROR/);
  });
});
