import { sql, type SQL } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rawInstantText } from "../../common/date-range";
import type { Actor } from "../../db/actor";
import { ephemeralAuditKey } from "../../db/audit-key";
import { buildAccessReport, type AccessReport } from "../../db/access-report";
import type { Dialect, Engine, Reads } from "../../db/engine";
import { erasePerson, erasurePreview } from "../../db/erasure";
import { linkWhere, PERSONAL_DATA, tableName } from "../../db/personal-data";
import { recordDisclosure } from "../../db/disclosures";
import { registerPrivacyRequest, verifyIdentity } from "../../db/privacy-requests";
import { reindexReport } from "../../db/search-index";
import { applyRetention, applyRetentionAtStartup, retentionReview } from "../../db/retention";
import { reindexPerson, searchPeople } from "../../db/search";
import { ENGINES, type MigratedTestEngine } from "../fixtures/engines";
import { HOSTILE_TEXTS, stored } from "../fixtures/hostile-strings";
import { freshWithAgent, insertEverything, insertPerson, NOW } from "../fixtures/privacy-people";

const YEAR = 365.25 * 86_400_000;

/** Every table of the database, in each dialect's catalogue: the only place this file names an engine. */
const TABLES: Record<Dialect, SQL> = {
  sqlite: sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  pg: sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
};

/** The tables (and columns) where a text occurs, in any case: rows, FTS5's own tables, tsvectors. */
async function whereFound(tx: Reads, text: string): Promise<string[]> {
  const needle = text.toLowerCase();
  const found: string[] = [];
  for (const { name } of await tx.all<{ name: string }>(TABLES[tx.dialect])) {
    // Table names from the database's own catalogue.
    for (const row of await tx.all<Record<string, unknown>>(sql`SELECT * FROM ${sql.raw(`"${name}"`)}`)) {
      for (const [column, value] of Object.entries(row)) {
        const seen = Buffer.isBuffer(value) ? value.toString("latin1") : typeof value === "string" ? value : "";
        if (seen.toLowerCase().includes(needle)) found.push(`${name}.${column}`);
      }
    }
  }
  return [...new Set(found)];
}

/** The search index as the write paths build it (FTS5 on SQLite, the search tables on PostgreSQL). */
async function indexForSearch(opened: MigratedTestEngine, personIds: number[], reportIds: number[]) {
  await opened.engine.transaction("write", async (tx) => {
    for (const id of personIds) await reindexPerson(tx, id);
    for (const id of reportIds) await reindexReport(tx, id);
  });
}

describe.each(ENGINES)("the access report, the erasure and the retention on %s", (kind) => {
  let opened: MigratedTestEngine;
  let engine: Engine;
  let agent: Actor;
  beforeEach(async () => void ({ opened, engine, agent } = await freshWithAgent(kind)));
  afterEach(() => opened.remove());

  it("gathers everything held about the person through the personal-data map, values as the person reads them", async () => {
    const { seeded, requestId, companyId } = await engine.transaction("write", async (tx) => {
      const seeded = await insertEverything(tx, agent.userId, "Hxzqreport");
      const company = await tx.one<{ id: number }>(sql`INSERT INTO companies (name, created_at, updated_at) VALUES ('Jet Info Sàrl', ${NOW}, ${NOW}) RETURNING id`);
      await tx.run(sql`INSERT INTO person_history (person_id, at, user_id, field, old_value, new_value) VALUES (${seeded.personId}, ${NOW + 1}, ${agent.userId}, 'companyId', NULL, ${String(company!.id)})`);
      for (const [i, text] of HOSTILE_TEXTS.entries()) {
        await tx.run(sql`INSERT INTO interactions (person_id, channel, purpose, summary, at, created_at) VALUES (${seeded.personId}, 'email', 'comment', ${stored(text.text)}, ${NOW + i}, ${NOW + i})`);
      }
      const { id } = await registerPrivacyRequest(tx, { personId: seeded.personId, kind: "access", channel: "phone", details: "Tout voir" }, agent);
      await verifyIdentity(tx, id, "in_person", agent);
      await recordDisclosure(tx, { personId: seeded.personId, recipient: "Police", legalBasis: "CPP 265", categories: ["identity"], disclosedOn: "2026-11-02" }, agent);
      // Someone else's data never shows.
      await insertEverything(tx, agent.userId, "Hxzqsomeoneelse");
      return { seeded, requestId: id, companyId: company!.id };
    });
    const report = await engine.transaction("read", (tx) => buildAccessReport(tx, seeded.personId, "DP-2026-00001", NOW));
    const table = (name: string) => report.sections.flatMap((s) => s.tables).find((t) => t.table === name)!.rows;

    expect(report).toMatchObject({ language: "fr", requestReference: "DP-2026-00001", generatedAt: new Date(NOW).toISOString(), subject: { id: seeded.personId, name: "Hxzqreportfirst Hxzqreport" } });
    expect(report.sections.map((s) => s.category)).toEqual(["identity", "contact", "interactions", "history", "error_reports", "training", "preferences", "privacy", "disclosures"]);
    expect(report.sections[0]).toMatchObject({ title: "Identité", retention: "5 ans après la dernière activité, puis effacement." });
    expect(table("people")).toEqual([
      { salutation: null, first_name: "Hxzqreportfirst", last_name: "Hxzqreport", language: "fr", company_id: null, created_at: rawInstantText(NOW), updated_at: rawInstantText(NOW) },
    ]);
    // Flags as booleans on both engines (SQLite stores 1/0).
    expect(table("phones")).toEqual([{ e164: "+41797771122", kind: "mobile", is_primary: true }]);
    expect(table("emails")).toEqual([{ email: "hxzqreport@example.ch", is_primary: true }]);
    expect(table("interactions").map((r) => r.summary)).toEqual(["Appel de Hxzqreport", ...HOSTILE_TEXTS.map((t) => stored(t.text))]);
    // A company in the history is shown by name.
    expect(table("person_history")).toEqual([
      { at: rawInstantText(NOW), field: "lastName", old_value: "Hxzqreportold", new_value: "Hxzqreport" },
      { at: rawInstantText(NOW + 1), field: "companyId", old_value: null, new_value: "Jet Info Sàrl" },
    ]);
    expect(companyId).toBeGreaterThan(0);
    expect(table("error_reports").map((r) => [r.reference, r.product_id, r.callback_consent, r.title])).toEqual([
      ["ER-2026-00001", `JetCompta ${seeded.personId}`, true, "Titre Hxzqreport"],
      ["ER-2026-00002", `JetCompta ${seeded.personId}`, true, "Titre Hxzqreport"],
    ]);
    expect(table("error_report_events").map((r) => [r.report_id, r.kind, r.text])).toEqual([
      ["ER-2026-00001", "comment", "Commentaire Hxzqreport"],
      ["ER-2026-00001", "status", "Statut Hxzqreport"],
      ["ER-2026-00002", "comment", "Commentaire Hxzqreport"],
      ["ER-2026-00002", "status", "Statut Hxzqreport"],
    ]);
    expect(table("training_requests")).toMatchObject([{ course_id: "Les bases", notes: "Notes Hxzqreport", callback_consent: false, status: "completed" }]);
    expect(table("contact_preferences")).toEqual([{ topic: "newsletter", channel: "email", status: "opted_in", source: "call", changed_at: rawInstantText(NOW) }]);
    expect(table("privacy_requests")).toMatchObject([{ reference: "DP-2026-00001", kind: "access", details: "Tout voir", identity_method: "in_person" }]);
    expect(table("disclosures")).toMatchObject([{ recipient: "Police", legal_basis: "CPP 265", categories: '["identity"]' }]);
    expect(JSON.stringify(report)).not.toContain("Hxzqsomeoneelse");
    expect(requestId).toBeGreaterThan(0);
  });

  it("answers in English for an English speaker, and NOT_FOUND for nobody", async () => {
    const personId = await engine.transaction("write", (tx) => insertPerson(tx, { firstName: "Ann", lastName: "Smith", language: "en" }));
    const report: AccessReport = await engine.transaction("read", (tx) => buildAccessReport(tx, personId, "DP-2026-00009", NOW));
    expect(report).toMatchObject({ language: "en", subject: { name: "Ann Smith" } });
    expect(report.sections[0]).toMatchObject({ title: "Identity", retention: "5 years after the last activity, then erased." });
    await expect(engine.transaction("read", (tx) => buildAccessReport(tx, personId + 100, "DP-2026-00009", NOW))).rejects.toMatchObject({ code: "NOT_FOUND", field: "personId" });
  });

  it("erases a person: unreachable by every query, their request and disclosures kept anonymous, a kept report stripped", async () => {
    const { seeded, other, requestId } = await engine.transaction("write", async (tx) => {
      const seeded = await insertEverything(tx, agent.userId, "Hxzqerase");
      const other = await insertEverything(tx, agent.userId, "Hxzqstays");
      const { id } = await registerPrivacyRequest(tx, { personId: seeded.personId, kind: "erasure", channel: "phone", details: "Effacer Hxzqerase" }, agent);
      await verifyIdentity(tx, id, "in_person", agent);
      await recordDisclosure(tx, { personId: seeded.personId, recipient: "Police", legalBasis: "CPP", categories: ["identity"], disclosedOn: "2026-11-02", note: "Pour Hxzqerase" }, agent);
      return { seeded, other, requestId: id };
    });
    await indexForSearch(opened, [seeded.personId, other.personId], [...Object.values(seeded.reports), ...Object.values(other.reports)]);
    const before = await engine.transaction("read", (tx) => erasurePreview(tx, seeded.personId));

    const erased = await engine.transaction("write", (tx) => erasePerson(tx, seeded.personId, { suppressContacts: true, now: NOW }));
    expect(erased).toEqual({ counts: before.counts, keptReports: 1 });

    await engine.transaction("read", async (tx) => {
      for (const entry of PERSONAL_DATA) {
        const left = await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.raw(tableName(entry.table))} WHERE ${linkWhere(entry, seeded.personId)}`);
        expect(left?.n, tableName(entry.table)).toBe(0);
      }
      // Not a word of theirs anywhere (the other person's words are, so the scan sees what it looks for).
      expect(await whereFound(tx, "Hxzqerase")).toEqual([]);
      expect(await whereFound(tx, "hxzqerase@example.ch")).toEqual([]);
      expect(await whereFound(tx, "Hxzqstays")).not.toEqual([]);

      const request = await tx.one<{ personId: number | null; details: string; status: string }>(
        sql`SELECT person_id AS "personId", details, status FROM privacy_requests WHERE id = ${requestId}`,
      );
      expect(request).toEqual({ personId: null, details: "", status: "open" });
      expect(await tx.all(sql`SELECT person_id AS "personId", note, recipient FROM disclosures`)).toEqual([{ personId: null, note: "", recipient: "Police" }]);
      const kept = await tx.one<Record<string, unknown>>(
        sql`SELECT person_id AS "personId", title, description, steps, environment, callback_consent AS consent, callback_phone AS phone, product_id AS "productId" FROM error_reports WHERE id = ${seeded.reports.kept}`,
      );
      expect({ ...kept, consent: Boolean(kept?.consent) }).toEqual({ personId: null, title: "ER-2026-00002", description: "", steps: "", environment: "", consent: false, phone: null, productId: seeded.productId });
      expect(await tx.all(sql`SELECT kind, text FROM error_report_events WHERE report_id = ${seeded.reports.kept}`)).toEqual([{ kind: "status", text: "" }]);
      expect(await tx.one(sql`SELECT id FROM error_reports WHERE id = ${seeded.reports.deleted}`)).toBeUndefined();
      expect((await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM suppression_list`))?.n).toBe(2);
      // The other person is untouched.
      expect((await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM error_reports WHERE person_id = ${other.personId}`))?.n).toBe(2);
    });
    // The lookup finds them no more (the raw scan of the SQLite file: tests/api/erasure-files.test.ts).
    expect(await opened.engine.transaction("read", (tx) => searchPeople(tx, "Hxzqerase"))).toEqual([]);
    expect((await opened.engine.transaction("read", (tx) => searchPeople(tx, "Hxzqstays"))).map((h) => h.personId)).toEqual([other.personId]);
  });

  it("reviews and applies the retention periods: inactive people, old contacts, closed reports, finished training", async () => {
    const old = NOW - 6 * YEAR;
    const ids = await engine.transaction("write", async (tx) => {
      const gone = await insertEverything(tx, agent.userId, "Hxzqold", old);
      const recent = await insertPerson(tx, { lastName: "Recent" });
      // Old, but someone is still working for them: an open privacy request.
      const pending = await insertPerson(tx, { lastName: "Pending", at: old });
      await registerPrivacyRequest(tx, { personId: pending, kind: "access", channel: "phone" }, agent);
      await tx.run(sql`INSERT INTO interactions (person_id, channel, purpose, summary, at, created_at) VALUES (${recent}, 'email', 'comment', 'old', ${old}, ${old})`);
      await tx.run(sql`INSERT INTO interactions (person_id, channel, purpose, summary, at, created_at) VALUES (${recent}, 'email', 'comment', 'new', ${NOW}, ${NOW})`);
      const product = await tx.one<{ id: number }>(sql`INSERT INTO products (name) VALUES ('Recent product') RETURNING id`);
      const report = async (reference: string, keep: boolean, status: string) =>
        (await tx.one<{ id: number }>(sql`
          INSERT INTO error_reports (reference, person_id, product_id, title, keep_for_product, status, created_at, updated_at)
          VALUES (${reference}, ${recent}, ${product!.id}, 'Old report', ${keep}, ${status}, ${old}, ${old}) RETURNING id`))!.id;
      return {
        gone: gone.personId,
        goneKept: gone.reports.kept,
        recent,
        pending,
        closedDeleted: await report("ER-2020-00001", false, "closed"),
        closedKept: await report("ER-2020-00002", true, "closed"),
        stillOpen: await report("ER-2020-00003", false, "in_progress"),
      };
    });

    const review = await engine.transaction("read", (tx) => retentionReview(tx, NOW));
    expect(review).toEqual([
      { rule: "interactions", cutoff: NOW - 3 * YEAR, count: 2, oldest: old },
      { rule: "closed_reports", cutoff: NOW - 5 * YEAR, count: 4, oldest: old },
      { rule: "training_requests", cutoff: NOW - 3 * YEAR, count: 1, oldest: old },
      { rule: "inactive_people", cutoff: NOW - 5 * YEAR, count: 1, oldest: old },
    ]);

    const done = await engine.transaction("write", (tx) => applyRetention(tx, ["inactive_people", "interactions", "closed_reports", "training_requests"], NOW));
    // The inactive person took their own old contact, reports and training with them.
    expect(done).toEqual({ inactive_people: 1, interactions: 1, closed_reports: 2, training_requests: 0 });
    await engine.transaction("read", async (tx) => {
      expect(await tx.all(sql`SELECT id FROM people ORDER BY id`)).toEqual([{ id: ids.recent }, { id: ids.pending }]);
      expect(await tx.all(sql`SELECT summary FROM interactions`)).toEqual([{ summary: "new" }]);
      // Reports a manager kept for the product stay, without their reporter.
      expect(await tx.all(sql`SELECT id, person_id AS "personId" FROM error_reports ORDER BY id`)).toEqual([
        { id: ids.goneKept, personId: null },
        { id: ids.closedKept, personId: null },
        { id: ids.stillOpen, personId: ids.recent },
      ]);
      expect(await whereFound(tx, "Hxzqold")).toEqual([]);
    });
    expect((await engine.transaction("read", (tx) => retentionReview(tx, NOW))).map((r) => r.count)).toEqual([0, 0, 0, 0]);
  });

  it("runs unattended at start-up only when the setting asks, audited without a user", async () => {
    await engine.transaction("write", (tx) => insertPerson(tx, { lastName: "Ancien", at: NOW - 6 * YEAR }));
    expect(await engine.transaction("write", (tx) => applyRetentionAtStartup(tx, NOW, ephemeralAuditKey(0)))).toBeNull();
    await engine.transaction("write", (tx) => tx.run(sql`INSERT INTO settings (key, value) VALUES ('retention.applyAtStartup', 'true')`));
    expect(await engine.transaction("write", (tx) => applyRetentionAtStartup(tx, NOW, ephemeralAuditKey(0)))).toEqual({ inactive_people: 1, interactions: 0, closed_reports: 0, training_requests: 0 });
    const audit = await engine.transaction("read", (tx) => tx.all<{ userId: number | null; operation: string }>(sql`SELECT user_id AS "userId", operation FROM audit_log`));
    expect(audit).toEqual([{ userId: null, operation: "retention.apply" }]);
  });
});
