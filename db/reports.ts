import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import type { Assignee, CallbackDue, Product, QueuePage, ReportDetail, ReportEvent } from "../common/contract/reports";
import { formatPhone } from "../common/phone";
import { errorReportEvents, errorReports, people, phones, products, users, REPORT_STATUSES, SEVERITIES, type CALLBACK_OUTCOMES, type FREQUENCIES } from "./schema";
import { statement } from "./statements";
import type { Actor } from "./actor";
import { ftsQuery } from "./search";
import { logInteractionSync } from "./interactions";
import type { QUEUE_SORTS } from "../common/enums";
import { genevaDayOf } from "../common/geneva-time";
export { QUEUE_SORTS } from "../common/enums";

export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Frequency = (typeof FREQUENCIES)[number];
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** The workflow: which status may follow which. Anything else is refused. */
export const TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  new: ["triaged", "in_progress", "waiting_for_customer", "resolved"],
  triaged: ["in_progress", "waiting_for_customer", "resolved"],
  in_progress: ["waiting_for_customer", "resolved"],
  waiting_for_customer: ["in_progress", "resolved"],
  resolved: ["closed", "reopened"],
  closed: ["reopened"],
  reopened: ["triaged", "in_progress", "waiting_for_customer", "resolved"],
};
const OPEN_STATUSES = REPORT_STATUSES.filter((s) => s !== "resolved" && s !== "closed");

// ---------------------------------------------------------------- products

export function listProducts(db: ReadableDb, includeInactive: boolean): Product[] {
  return db.orm
    .select()
    .from(products)
    .where(includeInactive ? undefined : eq(products.active, true))
    .orderBy(asc(products.name))
    .all()
    .map((p) => ({ ...p, versions: JSON.parse(p.versions) as string[] }));
}

export function saveProduct(db: Db, input: { id?: number; name: string; versions: string[]; active: boolean }) {
  const clash = db.orm.select({ id: products.id }).from(products).where(eq(products.name, input.name)).get();
  if (clash && clash.id !== input.id) throw new AppError("CONFLICT", "duplicate_value", {}, "name");
  const values = { name: input.name, versions: JSON.stringify(input.versions), active: input.active };
  if (input.id === undefined) return db.orm.insert(products).values(values).returning({ id: products.id }).get().id;
  if (!db.orm.update(products).set(values).where(eq(products.id, input.id)).run().changes) throw new AppError("NOT_FOUND", "not_found", { entity: "product" }, "id");
  return input.id;
}

// ---------------------------------------------------------------- references

/** Next reference of the year. Runs inside the caller's write transaction, so it cannot repeat. */
export function nextReference(db: Db, now: number): string {
  const year = Number(genevaDayOf(now).slice(0, 4));
  const { last } = statement(db, "INSERT INTO report_sequences (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last").get(year) as { last: number };
  return `ER-${year}-${String(last).padStart(5, "0")}`;
}

/** "er-2026-42", "ER 2026 00042" → "ER-2026-00042"; null when it is not a reference. */
export function parseReference(text: string): string | null {
  const m = /^\s*ER[\s-]?(\d{4})[\s-]?(\d{1,7})\s*$/i.exec(text);
  return m ? `ER-${m[1]}-${m[2]!.padStart(5, "0")}` : null;
}

// ---------------------------------------------------------------- create and read

export interface NewReport {
  personId: number;
  productId: number;
  productVersion?: string;
  environment?: string;
  title: string;
  description?: string;
  steps?: string;
  frequency?: Frequency;
  severity?: Severity;
  callbackConsent?: boolean;
  callbackPhone?: string | null;
  callbackWindow?: string;
  callbackBefore?: number | null;
}

/** The report's words as the queue's text filter sees them; a report no longer there leaves the index. */
export function reindexReport(db: Db, id: number) {
  const r = statement(db, "SELECT reference, title, description || ' ' || steps || ' ' || environment AS body FROM error_reports WHERE id = ?").get(id) as
    | { reference: string; title: string; body: string }
    | undefined;
  statement(db, "DELETE FROM error_reports_fts WHERE rowid = ?").run(id);
  if (r) statement(db, "INSERT INTO error_reports_fts (rowid, reference, title, body) VALUES (?, ?, ?, ?)").run(id, r.reference, r.title, r.body);
}

function checkCallbackPhone(db: Db, personId: number | null, e164: string | null | undefined) {
  if (!e164) return;
  if (personId === null) throw new AppError("VALIDATION", "not_reporter_phone", {}, "callbackPhone");
  const own = statement(db, "SELECT 1 FROM phones WHERE person_id = ? AND e164 = ?").get(personId, e164);
  if (!own) throw new AppError("VALIDATION", "not_reporter_phone", {}, "callbackPhone");
}

function checkFuture(at: number | null | undefined, now: number, field: string) {
  if (at != null && at < now - 60_000) throw new AppError("VALIDATION", "date_in_past", {}, field);
}

function checkProduct(db: Db, productId: number) {
  const product = db.orm.select({ active: products.active }).from(products).where(eq(products.id, productId)).get();
  if (!product || !product.active) throw new AppError("VALIDATION", "unknown_product", {}, "productId");
}

export function createReport(db: Db, input: NewReport, actor: Actor): { id: number; reference: string } {
  if (!db.orm.select({ id: people.id }).from(people).where(eq(people.id, input.personId)).get()) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  checkProduct(db, input.productId);
  checkCallbackPhone(db, input.personId, input.callbackPhone);
  checkFuture(input.callbackBefore, actor.now, "callbackBefore");
  const reference = nextReference(db, actor.now);
  const { callbackBefore, ...fields } = input;
  const { id } = db.orm
    .insert(errorReports)
    .values({
      ...fields,
      callbackPhone: input.callbackConsent ? (input.callbackPhone ?? null) : null,
      nextCallbackAt: input.callbackConsent ? (callbackBefore ?? null) : null,
      reference,
      createdBy: actor.userId,
      createdAt: actor.now,
      updatedAt: actor.now,
    })
    .returning({ id: errorReports.id })
    .get();
  addEvent(db, id, actor, { kind: "created", toStatus: "new" });
  reindexReport(db, id);
  // The report is also a contact with the person, on their timeline.
  logInteractionSync(db, { personId: input.personId, channel: "call_in", purpose: "error_report", summary: `${reference} — ${input.title}`.slice(0, 4000), at: actor.now, agentId: actor.userId }, actor.now);
  return { id, reference };
}

function addEvent(db: Db, reportId: number, actor: Actor, e: Partial<typeof errorReportEvents.$inferInsert> & { kind: (typeof errorReportEvents.$inferInsert)["kind"] }) {
  db.orm.insert(errorReportEvents).values({ ...e, reportId, at: actor.now, userId: actor.userId }).run();
}

function requireReport(db: ReadableDb, id: number) {
  const row = db.orm.select().from(errorReports).where(eq(errorReports.id, id)).get();
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "report" });
  return row;
}

export function reportIdByReference(db: ReadableDb, reference: string): number {
  const id = statement(db, "SELECT id FROM error_reports WHERE reference = ?").pluck().get(reference) as number | undefined;
  if (id === undefined) throw new AppError("NOT_FOUND", "not_found", { entity: reference }, "reference");
  return id;
}

export function getReport(db: ReadableDb, id: number, now: number): ReportDetail {
  const r = requireReport(db, id);
  // No reporter: the report was kept for the product when its reporter was erased.
  const reporter = r.personId === null ? undefined : db.orm.select({ id: people.id, firstName: people.firstName, lastName: people.lastName, salutation: people.salutation }).from(people).where(eq(people.id, r.personId)).get();
  const reporterPhones = r.personId === null ? [] : db.orm.select({ e164: phones.e164, kind: phones.kind, isPrimary: phones.isPrimary }).from(phones).where(eq(phones.personId, r.personId)).all();
  const product = db.orm.select({ name: products.name }).from(products).where(eq(products.id, r.productId)).get();
  const assignee = r.assigneeId ? db.orm.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, r.assigneeId)).get() : null;
  const events = db.sqlite
    .prepare(
      `SELECT e.id, e.at, e.kind, e.from_status AS fromStatus, e.to_status AS toStatus, e.outcome, e.next_callback_at AS nextCallbackAt, e.text,
              u.display_name AS author, a.display_name AS assignee
       FROM error_report_events e LEFT JOIN users u ON u.id = e.user_id LEFT JOIN users a ON a.id = e.assignee_id
       WHERE e.report_id = ? ORDER BY e.at DESC, e.id DESC`,
    )
    .all(id) as ReportEvent[];
  const { severityRank: _rank, ...fields } = r;
  return {
    ...fields,
    productName: product?.name ?? "",
    callbackPhoneDisplay: r.callbackPhone ? formatPhone(r.callbackPhone) : null,
    overdue: r.nextCallbackAt !== null && r.nextCallbackAt < now && (OPEN_STATUSES as readonly string[]).includes(r.status),
    allowedStatuses: TRANSITIONS[r.status],
    reporter: reporter ? { ...reporter, phones: reporterPhones.map((p) => ({ ...p, display: formatPhone(p.e164) })) } : null,
    assignee: assignee ?? null,
    events,
  };
}

export function reportsOfPerson(db: ReadableDb, personId: number) {
  return db.orm
    .select({ id: errorReports.id, reference: errorReports.reference, title: errorReports.title, status: errorReports.status, severity: errorReports.severity, createdAt: errorReports.createdAt, updatedAt: errorReports.updatedAt })
    .from(errorReports)
    .where(eq(errorReports.personId, personId))
    .orderBy(desc(errorReports.createdAt))
    .all();
}

// ---------------------------------------------------------------- queue

export interface QueueFilter {
  status?: ReportStatus[];
  severity?: Severity[];
  productId?: number;
  assigneeId?: number | null;
  /** Only reports whose call-back time has passed and that are still open. */
  overdue?: boolean;
  text?: string;
  sort: (typeof QUEUE_SORTS)[number];
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
}

const SORT_COLUMNS = {
  createdAt: errorReports.createdAt,
  updatedAt: errorReports.updatedAt,
  severity: errorReports.severityRank,
  status: errorReports.status,
  nextCallbackAt: errorReports.nextCallbackAt,
  reference: errorReports.reference,
} as const;

/** Counts stop here: the queue shows "10 000+" rather than paying to count 200,000 rows. */
export const COUNT_CAP = 10_000;
/** How many of the newest text matches the queue considers. */
export const TEXT_MATCHES = 1_000;

/**
 * The queue's WHERE clause. Shaped for the indexes: a multi-value status or severity list is
 * written `+column IN (…)` so SQLite walks the sort column's index and stops after one page
 * instead of sorting every match; the text filter is bounded to the newest matches.
 */
export function queueWhere(
  f: Omit<QueueFilter, "sort" | "direction" | "page" | "pageSize" | "text">,
  now: number,
  purpose: "page" | "count",
  textIds?: number[] | null,
): SQL | undefined {
  const c: SQL[] = [];
  // Counting has no order to follow: there the plain IN lets a covering index answer alone.
  const list = (column: SQL, values: readonly (string | number)[]) =>
    values.length === 1 ? sql`${column} = ${values[0]}` : purpose === "count" ? sql`${column} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})` : sql`+${column} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
  if (f.status?.length) c.push(list(sql`${errorReports.status}`, f.status));
  if (f.severity?.length) c.push(list(sql`${errorReports.severityRank}`, f.severity.map((s) => SEVERITIES.indexOf(s))));
  if (f.productId !== undefined) c.push(eq(errorReports.productId, f.productId));
  if (f.assigneeId === null) c.push(sql`${errorReports.assigneeId} IS NULL`);
  else if (f.assigneeId !== undefined) c.push(eq(errorReports.assigneeId, f.assigneeId));
  if (f.overdue) {
    c.push(sql`${errorReports.nextCallbackAt} < ${now}`);
    c.push(sql`${errorReports.status} NOT IN ('resolved', 'closed')`);
  }
  // The text filter's matches, looked up once per query (textMatchIds) and shared by page and count.
  if (textIds !== undefined) c.push(textIds === null ? sql`0` : sql`${errorReports.id} IN (SELECT value FROM json_each(${JSON.stringify(textIds.slice(0, TEXT_MATCHES))}))`);
  return c.length ? and(...c) : undefined;
}

/** The newest report ids matching the words (one more than kept, to know there were more); null without words. */
export const TEXT_IDS_SQL = `SELECT rowid FROM error_reports_fts WHERE error_reports_fts MATCH ? ORDER BY rowid DESC LIMIT ${TEXT_MATCHES + 1}`;

export function textMatchIds(db: ReadableDb, text: string): number[] | null {
  const match = ftsQuery(text);
  return match ? (statement(db, TEXT_IDS_SQL).pluck().all(match) as number[]) : null;
}

/** The queue's page and count queries, built once: listReports runs them, the benchmark times their SQL. */
export function queueQueries(db: ReadableDb, f: QueueFilter, now: number) {
  const textIds = f.text === undefined ? undefined : textMatchIds(db, f.text);
  const where = queueWhere(f, now, "page", textIds);
  const column = SORT_COLUMNS[f.sort];
  const page = db.orm
    .select({
      id: errorReports.id,
      reference: errorReports.reference,
      title: errorReports.title,
      status: errorReports.status,
      severity: errorReports.severity,
      productName: products.name,
      personId: errorReports.personId,
      reporter: sql<string>`coalesce(${people.firstName} || ' ' || ${people.lastName}, '')`,
      assignee: users.displayName,
      assigneeId: errorReports.assigneeId,
      nextCallbackAt: errorReports.nextCallbackAt,
      createdAt: errorReports.createdAt,
      updatedAt: errorReports.updatedAt,
    })
    .from(errorReports)
    .leftJoin(people, eq(people.id, errorReports.personId))
    .innerJoin(products, eq(products.id, errorReports.productId))
    .leftJoin(users, eq(users.id, errorReports.assigneeId))
    .where(where)
    // Ties broken by creation time then id: exactly the order of the (…, created_at) indexes, so no sort step.
    .orderBy(...[column, errorReports.createdAt, errorReports.id].filter((c, i, all) => all.indexOf(c) === i).map((c) => (f.direction === "asc" ? asc(c) : desc(c))))
    .limit(f.pageSize)
    .offset(f.page * f.pageSize);
  const count = db.orm.select({ n: sql<number>`count(*)` }).from(db.orm.select({ one: sql`1` }).from(errorReports).where(queueWhere(f, now, "count", textIds)).limit(COUNT_CAP + 1).as("capped"));
  return { page, count, textCapped: (textIds?.length ?? 0) > TEXT_MATCHES };
}

export function listReports(db: ReadableDb, f: QueueFilter, now: number): QueuePage {
  const { page, count, textCapped } = queueQueries(db, f, now);
  const rows = page.all().map((r) => ({ ...r, overdue: r.nextCallbackAt !== null && r.nextCallbackAt < now && (OPEN_STATUSES as readonly string[]).includes(r.status) }));
  const total = count.get()?.n ?? 0;
  const cap = f.text ? TEXT_MATCHES : COUNT_CAP;
  return { rows, total: Math.min(total, cap), totalCapped: total > cap || textCapped };
}

// ---------------------------------------------------------------- workflow

export function updateReport(db: Db, id: number, version: number, changes: Partial<Omit<NewReport, "personId" | "callbackBefore">>, actor: Actor) {
  const r = requireReport(db, id);
  if (r.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  if (changes.productId !== undefined) checkProduct(db, changes.productId);
  checkCallbackPhone(db, r.personId, changes.callbackPhone);
  const changed = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== (r as Record<string, unknown>)[k]);
  db.orm.update(errorReports).set({ ...changes, updatedAt: actor.now, version: r.version + 1 }).where(eq(errorReports.id, id)).run();
  addEvent(db, id, actor, { kind: "update", text: changed.join(", ") });
  reindexReport(db, id);
  return changed;
}

export function setStatus(db: Db, id: number, version: number, to: ReportStatus, extra: { resolution?: string; note?: string; nextCallbackAt?: number | null }, actor: Actor) {
  const r = requireReport(db, id);
  if (r.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  if (!TRANSITIONS[r.status].includes(to)) throw new AppError("VALIDATION", "transition", { from: r.status, to }, "status");
  if (to === "resolved" && !extra.resolution?.trim()) throw new AppError("VALIDATION", "resolution_required", {}, "resolution");
  if (to === "waiting_for_customer" && !extra.note?.trim() && extra.nextCallbackAt == null) throw new AppError("VALIDATION", "waiting_needs_callback", {}, "nextCallbackAt");
  checkFuture(extra.nextCallbackAt, actor.now, "nextCallbackAt");
  const closing = to === "resolved" || to === "closed";
  db.orm
    .update(errorReports)
    .set({
      status: to,
      ...(extra.resolution !== undefined ? { resolution: extra.resolution } : {}),
      ...(extra.nextCallbackAt !== undefined ? { nextCallbackAt: extra.nextCallbackAt } : closing ? { nextCallbackAt: null } : {}),
      updatedAt: actor.now,
      version: r.version + 1,
    })
    .where(eq(errorReports.id, id))
    .run();
  addEvent(db, id, actor, { kind: "status", fromStatus: r.status, toStatus: to, text: extra.resolution ?? extra.note ?? "", nextCallbackAt: extra.nextCallbackAt ?? null });
}

export function assignReport(db: Db, id: number, version: number, assigneeId: number | null, actor: Actor) {
  const r = requireReport(db, id);
  if (r.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  if (assigneeId !== null) {
    const u = db.orm.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, assigneeId)).get();
    if (!u || !u.active || u.role === "agent") throw new AppError("VALIDATION", "bad_assignee", {}, "assigneeId");
  }
  db.orm.update(errorReports).set({ assigneeId, updatedAt: actor.now, version: r.version + 1 }).where(eq(errorReports.id, id)).run();
  addEvent(db, id, actor, { kind: "assignment", assigneeId });
}

/** Who a report can be assigned to: the active support, manager and admin accounts, by name. */
export function setKeepForProduct(db: Db, id: number, version: number, keep: boolean, actor: Actor) {
  const r = requireReport(db, id);
  if (r.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  if (r.keepForProduct === keep) return;
  db.orm.update(errorReports).set({ keepForProduct: keep, updatedAt: actor.now, version: r.version + 1 }).where(eq(errorReports.id, id)).run();
  addEvent(db, id, actor, { kind: "update", text: "keep_for_product" });
}

export function listAssignees(db: ReadableDb): Assignee[] {
  return db.orm
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), sql`${users.role} IN ('support', 'manager', 'admin')`))
    .orderBy(asc(users.displayName), asc(users.id))
    .all();
}

export function commentReport(db: Db, id: number, text: string, actor: Actor) {
  requireReport(db, id);
  db.orm.update(errorReports).set({ updatedAt: actor.now }).where(eq(errorReports.id, id)).run();
  addEvent(db, id, actor, { kind: "comment", text });
}

/** A call-back attempt: its outcome, and when to try again (none: nothing pending). */
export function logCallback(db: Db, id: number, input: { outcome: CallbackOutcome; note?: string; nextCallbackAt?: number | null }, actor: Actor) {
  const r = requireReport(db, id);
  if (r.personId === null) throw new AppError("CONFLICT", "report_anonymised", {});
  checkFuture(input.nextCallbackAt, actor.now, "nextCallbackAt");
  db.orm
    .update(errorReports)
    .set({ nextCallbackAt: input.nextCallbackAt ?? null, updatedAt: actor.now, version: r.version + 1 })
    .where(eq(errorReports.id, id))
    .run();
  addEvent(db, id, actor, { kind: "callback", outcome: input.outcome, text: input.note ?? "", nextCallbackAt: input.nextCallbackAt ?? null });
  logInteractionSync(db, { personId: r.personId, channel: "call_out", purpose: "error_report", summary: `${r.reference} — ${input.outcome}${input.note ? `: ${input.note}` : ""}`.slice(0, 4000), at: actor.now, agentId: actor.userId }, actor.now);
}

/** Call-backs due up to `until`, oldest first, with the number to dial. */
export function callbacksDue(db: ReadableDb, until: number, now: number): CallbackDue[] {
  return (
    db.sqlite
      .prepare(
        `SELECT r.id, r.reference, r.title, r.severity, r.status, r.next_callback_at AS nextCallbackAt, r.callback_phone AS callbackPhone, r.callback_window AS callbackWindow,
                r.person_id AS personId, p.first_name || ' ' || p.last_name AS reporter, u.display_name AS assignee
         FROM error_reports r JOIN people p ON p.id = r.person_id LEFT JOIN users u ON u.id = r.assignee_id
         WHERE r.next_callback_at IS NOT NULL AND r.next_callback_at <= ? AND r.status NOT IN ('resolved', 'closed')
         ORDER BY r.next_callback_at LIMIT 500`,
      )
      .all(until) as {
      id: number;
      reference: string;
      title: string;
      severity: Severity;
      status: ReportStatus;
      nextCallbackAt: number;
      callbackPhone: string | null;
      callbackWindow: string;
      personId: number;
      reporter: string;
      assignee: string | null;
    }[]
  ).map((r) => ({ ...r, dial: r.callbackPhone ? formatPhone(r.callbackPhone) : null, overdue: r.nextCallbackAt < now }));
}
