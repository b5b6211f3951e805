import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createDispatcher } from "../../electron/api/dispatcher";
import { op, type Operation } from "../../electron/api/operation";
import { label } from "../../common/labels";
import { english, french } from "../../renderer/src/i18n/resources";
import { openTestApi, openTestDb } from "../fixtures/database";

let api: ReturnType<typeof openTestApi>;
let admin: string;

beforeEach(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  await api.ok("settings.update", { "session.idleMinutes": 240 }, admin);
});
afterEach(() => api.cleanup());

/** Neither zod's wording nor English in a French answer. */
const NOT_FRENCH = /Trop petit|>=|chaîne de caractères|Too small|Invalid|expected|letters|only|characters/;

describe("a validation error", () => {
  it("reads as a French sentence naming the field for a French user", async () => {
    const tooShort = await api.call("users.create", { username: "emile", displayName: "Émile Zola", role: "agent", password: "court" }, admin);
    expect(tooShort).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "password", message: "Mot de passe : au moins 10 caractères.", fieldMessage: "Au moins 10 caractères." },
    });

    const agent = await api.loginAs("agent", admin);
    const badName = await api.call("people.create", { firstName: "Émile", lastName: "R2-D2" }, agent);
    expect(badName).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "lastName", message: "Nom : lettres, apostrophes, traits d'union, points et espaces seulement." },
    });
    for (const answer of [tooShort, badName]) expect(answer.ok === false && answer.error.message).not.toMatch(NOT_FRENCH);
  });

  it("reads as an English sentence naming the field for an English user", async () => {
    await api.ok("session.setLanguage", { language: "en" }, admin);
    expect(await api.call("users.create", { username: "emile", displayName: "Émile Zola", role: "agent", password: "short" }, admin)).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "password", message: "Password: at least 10 characters.", fieldMessage: "At least 10 characters." },
    });
    expect(await api.call("people.create", { firstName: "Émile", lastName: "R2-D2" }, admin)).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "lastName", message: "Last name: letters, apostrophes, hyphens, dots and spaces only." },
    });
  });

  it("says a call logged in the future in the user's words, not as a schema's English", async () => {
    const agent = await api.loginAs("agent", admin);
    const person = await api.ok<{ id: number }>("people.create", { firstName: "Émile", lastName: "Zola" }, agent);
    const answer = await api.call("interactions.log", { personId: person.id, channel: "call_in", purpose: "other", summary: "Rappel", at: Date.now() + 86_400_000 }, agent);
    expect(answer).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "at", reason: "date_in_future", message: "La date ne peut pas être dans le futur." } });
  });
});

describe("an export", () => {
  it("says a report's severity with the label the screens show", async () => {
    const manager = await api.loginAs("manager", admin);
    const productId = (await api.ok<{ id: number }>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
    const person = await api.ok<{ id: number }>("people.create", { firstName: "Émile", lastName: "Zola" }, manager);
    await api.ok("reports.create", { personId: person.id, productId, title: "Lent à l'ouverture", severity: "low" }, manager);

    const started = await api.ok<{ id: string }>("exports.start", { recordSet: "errorReports", columns: ["reference", "severity"], format: "csv" }, manager);
    await vi.waitFor(async () => expect((await api.ok<{ status: string }>("exports.progress", { id: started.id }, manager)).status).toBe("done"), { timeout: 20_000, interval: 50 });
    const dir = join(api.db.dir, "exports");
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const rows = parse(readFileSync(join(dir, files[0]!), "utf8"), { bom: true, delimiter: ";" }) as string[][];

    // The queue and the report form show t("reports.severity.low"); the export filter and the dashboard t("exports.value.low").
    expect(rows[1]![1]).toBe(label("severity", "low", "fr"));
    expect(rows[1]![1]).toBe(french.reports.severity.low);
    expect(rows[1]![1]).toBe(french.exports.value.low);
    expect(english.reports.severity.low).toBe(label("severity", "low", "en"));

    const preview = await api.ok<{ rows: unknown[][] }>("exports.preview", { recordSet: "errorReports", columns: ["severity"] }, manager);
    expect(preview.rows).toEqual([[french.reports.severity.low]]);

    // The export screen's filters get each list's own labels: a privacy request "completed" is not a training's.
    const sets = (await api.ok<{ recordSets: { key: string; filters: { key: string; labels?: Record<string, string> }[] }[] }>("exports.recordSets", {}, manager)).recordSets;
    const filterLabels = (set: string, filter: string) => sets.find((s) => s.key === set)!.filters.find((f) => f.key === filter)!.labels!;
    expect(filterLabels("errorReports", "severity").low).toBe(french.reports.severity.low);
    expect(filterLabels("privacyRequests", "status").completed).toBe(label("privacyStatus", "completed", "fr"));
    expect(filterLabels("trainingRequests", "status").completed).toBe(label("trainingStatus", "completed", "fr"));
  });
});

describe("a storage failure", () => {
  it("reads as a sentence the user can act on, with the incident number, never SQLite's or Node's text", async () => {
    const db = openTestDb();
    const failing = (code: string, text: string) =>
      op({
        input: z.strictObject({}),
        roles: "public",
        mutates: true,
        handler: () => {
          throw Object.assign(new Error(text), { code });
        },
      });
    const registry = {
      "test.busy": failing("SQLITE_BUSY", "database is locked"),
      "test.full": failing("SQLITE_FULL", "database or disk is full"),
      "test.io": failing("SQLITE_IOERR_WRITE", "disk I/O error"),
    };
    const { dispatch } = createDispatcher(registry as unknown as Record<string, Operation>, { db, logError: () => undefined });
    const answers = await Promise.all(Object.keys(registry).map((name) => dispatch(name, {})));
    expect(answers.map((a) => !a.ok && a.error.reason)).toEqual(["database_busy", "disk_full", "storage_failed"]);
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toMatch(/locked|disk is full|I\/O|SQLITE/);
      expect(!answer.ok && answer.error.message).toMatch(/^\p{Lu}.*\. \([0-9a-f]{8}\)$/u);
    }
    expect(!answers[1]!.ok && answers[1]!.error.message).toMatch(/^Le disque est plein/);
    db.cleanup();
  });
});
