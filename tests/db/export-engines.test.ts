import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dialect, Writes } from "../../db/engine";
import { previewExport, type ExportSource } from "../../db/export/export-source";
import { buildExportQuery, RECORD_SET_KEYS, RECORD_SETS, type ExportFilters, type RecordSetKey } from "../../db/export/record-sets";
import { runExport, type ExportFormat, type ExportResult, type ExportSpec } from "../../db/export/run-export";
import { contactHash } from "../../db/suppression";
import { CALLBACK_OUTCOMES, FREQUENCIES, INTERACTION_CHANNELS, INTERACTION_PURPOSES, PERSON_LANGUAGES, PRIVACY_REQUEST_KINDS, PRIVACY_STATUSES, REPORT_STATUSES, SEVERITIES } from "../../common/enums";
import { scratchDir } from "../fixtures/database";
import { ENGINES } from "../fixtures/engines";
import { exportFileContents } from "../fixtures/export-files";
import { openExportTestDatabase, type ExportTestDatabase } from "../fixtures/export-sources";
import { HOSTILE_NAMES, HOSTILE_TEXTS, stored } from "../fixtures/hostile-strings";

/**
 * A manager's export from a PostgreSQL database gives the cells it gives from SQLite: the same
 * rows written on each engine (hostile text, times either side of Geneva's midnight and of its
 * summer time, phones, codes), every record set exported in every format on each, the files
 * compared with SQLite's.
 */

const text = (i: number) => stored(HOSTILE_TEXTS[i % HOSTILE_TEXTS.length]!.text);
// Times that fall on another calendar day in Geneva than in UTC (23:30 UTC in winter is 00:30 the
// next day; 22:15 UTC in summer is 00:15), spread over two years.
const instant = (i: number) => (i % 2 ? Date.UTC(2025, i % 12, 1 + (i % 27), 22, 15) : Date.UTC(2026, i % 12, 1 + (i % 27), 23, 30));
const day = (i: number) => `2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 27)).padStart(2, "0")}`;
const SALT = "export-engines-test-key";
const SUPPRESSED_EMAIL = "hx0@example.ch";

function insert(table: string, row: Record<string, unknown>): SQL {
  const keys = Object.keys(row);
  return sql`INSERT INTO ${sql.identifier(table)} (${sql.join(
    keys.map((k) => sql.identifier(k)),
    sql`, `,
  )}) VALUES (${sql.join(
    keys.map((k) => sql`${row[k]}`),
    sql`, `,
  )})`;
}

/** The same rows on either engine, written with SQL (the domain modules move in parallel). */
async function seed(tx: Writes): Promise<void> {
  const rows: SQL[] = [];
  const add = (table: string, row: Record<string, unknown>) => rows.push(insert(table, row));
  add("users", { id: 901, username: "hx.agent", display_name: text(4), role: "agent", password_hash: "x", created_at: instant(0), updated_at: instant(0) });
  add("companies", { id: 1, name: text(5), phone: "+41227353392", street: text(10), postal_code: "1202", city: "Genève", country: "CH", website: "https://example.ch", created_at: instant(1), updated_at: instant(1) });
  add("companies", { id: 2, name: text(0), country: "FR", created_at: instant(2), updated_at: instant(2) });
  HOSTILE_NAMES.forEach((name, i) => {
    const id = 101 + i;
    add("people", {
      id,
      salutation: [null, "ms", "mr", "mx"][i % 4],
      first_name: stored(name.firstName),
      last_name: stored(name.lastName),
      language: PERSON_LANGUAGES[i % 4],
      company_id: i % 3 === 0 ? null : 1 + (i % 2),
      last_contact_at: i % 5 === 0 ? null : instant(i + 3),
      created_at: instant(i),
      updated_at: instant(i),
    });
    const phone = (e164: string, primary: boolean, k: number) =>
      add("phones", { id: id * 10 + k, person_id: id, e164, digits_reversed: [...e164.slice(1)].reverse().join(""), kind: primary ? "landline" : "mobile", is_primary: primary });
    if (i % 4 !== 3) phone(`+41227353${String(300 + i)}`, i % 2 === 0, 1);
    if (i % 2) phone(`+4179555${String(1000 + i)}`, false, 2);
    if (i % 3 !== 2) add("emails", { id: id * 10 + 1, person_id: id, email: `hx${i}@example.ch`, is_primary: true });
    if (i % 2) add("emails", { id: id * 10 + 2, person_id: id, email: `second${i}@example.org`, is_primary: false });
    if (i % 2 === 0) add("addresses", { id: id * 10 + 1, person_id: id, street: text(i), postal_code: "1202", city: "Genève", country: "CH" });
    if (i % 4 === 0) add("addresses", { id: id * 10 + 2, person_id: id, street: "Rue de Lausanne 63", city: "Genève", country: "CH" });
    add("interactions", { id: id, person_id: id, channel: INTERACTION_CHANNELS[i % 6], purpose: INTERACTION_PURPOSES[i % 6], summary: text(i + 1), agent_id: i % 2 ? 901 : null, at: instant(i + 5), created_at: instant(i + 5) });
    // Opted in to the newsletter by email (or by phone for some); opted out for every fifth.
    add("contact_preferences", { person_id: id, topic: "newsletter", channel: i % 4 === 1 ? "phone" : "email", status: i % 5 === 4 ? "opted_out" : "opted_in", source: "call", changed_at: instant(i) });
  });
  add("products", { id: 1, name: "Jet Compta", versions: '["5.2"]' });
  for (let n = 0; n < 7; n++) {
    add("error_reports", {
      id: n + 1,
      reference: `ER-2026-0000${n + 1}`,
      person_id: n === 5 ? null : 101 + n,
      product_id: 1,
      product_version: "5.2",
      title: text(n + 2),
      description: text(n + 3),
      frequency: FREQUENCIES[n % 4],
      severity: SEVERITIES[n % 4],
      status: REPORT_STATUSES[n % 7],
      callback_consent: n % 2 === 0,
      callback_phone: n % 2 ? "+41227353392" : null,
      next_callback_at: n % 3 ? instant(n + 7) : null,
      assignee_id: n % 2 ? 901 : null,
      resolution: text(n + 4),
      created_at: instant(n),
      updated_at: instant(n + 1),
    });
    add("error_report_events", { id: 2 * n + 1, report_id: n + 1, at: instant(n), user_id: 901, kind: "created", to_status: "new", text: "" });
    add("error_report_events", { id: 2 * n + 2, report_id: n + 1, at: instant(n) + 60_000, user_id: n % 2 ? 901 : null, kind: n % 2 ? "callback" : "status", from_status: n % 2 ? null : "new", to_status: n % 2 ? null : REPORT_STATUSES[n % 7], outcome: n % 2 ? CALLBACK_OUTCOMES[n % 4] : null, text: text(n + 6) });
  }
  add("training_courses", { id: 1, code: "EXC-ADV", title_fr: "Excel avancé « pro »", title_en: "Advanced Excel", duration_value: 2, duration_unit: "days", format: "premises" });
  add("training_courses", { id: 2, code: "WORD-1", title_fr: text(7), title_en: "Word", duration_value: 4, duration_unit: "hours", format: "online" });
  for (let s = 0; s < 3; s++) add("training_sessions", { id: s + 1, course_id: 1 + (s % 2), starts_on: day(s * 4), ends_on: day(s * 4 + 1), place: text(s + 8), capacity: 10 + s, trainer: stored(HOSTILE_NAMES[s]!.firstName), status: ["planned", "confirmed", "held"][s] });
  for (let t = 0; t < 6; t++) {
    add("training_requests", {
      id: t + 1,
      person_id: 101 + t,
      course_id: 1 + (t % 2),
      preferred_period: text(t + 9),
      participants: 1 + t,
      language: PERSON_LANGUAGES[t % 4],
      format: ["premises", "client", "online"][t % 3],
      company_id: t % 2 ? 1 : null,
      notes: text(t + 10),
      callback_consent: t % 2 === 1,
      status: ["requested", "scheduled", "cancelled", "confirmed", "completed", "contacted"][t],
      session_id: t % 3 === 2 ? null : 1 + (t % 3),
      created_at: instant(t + 2),
      updated_at: instant(t + 2),
    });
  }
  for (let q = 0; q < 6; q++) {
    add("privacy_requests", {
      id: q + 1,
      reference: `DP-2026-000${q + 1}`,
      person_id: q === 4 ? null : 101 + q,
      kind: PRIVACY_REQUEST_KINDS[q % 6],
      channel: ["phone", "email", "letter", "in_person"][q % 4],
      received_on: day(q * 2),
      due_on: day(q * 2 + 1),
      original_due_on: day(q * 2 + 1),
      status: PRIVACY_STATUSES[q % 4],
      details: text(q),
      identity_method: q % 2 ? "email_on_file" : null,
      created_at: instant(q),
      closed_at: q % 2 ? instant(q + 1) : null,
      erased_at: q === 4 ? instant(q + 2) : null,
    });
  }
  for (let a = 0; a < 5; a++) add("audit_log", { id: a + 1, at: instant(a), user_id: a % 2 ? 901 : null, operation: "exports.run", entity_type: "export", entity_id: String(a), fields: '["recordSet"]', prev_hash: "0".repeat(64), hash: String(a).repeat(64) });
  // The first person's email is on the suppression list: a mailing list leaves them out.
  add("settings", { key: "privacy.suppressionSalt", value: JSON.stringify(SALT) });
  add("suppression_list", { hash: contactHash(SALT, "email", SUPPRESSED_EMAIL), kind: "email", added_at: instant(0) });
  for (const row of rows) await tx.run(row);
}

const FORMATS: ExportFormat[] = ["csv", "json", "xlsx"];
const allColumns = (key: RecordSetKey) => RECORD_SETS[key].columns.map((c) => c.key);
const required: Partial<Record<RecordSetKey, ExportFilters>> = { mailingList: { topic: ["newsletter"], channel: ["email", "phone"] } };

function spec(recordSet: RecordSetKey, format: ExportFormat, extra: Partial<ExportSpec> = {}): ExportSpec {
  return { recordSet, columns: allColumns(recordSet), filters: required[recordSet] ?? {}, format, delimiter: ";", dateStyle: "swiss", language: "fr", ...extra };
}

interface Written {
  result: ExportResult;
  contents: unknown;
}

const scratch = scratchDir();
const databases = new Map<Dialect, ExportTestDatabase>();
let exportsDone = 0;

async function exportOn(kind: Dialect, wanted: ExportSpec, source?: ExportSource): Promise<Written> {
  const file = join(scratch.dir, `${kind}-${exportsDone++}.${wanted.format}`);
  const result = await runExport(source ?? databases.get(kind)!.source(), wanted, file, () => {});
  return { result, contents: await exportFileContents(file, wanted.format) };
}

beforeAll(async () => {
  for (const kind of ENGINES) {
    const database = await openExportTestDatabase(kind);
    databases.set(kind, database);
    await database.engine.transaction("write", seed);
  }
}, 120_000);

afterAll(async () => {
  for (const database of databases.values()) await database.remove();
  scratch.remove();
});

describe.each(ENGINES)("exports on %s", (kind) => {
  it.each(RECORD_SET_KEYS.flatMap((key) => FORMATS.map((format) => [key, format] as const)))("%s as %s: every column, the cells SQLite writes", async (key, format) => {
    const mine = await exportOn(kind, spec(key, format));
    const sqlite = kind === "sqlite" ? mine : await exportOn("sqlite", spec(key, format));
    expect(mine.result.rows).toBeGreaterThan(0);
    expect(mine.contents).toEqual(sqlite.contents);
    expect(mine.result.rows).toBe(sqlite.result.rows);
    // The audit entry's fields: what left the application, to the byte.
    if (format !== "xlsx") expect(mine.result).toEqual(sqlite.result);
  });

  it.each(RECORD_SET_KEYS)("%s: the preview and its count are SQLite's", async (key) => {
    const query = buildExportQuery(key, allColumns(key), required[key] ?? {}, "en");
    const mine = await previewExport(databases.get(kind)!.source(), query, 4);
    const sqlite = await previewExport(databases.get("sqlite")!.source(), query, 4);
    expect(mine).toEqual(sqlite);
    expect(mine.rows.length).toBe(Math.min(4, mine.total));
    expect(mine.rows.every((row) => row.length === query.columns.length)).toBe(true);
  });

  it("codes as stored, English titles, ISO dates and commas: the same cells", async () => {
    for (const key of ["errorReportEvents", "trainingRequests", "privacyRequests"] as const) {
      const wanted = spec(key, "csv", { codes: "codes", language: "en", dateStyle: "iso", delimiter: "," });
      expect((await exportOn(kind, wanted)).contents).toEqual((await exportOn("sqlite", wanted)).contents);
    }
  });

  it("filters by date range and by list give the same rows", async () => {
    const cases: [RecordSetKey, ExportFilters][] = [
      ["people", { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 5, 30), language: ["fr", "en"] }],
      ["interactions", { from: Date.UTC(2025, 6, 1), purpose: ["information", "training", "other"], channel: ["call_in", "email", "letter"] }],
      ["errorReports", { to: Date.UTC(2026, 4, 1), status: ["new", "triaged", "in_progress", "resolved"], severity: ["low", "high", "critical"] }],
      ["errorReportEvents", { assigneeId: 901, productId: 1 }],
      // A day-typed range: the instant's day in Geneva (the 31st of May 22:30 UTC is the 1st of June there).
      ["trainingSessions", { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 4, 31, 22, 30), status: ["planned", "held"] }],
      ["trainingRequests", { status: ["requested", "scheduled", "cancelled"], courseId: 1 }],
      ["privacyRequests", { from: Date.UTC(2026, 1, 2), kind: ["access", "erasure", "objection"], status: ["open", "completed"] }],
      ["auditLog", { userId: 901, to: Date.UTC(2026, 0, 1) }],
      ["mailingList", { topic: ["newsletter"], channel: ["phone"], language: ["de", "en"] }],
    ];
    for (const [key, filters] of cases) {
      const wanted = spec(key, "json", { filters });
      const mine = await exportOn(kind, wanted);
      const all = await exportOn(kind, spec(key, "json"));
      expect(mine.contents, key).toEqual((await exportOn("sqlite", wanted)).contents);
      // The filter narrows, and leaves something to compare.
      expect(mine.result.rows, key).toBeGreaterThan(0);
      expect(mine.result.rows, key).toBeLessThan(all.result.rows);
    }
  });

  it("the mailing list leaves out people whose contact is on the suppression list, in the count too", async () => {
    const wanted = spec("mailingList", "json", { filters: { topic: ["newsletter"], channel: ["email"] }, columns: ["id", "email"] });
    const { contents: json, result } = await exportOn(kind, wanted);
    const people = JSON.parse(json as string) as { id: number; email: string | null }[];
    // Opted in (i % 5 != 4) by email (i % 4 != 1), with an email (i % 3 != 2, or odd): all but the first, whose email is suppressed.
    const expected = HOSTILE_NAMES.flatMap((_, i) => ((i % 3 !== 2 || i % 2 === 1) && i % 4 !== 1 && i % 5 !== 4 && i !== 0 ? [101 + i] : []));
    expect(people.map((p) => p.id)).toEqual(expected);
    expect(people.some((p) => p.email === SUPPRESSED_EMAIL)).toBe(false);
    const preview = await previewExport(databases.get(kind)!.source(), buildExportQuery("mailingList", ["id", "email"], wanted.filters, "fr"), 2);
    expect(preview.total).toBe(result.rows);
    expect(preview.rows.map((row) => row[0])).toEqual(expected.slice(0, 2));
  });
});

// Only PostgreSQL reads through a cursor; the loop adds nothing when no server is configured.
for (const kind of ENGINES.filter((k) => k === "pg")) {
  describe(`a large export on ${kind}`, () => {
    let database: ExportTestDatabase;
    beforeAll(async () => {
      database = await openExportTestDatabase(kind);
      await database.engine.transaction("write", (tx) =>
        tx.run(sql`INSERT INTO people (id, first_name, last_name, language, created_at, updated_at)
                   SELECT n, 'Zoë', 'Hx Müller ' || n, 'fr', CAST(${Date.UTC(2026, 0, 1)} AS bigint) + n * 60000, CAST(${Date.UTC(2026, 0, 1)} AS bigint) FROM generate_series(1, 20000) AS n`),
      );
    }, 60_000);
    afterAll(() => database.remove());

    it("streams 20,000 rows through the cursor a batch at a time, never all at once", async () => {
      const events: string[] = [];
      const source = database.source({ batchRows: 1000, onBatch: (rows) => events.push(`read ${rows}`) });
      const file = join(scratch.dir, "large.csv");
      const result = await runExport(source, spec("people", "csv", { columns: ["id", "lastName", "createdAt"] }), file, (done) => {
        if (done > 0) events.push(`wrote ${done}`);
      });
      expect(result.rows).toBe(20_000);
      const reads = events.filter((e) => e.startsWith("read")).map((e) => Number(e.slice(5)));
      expect(reads).toEqual([...Array(20).fill(1000), 0]);
      // Written while it reads: the writer's progress (every 5,000 rows) comes between the reads.
      expect(events.indexOf("wrote 5000")).toBeGreaterThan(0);
      expect(events.indexOf("wrote 5000")).toBeLessThan(events.lastIndexOf("read 1000"));
      const lines = readFileSync(file, "utf8").split("\r\n");
      expect(lines.length).toBe(20_002);
      expect(lines[20_000]).toBe("20000;Hx Müller 20000;14.01.2026 22:20");
    });
  });
}
