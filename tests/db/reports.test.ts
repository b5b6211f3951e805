import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPORT_STATUSES, SEVERITIES } from "../../common/enums";
import type { Reads, Writes } from "../../db/engine";
import { getPreference, setPreference, clearSavedFilterTexts } from "../../db/preferences";
import {
  assignReport,
  callbacksDue,
  commentReport,
  getReport,
  listAssignees,
  listProducts,
  listReports,
  nextReference,
  parseReference,
  reportIdByReference,
  reportsOfPerson,
  saveProduct,
  setKeepForProduct,
  setStatus,
  type QueueFilter,
  type ReportStatus,
  type Severity,
} from "../../db/reports";
import { ENGINES, openMigratedTestEngine, type MigratedTestEngine } from "../fixtures/engines";
import { HOSTILE_TEXTS, stored } from "../fixtures/hostile-strings";
import { addPerson, addReport, addUser } from "../fixtures/report-rows";

// Error reports on each engine: references, the workflow and its timeline, version clashes, the
// support queue, call-backs, products and the queue's saved filter.

const NOW = Date.UTC(2026, 11, 2, 9);
const HOUR = 3_600_000;

describe.each(ENGINES)("error reports on %s", (kind) => {
  let opened: MigratedTestEngine;
  const write = <T>(work: (tx: Writes) => Promise<T>) => opened.engine.transaction("write", work);
  const read = <T>(work: (tx: Reads) => Promise<T>) => opened.engine.transaction("read", work);

  let support: number;
  let agent: number;
  let person: number;
  let product: number;
  beforeEach(async () => {
    opened = await openMigratedTestEngine(kind);
    await write(async (tx) => {
      support = await addUser(tx, { username: "support", displayName: "Sandrine Support", role: "support" }, NOW);
      agent = await addUser(tx, { username: "agent", displayName: "Alain Agent", role: "agent" }, NOW);
      person = await addPerson(tx, { firstName: "Léa", lastName: "Rochat", phones: ["+41795551234", "+41227353392"] }, NOW);
      product = await saveProduct(tx, { name: "JetCompta", versions: ["5.2", "5.1"], active: true });
    });
  });
  afterEach(async () => opened.remove());

  const newReport = (extra: Partial<Parameters<typeof addReport>[1]> = {}) => write((tx) => addReport(tx, { personId: person, productId: product, title: "Plantage à l'export", createdAt: NOW, ...extra }));

  describe("references", () => {
    it("never repeat under 20 concurrent creations, one sequence per Geneva year", async () => {
      const created = await Promise.all(Array.from({ length: 20 }, () => newReport()));
      expect(created.map((r) => r.reference).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `ER-2026-${String(i + 1).padStart(5, "0")}`));
      expect(new Set(created.map((r) => r.id)).size).toBe(20);
      // 23:30 UTC on 31 December is already New Year's Day in Geneva.
      expect(await write((tx) => nextReference(tx, Date.UTC(2026, 11, 31, 23, 30)))).toBe("ER-2027-00001");
      expect(await write((tx) => nextReference(tx, NOW))).toBe("ER-2026-00021");
    });

    it("finds a report by a reference however it was typed", async () => {
      const { id, reference } = await newReport();
      expect(parseReference(" er 2026 1 ")).toBe(reference);
      expect(await read((tx) => reportIdByReference(tx, parseReference("ER-2026-00001")!))).toBe(id);
      await expect(read((tx) => reportIdByReference(tx, "ER-2026-00002"))).rejects.toMatchObject({ code: "NOT_FOUND", field: "reference" });
    });
  });

  describe("the workflow", () => {
    it("records each step on the timeline, newest first, with its author", async () => {
      const { id } = await newReport({ nextCallbackAt: NOW + 2 * HOUR, callbackPhone: "+41795551234" });
      const by = (minutes: number) => ({ userId: support, now: NOW + minutes * 60_000 });
      await write((tx) => setStatus(tx, id, 1, "triaged", {}, by(1)));
      await write((tx) => assignReport(tx, id, 2, support, by(2)));
      await write((tx) => commentReport(tx, id, "Rappel demandé", by(3)));
      await write((tx) => setStatus(tx, id, 3, "waiting_for_customer", { note: "Attend le fichier", nextCallbackAt: NOW + 5 * HOUR }, by(4)));
      await write((tx) => setStatus(tx, id, 4, "resolved", { resolution: "Corrigé en 5.2.1" }, by(5)));

      const r = await read((tx) => getReport(tx, id, NOW + 6 * 60_000));
      expect(r).toMatchObject({
        status: "resolved",
        version: 5,
        resolution: "Corrigé en 5.2.1",
        // Resolving clears the pending call-back.
        nextCallbackAt: null,
        overdue: false,
        allowedStatuses: ["closed", "reopened"],
        assignee: { id: support, displayName: "Sandrine Support" },
        productName: "JetCompta",
        callbackConsent: true,
        callbackPhone: "+41795551234",
        callbackPhoneDisplay: "079 555 12 34",
        keepForProduct: false,
        updatedAt: NOW + 5 * 60_000,
      });
      expect(r.reporter).toMatchObject({ id: person, firstName: "Léa", lastName: "Rochat" });
      expect(r.reporter!.phones).toEqual([
        { e164: "+41795551234", kind: "mobile", isPrimary: true, display: "079 555 12 34" },
        { e164: "+41227353392", kind: "mobile", isPrimary: false, display: "022 735 33 92" },
      ]);
      expect(r.events.map(({ kind, fromStatus, toStatus, text, author, assignee, nextCallbackAt }) => ({ kind, fromStatus, toStatus, text, author, assignee, nextCallbackAt }))).toEqual([
        { kind: "status", fromStatus: "waiting_for_customer", toStatus: "resolved", text: "Corrigé en 5.2.1", author: "Sandrine Support", assignee: null, nextCallbackAt: null },
        { kind: "status", fromStatus: "triaged", toStatus: "waiting_for_customer", text: "Attend le fichier", author: "Sandrine Support", assignee: null, nextCallbackAt: NOW + 5 * HOUR },
        { kind: "comment", fromStatus: null, toStatus: null, text: "Rappel demandé", author: "Sandrine Support", assignee: null, nextCallbackAt: null },
        { kind: "assignment", fromStatus: null, toStatus: null, text: "", author: "Sandrine Support", assignee: "Sandrine Support", nextCallbackAt: null },
        { kind: "status", fromStatus: "new", toStatus: "triaged", text: "", author: "Sandrine Support", assignee: null, nextCallbackAt: null },
        { kind: "created", fromStatus: null, toStatus: "new", text: "", author: null, assignee: null, nextCallbackAt: null },
      ]);
      expect(await read((tx) => reportsOfPerson(tx, person))).toEqual([
        { id, reference: "ER-2026-00001", title: "Plantage à l'export", status: "resolved", severity: "normal", createdAt: NOW, updatedAt: NOW + 5 * 60_000 },
      ]);
    });

    it("keeps a report for the product as a flag, once", async () => {
      const { id } = await newReport();
      await write((tx) => setKeepForProduct(tx, id, 1, true, { userId: support, now: NOW }));
      // Already kept: nothing changes, not even the version.
      await write((tx) => setKeepForProduct(tx, id, 2, true, { userId: support, now: NOW + 1 }));
      const r = await read((tx) => getReport(tx, id, NOW));
      expect(r).toMatchObject({ keepForProduct: true, version: 2, callbackConsent: false });
      expect(r.events.filter((e) => e.kind === "update")).toHaveLength(1);
    });

    it("refuses a stale version, a step the workflow does not allow and an assignee who cannot work reports", async () => {
      const { id } = await newReport();
      const actor = { userId: support, now: NOW };
      await write((tx) => setStatus(tx, id, 1, "in_progress", {}, actor));
      // A second desk still showing version 1.
      await expect(write((tx) => setStatus(tx, id, 1, "resolved", { resolution: "x" }, actor))).rejects.toMatchObject({ code: "CONFLICT", reason: "stale", field: "version" });
      await expect(write((tx) => assignReport(tx, id, 1, support, actor))).rejects.toMatchObject({ code: "CONFLICT", field: "version" });
      await expect(write((tx) => setKeepForProduct(tx, id, 1, true, actor))).rejects.toMatchObject({ code: "CONFLICT", field: "version" });
      await expect(write((tx) => setStatus(tx, id, 2, "closed", {}, actor))).rejects.toMatchObject({ code: "VALIDATION", reason: "transition", field: "status" });
      await expect(write((tx) => setStatus(tx, id, 2, "resolved", { resolution: "  " }, actor))).rejects.toMatchObject({ code: "VALIDATION", field: "resolution" });
      await expect(write((tx) => setStatus(tx, id, 2, "waiting_for_customer", {}, actor))).rejects.toMatchObject({ code: "VALIDATION", field: "nextCallbackAt" });
      await expect(write((tx) => setStatus(tx, id, 2, "waiting_for_customer", { nextCallbackAt: NOW - HOUR }, actor))).rejects.toMatchObject({ code: "VALIDATION", reason: "date_in_past" });
      await expect(write((tx) => assignReport(tx, id, 2, agent, actor))).rejects.toMatchObject({ code: "VALIDATION", field: "assigneeId" });
      const gone = await write((tx) => addUser(tx, { username: "gone", displayName: "Parti", role: "support", active: false }, NOW));
      await expect(write((tx) => assignReport(tx, id, 2, gone, actor))).rejects.toMatchObject({ code: "VALIDATION", field: "assigneeId" });
      await expect(write((tx) => commentReport(tx, id + 100, "x", actor))).rejects.toMatchObject({ code: "NOT_FOUND" });
      // Nothing of the refused steps was written.
      expect(await read((tx) => getReport(tx, id, NOW))).toMatchObject({ status: "in_progress", version: 2, assigneeId: null, events: [{ kind: "status" }, { kind: "created" }] });
      // Unassigning is allowed.
      await write((tx) => assignReport(tx, id, 2, null, actor));
      expect(await read((tx) => listAssignees(tx))).toEqual([{ id: support, displayName: "Sandrine Support", role: "support" }]);
    });

    it("keeps hostile text exactly, in comments and resolutions", async () => {
      const { id } = await newReport();
      const actor = { userId: support, now: NOW };
      for (const { text } of HOSTILE_TEXTS) await write((tx) => commentReport(tx, id, stored(text), actor));
      await write((tx) => setStatus(tx, id, 1, "resolved", { resolution: stored(HOSTILE_TEXTS[0]!.text) }, actor));
      const r = await read((tx) => getReport(tx, id, NOW));
      expect(r.resolution).toBe(stored(HOSTILE_TEXTS[0]!.text));
      expect(
        r.events
          .filter((e) => e.kind === "comment")
          .map((e) => e.text)
          .reverse(),
      ).toEqual(HOSTILE_TEXTS.map((t) => stored(t.text)));
    });
  });

  describe("products", () => {
    it("lists the active products by name, with their versions; names are unique", async () => {
      const old = await write((tx) => saveProduct(tx, { name: "AncienProduit", versions: [], active: false }));
      await write((tx) => saveProduct(tx, { name: "JetStock", versions: ["2.9"], active: true }));
      expect(await read((tx) => listProducts(tx, false))).toEqual([
        { id: product, name: "JetCompta", versions: ["5.2", "5.1"], active: true },
        { id: expect.any(Number), name: "JetStock", versions: ["2.9"], active: true },
      ]);
      expect((await read((tx) => listProducts(tx, true))).map((p) => [p.name, p.active])).toEqual([
        ["AncienProduit", false],
        ["JetCompta", true],
        ["JetStock", true],
      ]);
      await expect(write((tx) => saveProduct(tx, { name: "JetStock", versions: [], active: true }))).rejects.toMatchObject({ code: "CONFLICT", field: "name" });
      await expect(write((tx) => saveProduct(tx, { id: old + 100, name: "Autre", versions: [], active: true }))).rejects.toMatchObject({ code: "NOT_FOUND", field: "id" });
      expect(await write((tx) => saveProduct(tx, { id: old, name: "AncienProduit", versions: ["1.0"], active: true }))).toBe(old);
      expect((await read((tx) => listProducts(tx, false))).map((p) => p.name)).toEqual(["AncienProduit", "JetCompta", "JetStock"]);
    });
  });

  describe("the support queue", () => {
    interface Seeded {
      id: number;
      reference: string;
      status: ReportStatus;
      severity: Severity;
      assigneeId: number | null;
      nextCallbackAt: number | null;
      createdAt: number;
      personId: number | null;
    }
    let rows: Seeded[];
    let second: number;
    let other: number;
    beforeEach(async () => {
      rows = [];
      await write(async (tx) => {
        second = await addUser(tx, { username: "support2", displayName: "Simon Second", role: "support" }, NOW);
        other = await saveProduct(tx, { name: "JetStock", versions: [], active: true });
        for (let i = 0; i < 40; i++) {
          const r = {
            status: REPORT_STATUSES[i % 7]!,
            severity: SEVERITIES[(i * 3) % 4]!,
            assigneeId: [null, support, second][i % 3]!,
            // Some due, some later, some with none (NULL sorts as on SQLite on both engines).
            nextCallbackAt: i % 4 === 0 ? null : NOW + ((i % 5) - 2) * HOUR,
            // Pairs created at the same instant: the id breaks the tie.
            createdAt: NOW - (40 - Math.floor(i / 2)) * HOUR,
            // One report kept for the product after its reporter's erasure.
            personId: i === 7 ? null : person,
          };
          const { id, reference } = await addReport(tx, { ...r, productId: i % 5 === 0 ? other : product, title: `Problème ${i}` });
          rows.push({ id, reference, ...r });
        }
      });
    });

    const base: QueueFilter = { sort: "createdAt", direction: "desc", page: 0, pageSize: 10 };
    const open = (r: Seeded) => r.status !== "resolved" && r.status !== "closed";
    const key = (r: Seeded, sort: QueueFilter["sort"]): number | string | null =>
      sort === "severity" ? SEVERITIES.indexOf(r.severity) : sort === "status" ? r.status : sort === "reference" ? r.reference : sort === "nextCallbackAt" ? r.nextCallbackAt : r.createdAt;
    // SQLite's order: NULL is the smallest value.
    const compare = (a: number | string | null, b: number | string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
    const expected = (f: QueueFilter, keep: (r: Seeded) => boolean) => {
      const sign = f.direction === "asc" ? 1 : -1;
      const all = rows.filter(keep).sort((a, b) => sign * (compare(key(a, f.sort), key(b, f.sort)) || compare(a.createdAt, b.createdAt) || a.id - b.id));
      return { ids: all.slice(f.page * f.pageSize, (f.page + 1) * f.pageSize).map((r) => r.id), total: all.length };
    };

    it("gives each filter's page and count in the queue's order", async () => {
      const cases: [Partial<QueueFilter>, (r: Seeded) => boolean][] = [
        [{}, () => true],
        [{ page: 2 }, () => true],
        [{ status: ["new", "triaged"], severity: ["high", "critical"] }, (r) => ["new", "triaged"].includes(r.status) && ["high", "critical"].includes(r.severity)],
        [{ status: ["in_progress"] }, (r) => r.status === "in_progress"],
        [{ assigneeId: null, status: ["new", "reopened"] }, (r) => r.assigneeId === null && ["new", "reopened"].includes(r.status)],
        [{ assigneeId: support, direction: "asc" }, (r) => r.assigneeId === support],
        [{ productId: 0 }, () => false],
        [{ overdue: true, sort: "nextCallbackAt", direction: "asc" }, (r) => r.nextCallbackAt !== null && r.nextCallbackAt < NOW && open(r)],
        [{ sort: "nextCallbackAt", direction: "asc", pageSize: 40 }, () => true],
        [{ sort: "nextCallbackAt", direction: "desc", pageSize: 40 }, () => true],
        [{ sort: "severity", direction: "desc", pageSize: 40 }, () => true],
        [{ sort: "status", direction: "asc", pageSize: 40 }, () => true],
        [{ sort: "reference", direction: "desc", page: 1 }, () => true],
        [{ sort: "updatedAt", severity: ["low"] }, (r) => r.severity === "low"],
      ];
      for (const [shape, keep] of cases) {
        const f = { ...base, ...shape };
        const got = await read((tx) => listReports(tx, f, NOW));
        const want = expected(f, keep);
        expect({ ids: got.rows.map((r) => r.id), total: got.total, capped: got.totalCapped }, JSON.stringify(shape)).toEqual({ ...want, capped: false });
        for (const r of got.rows) expect(r.overdue, String(r.id)).toBe(r.nextCallbackAt !== null && r.nextCallbackAt < NOW && open(rows.find((s) => s.id === r.id)!));
      }
      const byProduct = await read((tx) => listReports(tx, { ...base, productId: other, pageSize: 40 }, NOW));
      expect(byProduct.rows.map((r) => r.productName)).toEqual(Array(8).fill("JetStock"));
    });

    it("shows each line's reporter, product and assignee", async () => {
      const got = await read((tx) => listReports(tx, { ...base, sort: "reference", direction: "asc", pageSize: 8 }, NOW));
      expect(got.rows[0]).toEqual({
        id: rows[0]!.id,
        reference: "ER-2026-00001",
        title: "Problème 0",
        status: "new",
        severity: "low",
        productName: "JetStock",
        personId: person,
        reporter: "Léa Rochat",
        assignee: null,
        assigneeId: null,
        nextCallbackAt: null,
        createdAt: rows[0]!.createdAt,
        updatedAt: rows[0]!.createdAt,
        overdue: false,
      });
      expect(got.rows[1]).toMatchObject({ assignee: "Sandrine Support", assigneeId: support, productName: "JetCompta" });
      // Kept for the product, its reporter erased: no name.
      expect(got.rows[7]).toMatchObject({ personId: null, reporter: "" });
    });

    it("lists the call-backs due, oldest first, with the number to dial", async () => {
      await write((tx) => tx.run(sql`UPDATE error_reports SET callback_phone = ${"+41227353392"} WHERE id = ${rows[1]!.id}`));
      const due = await read((tx) => callbacksDue(tx, NOW + HOUR, NOW));
      const want = rows
        .filter((r) => r.nextCallbackAt !== null && r.nextCallbackAt <= NOW + HOUR && open(r) && r.personId !== null)
        .sort((a, b) => a.nextCallbackAt! - b.nextCallbackAt! || a.id - b.id);
      expect(due.map((r) => r.id)).toEqual(want.map((r) => r.id));
      expect(due.every((r) => r.overdue === r.nextCallbackAt < NOW)).toBe(true);
      expect(due.find((r) => r.id === rows[1]!.id)).toMatchObject({ reporter: "Léa Rochat", callbackPhone: "+41227353392", dial: "022 735 33 92", assignee: "Sandrine Support" });
    });
  });

  describe("the queue's saved filter", () => {
    it("is kept per user, and an erasure clears its text alone, whatever the text", async () => {
      const text = `${stored(HOSTILE_TEXTS[1]!.text)} \u0000 ${HOSTILE_TEXTS[20]!.text}`;
      await write((tx) => setPreference(tx, support, "reports.queue", { status: ["new"], text, sort: "severity" }));
      await write((tx) => setPreference(tx, agent, "reports.queue", { status: ["closed"] }));
      expect(await read((tx) => getPreference(tx, support, "reports.queue"))).toEqual({ status: ["new"], text, sort: "severity" });
      // Saved again: replaced, not added.
      await write((tx) => setPreference(tx, support, "reports.queue", { status: ["triaged"], text }));
      expect(await read((tx) => getPreference(tx, support, "reports.queue"))).toEqual({ status: ["triaged"], text });
      expect(await read((tx) => getPreference(tx, support, "other"))).toBeNull();

      expect(await write((tx) => clearSavedFilterTexts(tx))).toBe(1);
      expect(await read((tx) => getPreference(tx, support, "reports.queue"))).toEqual({ status: ["triaged"] });
      expect(await read((tx) => getPreference(tx, agent, "reports.queue"))).toEqual({ status: ["closed"] });
      expect(await write((tx) => clearSavedFilterTexts(tx))).toBe(0);
    });
  });
});
