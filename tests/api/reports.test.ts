import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TRANSITIONS } from "../../db/reports";
import { REPORT_STATUSES } from "../../db/schema";
import { openTestApi, raceDesks } from "../fixtures/database";

let api: ReturnType<typeof openTestApi>;
let admin: string;
let agent: string;
let support: string;
let supportId: number;
let person: any;
let productId: number;

beforeEach(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  await api.ok("settings.update", { "session.idleMinutes": 240 }, admin); // tests move the clock by hours
  agent = await api.loginAs("agent", admin);
  support = await api.loginAs("support", admin);
  supportId = (await api.ok<any>("session.me", {}, support)).user.id;
  productId = (await api.ok<any>("products.save", { name: "JetCompta", versions: ["5.2", "5.1"] }, admin)).id;
  person = await api.ok<any>("people.create", { firstName: "Jean", lastName: "Dupont", phones: [{ number: "022 735 33 92" }, { number: "079 123 45 67" }] }, agent);
});
afterEach(() => api.cleanup());

const HOUR = 3_600_000;
const newReport = (extra: Record<string, unknown> = {}) =>
  api.ok<{ id: number; reference: string }>("reports.create", { personId: person.id, productId, title: "Crash à l'export PDF", severity: "high", ...extra }, agent);

describe("taking a report", () => {
  it("gives a readable yearly reference, logs the call on the person and shows the report on the card", async () => {
    const first = await newReport();
    const second = await newReport({ title: "Autre" });
    expect(first.reference).toBe("ER-2026-00001");
    expect(second.reference).toBe("ER-2026-00002");
    const card = await api.ok<any>("people.get", { id: person.id }, agent);
    expect(card.reports.map((r: any) => [r.reference, r.status])).toEqual([
      ["ER-2026-00002", "new"],
      ["ER-2026-00001", "new"],
    ]);
    expect(card.timeline[0]).toMatchObject({ purpose: "error_report", summary: "ER-2026-00002 — Autre" });
  });

  it("restarts the sequence each year (Geneva time)", async () => {
    await newReport();
    api.advance(Date.UTC(2026, 11, 31, 23, 30) - api.now()); // 00:30 on 1 January in Geneva
    agent = api.logInAgain(agent); // a month later: the session ended long ago (session.maxHours)
    expect((await newReport()).reference).toBe("ER-2027-00001");
  });

  it("keeps references unique when several desks create reports at the same moment", async () => {
    // Four desks, each with its own connection, taking 20 reports each at the same moment.
    const username = (await api.ok<any>("session.me", {}, agent)).user.username;
    const input = { personId: person.id, productId, title: "Concurrent" };
    const runs = await raceDesks(
      Array.from({ length: 4 }, () => ({ file: api.db.file, username, password: "password-1234", calls: Array.from({ length: 20 }, () => ({ name: "reports.create", input })) })),
    );
    const all = runs.flat().map((r) => r.value.reference);
    expect(new Set(all).size).toBe(80);
    expect((await newReport()).reference).toBe("ER-2026-00081");
  });

  it("refuses a product that does not exist, a number that is not the caller's, a call-back in the past, overlong text", async () => {
    expect(await api.call("reports.create", { personId: person.id, productId: 999, title: "x" }, agent)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "productId" } });
    expect(await api.call("reports.create", { personId: person.id, productId, title: "x", callbackConsent: true, callbackPhone: "021 555 55 55" }, agent)).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "callbackPhone" },
    });
    expect(await api.call("reports.create", { personId: person.id, productId, title: "x", callbackConsent: true, callbackBefore: api.now() - 2 * HOUR }, agent)).toMatchObject({
      ok: false,
      error: { field: "callbackBefore" },
    });
    expect(await api.call("reports.create", { personId: person.id, productId, title: "x", description: "d".repeat(20_001) }, agent)).toMatchObject({ ok: false, error: { field: "description" } });
    expect(await api.call("reports.create", { personId: person.id, productId, title: "x", severity: "urgent" }, agent)).toMatchObject({ ok: false, error: { field: "severity" } });
    expect(api.db.sqlite.prepare("SELECT count(*) FROM error_reports").pluck().get()).toBe(0);
  });

  it("keeps HTML, markdown and scripts as plain text", async () => {
    const xss = `<img src=x onerror="alert(1)"><script>alert('x')</script> **bold** [a](javascript:alert(1)) 🐛 مرحبا`;
    const { id } = await newReport({ title: xss.slice(0, 200), description: xss });
    const report = await api.ok<any>("reports.get", { id }, agent);
    expect(report.description).toBe(xss);
  });

  it("lists a company's reports on the company page", async () => {
    const company = await api.ok<any>("companies.create", { name: "Favre SA" }, agent);
    await api.ok("people.update", { id: person.id, version: person.version, companyId: company.id }, agent);
    const { reference } = await newReport();
    expect((await api.ok<any>("companies.get", { id: company.id }, agent)).reports).toEqual([
      expect.objectContaining({ reference, status: "new", reporter: "Jean Dupont", personId: person.id }),
    ]);
  });

  it("jumps to a report from its reference however it is typed", async () => {
    const { id } = await newReport();
    for (const reference of ["ER-2026-00001", "er-2026-1", "ER 2026 00001"]) {
      expect((await api.ok<any>("reports.get", { reference }, agent)).id).toBe(id);
    }
    expect(await api.call("reports.get", { reference: "ER-2026-00999" }, agent)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});

describe("workflow", () => {
  it("allows exactly the declared transitions, each from a fresh report in that status", async () => {
    for (const from of REPORT_STATUSES) {
      for (const to of REPORT_STATUSES) {
        const { id } = await newReport();
        // Bring the report to `from` through a path of allowed moves (fixture), straight in SQL.
        api.db.sqlite.prepare("UPDATE error_reports SET status = ? WHERE id = ?").run(from, id);
        const version = (await api.ok<any>("reports.get", { id }, support)).version;
        const result = await api.call("reports.setStatus", { id, version, status: to, resolution: "Corrigé en 5.2.1", note: "En attente du fichier" }, support);
        const allowed = TRANSITIONS[from].includes(to);
        expect(result.ok, `${from} → ${to}`).toBe(allowed);
        if (!allowed && !result.ok) expect(result.error).toMatchObject({ code: "VALIDATION", field: "status" });
      }
    }
    // The declared workflow itself, written out: closed only reopens; resolved closes or reopens.
    expect(TRANSITIONS.closed).toEqual(["reopened"]);
    expect(TRANSITIONS.resolved).toEqual(["closed", "reopened"]);
  });

  it("requires a resolution text to resolve and a call-back or a note to wait for the customer", async () => {
    const { id } = await newReport();
    let r = await api.ok<any>("reports.get", { id }, support);
    expect(await api.call("reports.setStatus", { id, version: r.version, status: "resolved" }, support)).toMatchObject({ ok: false, error: { field: "resolution" } });
    expect(await api.call("reports.setStatus", { id, version: r.version, status: "waiting_for_customer" }, support)).toMatchObject({ ok: false, error: { field: "nextCallbackAt" } });
    r = await api.ok<any>("reports.setStatus", { id, version: r.version, status: "waiting_for_customer", nextCallbackAt: api.now() + HOUR }, support);
    expect(r).toMatchObject({ status: "waiting_for_customer", nextCallbackAt: api.now() + HOUR });
  });

  it("refuses a stale save with CONFLICT", async () => {
    const { id } = await newReport();
    const r = await api.ok<any>("reports.get", { id }, support);
    await api.ok("reports.assign", { id, version: r.version, assigneeId: supportId }, support);
    expect(await api.call("reports.setStatus", { id, version: r.version, status: "triaged" }, support)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("assigns only to active support users and keeps the timeline with authors", async () => {
    const { id } = await newReport();
    let r = await api.ok<any>("reports.get", { id }, support);
    const agentId = (await api.ok<any>("session.me", {}, agent)).user.id;
    expect(await api.call("reports.assign", { id, version: r.version, assigneeId: agentId }, support)).toMatchObject({ ok: false, error: { field: "assigneeId" } });
    const assigned = await api.ok<any>("reports.assign", { id, version: r.version, assigneeId: supportId }, support);
    expect(assigned.assignee.displayName).toBe("Test support");
    r = await api.ok<any>("reports.comment", { id, text: "Reproduit sur Windows 11" }, support);
    expect(r.assignee.id).toBe(supportId);
    expect(r.events.map((e: any) => e.kind)).toEqual(["comment", "assignment", "created"]);
    expect(r.events[0]).toMatchObject({ author: "Test support", text: "Reproduit sur Windows 11" });
  });

  it("offers as assignees the active support, manager and admin accounts, never agents", async () => {
    await api.ok("users.create", { username: "mara", displayName: "Mara Manager", role: "manager", password: "password-1234" }, admin);
    const gone = await api.ok<any>("users.create", { username: "olaf", displayName: "Olaf Ancien", role: "support", password: "password-1234" }, admin);
    await api.ok("users.update", { id: gone.id, version: gone.version, active: false }, admin);
    const assignees = await api.ok<any[]>("reports.assignees", {}, support);
    expect(assignees.map((a) => [a.displayName, a.role])).toEqual([
      ["Anne Admin", "admin"],
      ["Mara Manager", "manager"],
      ["Test support", "support"],
    ]);
    expect(assignees.find((a) => a.displayName === "Test support").id).toBe(supportId);
    expect(await api.call("reports.assignees", {}, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("agents take and read reports but cannot work them", async () => {
    const { id } = await newReport();
    const r = await api.ok<any>("reports.get", { id }, agent);
    for (const [name, input] of [
      ["reports.setStatus", { id, version: r.version, status: "triaged" }],
      ["reports.assign", { id, version: r.version, assigneeId: supportId }],
      ["reports.comment", { id, text: "x" }],
      ["reports.logCallback", { id, outcome: "reached" }],
      ["reports.callbacksDue", {}],
    ] as const) {
      expect(await api.call(name, input, agent), name).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
  });
});

describe("call-backs", () => {
  it("lists due call-backs in time order with the number to dial, and moves them with each attempt", async () => {
    const later = await newReport({ title: "B", callbackConsent: true, callbackPhone: "079 123 45 67", callbackBefore: api.now() + 3 * HOUR });
    const sooner = await newReport({ title: "A", callbackConsent: true, callbackPhone: "022 735 33 92", callbackBefore: api.now() + 1 * HOUR });
    await newReport({ title: "no consent" });
    let due = await api.ok<any[]>("reports.callbacksDue", { until: api.now() + 4 * HOUR }, support);
    expect(due.map((d) => [d.id, d.dial])).toEqual([
      [sooner.id, "022 735 33 92"],
      [later.id, "079 123 45 67"],
    ]);

    api.advance(2 * HOUR); // the first call-back is now overdue
    const queue = await api.ok<any>("reports.list", { overdue: true }, support);
    expect(queue.rows.map((r: any) => [r.id, r.overdue])).toEqual([[sooner.id, true]]);

    const noAnswer = await api.ok<any>("reports.logCallback", { id: sooner.id, outcome: "no_answer", nextCallbackAt: api.now() + 24 * HOUR }, support);
    expect(noAnswer).toMatchObject({ overdue: false, nextCallbackAt: api.now() + 24 * HOUR });
    const reached = await api.ok<any>("reports.logCallback", { id: sooner.id, outcome: "reached", note: "Fichier reçu" }, support);
    expect(reached.nextCallbackAt).toBeNull();
    expect(reached.events.slice(0, 2).map((e: any) => e.outcome)).toEqual(["reached", "no_answer"]);
    due = await api.ok<any[]>("reports.callbacksDue", { until: api.now() + 48 * HOUR }, support);
    expect(due.map((d) => d.id)).toEqual([later.id]);
    expect(await api.call("reports.logCallback", { id: later.id, outcome: "left_message", nextCallbackAt: api.now() - HOUR }, support)).toMatchObject({ ok: false, error: { field: "nextCallbackAt" } });
    const card = await api.ok<any>("people.get", { id: person.id }, agent);
    expect(card.timeline.filter((t: any) => t.channel === "call_out")).toHaveLength(2);
  });
});

describe("support queue", () => {
  it("filters, sorts and pages against the expected set, and remembers each user's filter", async () => {
    const made: { id: number; severity: string; title: string }[] = [];
    const severities = ["low", "normal", "high", "critical"];
    for (let i = 0; i < 12; i++) {
      api.advance(60_000);
      const severity = severities[i % 4]!;
      const title = i % 3 === 0 ? `Imprimante bloquée ${i}` : `Erreur de synchronisation ${i}`;
      made.push({ ...(await newReport({ title, severity })), severity, title });
    }
    const first = await api.ok<any>("reports.get", { id: made[0]!.id }, support);
    await api.ok("reports.assign", { id: first.id, version: first.version, assigneeId: supportId }, support);

    const critical = await api.ok<any>("reports.list", { severity: ["critical"], sort: "createdAt", direction: "asc" }, support);
    expect(critical.rows.map((r: any) => r.id)).toEqual(made.filter((m) => m.severity === "critical").map((m) => m.id));
    const bySeverity = await api.ok<any>("reports.list", { sort: "severity", direction: "desc", pageSize: 3 }, support);
    expect(bySeverity.total).toBe(12);
    expect(bySeverity.rows.map((r: any) => r.severity)).toEqual(["critical", "critical", "critical"]);
    const page2 = await api.ok<any>("reports.list", { sort: "createdAt", direction: "desc", pageSize: 5, page: 2 }, support);
    expect(page2.rows.map((r: any) => r.id)).toEqual(made.slice(0, 2).map((m) => m.id).reverse());
    const printer = await api.ok<any>("reports.list", { text: "imprimante" }, support);
    expect(printer.total).toBe(4);
    expect((await api.ok<any>("reports.list", { text: "ER-2026-00003" }, support)).rows.map((r: any) => r.id)).toEqual([made[2]!.id]);
    expect((await api.ok<any>("reports.list", { mine: true }, support)).rows.map((r: any) => r.id)).toEqual([first.id]);
    expect((await api.ok<any>("reports.list", { assigneeId: null }, support)).total).toBe(11);
    expect((await api.ok<any>("reports.list", { text: '" OR 1=1 -- *' }, support)).total).toBe(0);

    await api.ok("reports.saveFilter", { severity: ["high", "critical"], sort: "severity", direction: "desc", page: 3, pageSize: 50 }, support);
    expect(await api.ok("reports.savedFilter", {}, support)).toMatchObject({ severity: ["high", "critical"], sort: "severity", page: 0 });
    expect(await api.ok("reports.savedFilter", {}, agent)).toMatchObject({ sort: "createdAt", direction: "desc" });
  });

  it("audits opening a report and the call-back list, not each queue page", async () => {
    const { id } = await newReport();
    await api.ok("reports.get", { id }, agent);
    await api.ok("reports.list", {}, support);
    await api.ok("reports.callbacksDue", {}, support);
    const ops = api.db.sqlite.prepare("SELECT operation, entity_type, entity_id FROM audit_log WHERE operation LIKE 'reports.%' AND operation != 'reports.create'").all();
    expect(ops).toEqual([
      { operation: "reports.get", entity_type: "error_report", entity_id: String(id) },
      { operation: "reports.callbacksDue", entity_type: "error_report", entity_id: null },
    ]);
  });
});
