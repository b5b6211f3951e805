import { sql, type SQL } from "drizzle-orm";
import { AppError } from "./errors";
import type { Dialect, Query, Reads, Writes } from "./engine";
import type { PersonReport } from "../common/contract/people";
import type { Assignee, CallbackDue, Product, QueuePage, QueueRow, ReportDetail, ReportEvent } from "../common/contract/reports";
import { formatPhone } from "../common/phone";
import { REPORT_STATUSES, SEVERITIES, type CALLBACK_OUTCOMES, type FREQUENCIES } from "./schema";
import type { Actor } from "./actor";
import { bound, ftsQuery, tsqueryOf } from "./search";
import { reindexReport } from "./search-index";
import { logInteraction } from "./interactions";
import type { PhoneKind, QUEUE_SORTS, ReportEventKind, Salutation } from "../common/enums";
import { genevaDayOf } from "../common/geneva-time";
import { assignments, insertColumns, valueList } from "./sql-fields";
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

const PRODUCT_COLUMNS = { name: "name", versions: "versions", active: "active" };

export async function listProducts(tx: Reads, includeInactive: boolean): Promise<Product[]> {
  const rows = await tx.all<{ id: number; name: string; versions: string; active: unknown }>(
    sql`SELECT id, name, versions, active FROM products ${includeInactive ? sql`` : sql`WHERE active = ${true} `}ORDER BY name, id`,
  );
  return rows.map((p) => ({ ...p, active: Boolean(p.active), versions: JSON.parse(p.versions) as string[] }));
}

export async function saveProduct(tx: Writes, input: { id?: number; name: string; versions: string[]; active: boolean }): Promise<number> {
  const clash = await tx.one<{ id: number }>(sql`SELECT id FROM products WHERE name = ${input.name}`);
  if (clash && clash.id !== input.id) throw new AppError("CONFLICT", "duplicate_value", {}, "name");
  const values = { name: input.name, versions: JSON.stringify(input.versions), active: input.active };
  if (input.id === undefined) return (await tx.one<{ id: number }>(sql`INSERT INTO products ${insertColumns(PRODUCT_COLUMNS, values)} RETURNING id`))!.id;
  if (!(await tx.run(sql`UPDATE products SET ${assignments(PRODUCT_COLUMNS, values)} WHERE id = ${input.id}`)).changes) throw new AppError("NOT_FOUND", "not_found", { entity: "product" }, "id");
  return input.id;
}

// ---------------------------------------------------------------- references

/**
 * Next reference of the year. Runs inside the caller's write transaction (serialised on both
 * engines: SQLite's one writer, PostgreSQL's write lock), so it cannot repeat.
 */
export async function nextReference(tx: Writes, now: number): Promise<string> {
  const year = Number(genevaDayOf(now).slice(0, 4));
  const { last } = (await tx.one<{ last: number }>(
    sql`INSERT INTO report_sequences (year, last) VALUES (${year}, 1) ON CONFLICT (year) DO UPDATE SET last = report_sequences.last + 1 RETURNING last`,
  ))!;
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

/** The columns of the fields a report is created and updated with. */
const REPORT_FIELD_COLUMNS = {
  personId: "person_id",
  productId: "product_id",
  productVersion: "product_version",
  environment: "environment",
  title: "title",
  description: "description",
  steps: "steps",
  frequency: "frequency",
  severity: "severity",
  callbackConsent: "callback_consent",
  callbackPhone: "callback_phone",
  callbackWindow: "callback_window",
};
const REPORT_COLUMNS = { ...REPORT_FIELD_COLUMNS, nextCallbackAt: "next_callback_at", reference: "reference", createdBy: "created_by", createdAt: "created_at", updatedAt: "updated_at" };

async function checkCallbackPhone(tx: Reads, personId: number | null, e164: string | null | undefined) {
  if (!e164) return;
  if (personId === null) throw new AppError("VALIDATION", "not_reporter_phone", {}, "callbackPhone");
  const own = await tx.one(sql`SELECT 1 AS own FROM phones WHERE person_id = ${personId} AND e164 = ${e164}`);
  if (!own) throw new AppError("VALIDATION", "not_reporter_phone", {}, "callbackPhone");
}

function checkFuture(at: number | null | undefined, now: number, field: string) {
  if (at != null && at < now - 60_000) throw new AppError("VALIDATION", "date_in_past", {}, field);
}

async function checkProduct(tx: Reads, productId: number) {
  const product = await tx.one<{ active: unknown }>(sql`SELECT active FROM products WHERE id = ${productId}`);
  if (!product || !product.active) throw new AppError("VALIDATION", "unknown_product", {}, "productId");
}

export async function createReport(tx: Writes, input: NewReport, actor: Actor): Promise<{ id: number; reference: string }> {
  if (!(await tx.one(sql`SELECT id FROM people WHERE id = ${input.personId}`))) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  await checkProduct(tx, input.productId);
  await checkCallbackPhone(tx, input.personId, input.callbackPhone);
  checkFuture(input.callbackBefore, actor.now, "callbackBefore");
  const reference = await nextReference(tx, actor.now);
  const { callbackBefore, ...fields } = input;
  const values = {
    ...fields,
    callbackPhone: input.callbackConsent ? (input.callbackPhone ?? null) : null,
    nextCallbackAt: input.callbackConsent ? (callbackBefore ?? null) : null,
    reference,
    createdBy: actor.userId,
    createdAt: actor.now,
    updatedAt: actor.now,
  };
  const { id } = (await tx.one<{ id: number }>(sql`INSERT INTO error_reports ${insertColumns(REPORT_COLUMNS, values)} RETURNING id`))!;
  await addEvent(tx, id, actor, { kind: "created", toStatus: "new" });
  // The search index and the timeline are still the search and people modules' synchronous code.
  await reindexReport(tx, id);
  // The report is also a contact with the person, on their timeline.
  await logInteraction(tx, { personId: input.personId, channel: "call_in", purpose: "error_report", summary: `${reference} — ${input.title}`.slice(0, 4000), at: actor.now, agentId: actor.userId }, actor.now);
  return { id, reference };
}

interface NewEvent {
  kind: ReportEventKind;
  fromStatus?: ReportStatus | null;
  toStatus?: ReportStatus | null;
  assigneeId?: number | null;
  outcome?: CallbackOutcome | null;
  nextCallbackAt?: number | null;
  text?: string;
}
const EVENT_COLUMNS = {
  reportId: "report_id",
  at: "at",
  userId: "user_id",
  kind: "kind",
  fromStatus: "from_status",
  toStatus: "to_status",
  assigneeId: "assignee_id",
  outcome: "outcome",
  nextCallbackAt: "next_callback_at",
  text: "text",
};

async function addEvent(tx: Writes, reportId: number, actor: Actor, e: NewEvent) {
  await tx.run(sql`INSERT INTO error_report_events ${insertColumns(EVENT_COLUMNS, { ...e, reportId, at: actor.now, userId: actor.userId })}`);
}

/** A report's row as stored (without the index-only severity rank). */
type ReportRow = Omit<ReportDetail, "productName" | "callbackPhoneDisplay" | "overdue" | "allowedStatuses" | "reporter" | "assignee" | "events">;

const REPORT_ROW = sql.raw(
  `id, reference, person_id AS "personId", product_id AS "productId", product_version AS "productVersion", environment, title, description, steps,
   frequency, severity, status, callback_consent AS "callbackConsent", callback_phone AS "callbackPhone", callback_window AS "callbackWindow",
   next_callback_at AS "nextCallbackAt", assignee_id AS "assigneeId", resolution, keep_for_product AS "keepForProduct", created_by AS "createdBy",
   created_at AS "createdAt", updated_at AS "updatedAt", version`,
);

async function requireReport(tx: Reads, id: number): Promise<ReportRow> {
  const row = await tx.one<ReportRow>(sql`SELECT ${REPORT_ROW} FROM error_reports WHERE id = ${id}`);
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "report" });
  // Flags come back as 1/0 from SQLite.
  return { ...row, callbackConsent: Boolean(row.callbackConsent), keepForProduct: Boolean(row.keepForProduct) };
}

export async function reportIdByReference(tx: Reads, reference: string): Promise<number> {
  const row = await tx.one<{ id: number }>(sql`SELECT id FROM error_reports WHERE reference = ${reference}`);
  if (row === undefined) throw new AppError("NOT_FOUND", "not_found", { entity: reference }, "reference");
  return row.id;
}

export async function getReport(tx: Reads, id: number, now: number): Promise<ReportDetail> {
  const r = await requireReport(tx, id);
  // No reporter: the report was kept for the product when its reporter was erased.
  const reporter =
    r.personId === null
      ? undefined
      : await tx.one<{ id: number; firstName: string; lastName: string; salutation: Salutation | null }>(
          sql`SELECT id, first_name AS "firstName", last_name AS "lastName", salutation FROM people WHERE id = ${r.personId}`,
        );
  const reporterPhones =
    r.personId === null
      ? []
      : await tx.all<{ e164: string; kind: PhoneKind; isPrimary: unknown }>(sql`SELECT e164, kind, is_primary AS "isPrimary" FROM phones WHERE person_id = ${r.personId} ORDER BY id`);
  const product = await tx.one<{ name: string }>(sql`SELECT name FROM products WHERE id = ${r.productId}`);
  const assignee = r.assigneeId ? await tx.one<{ id: number; displayName: string }>(sql`SELECT id, display_name AS "displayName" FROM users WHERE id = ${r.assigneeId}`) : null;
  const events = await tx.all<ReportEvent>(
    sql`SELECT e.id, e.at, e.kind, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.outcome, e.next_callback_at AS "nextCallbackAt", e.text,
               u.display_name AS author, a.display_name AS assignee
        FROM error_report_events e LEFT JOIN users u ON u.id = e.user_id LEFT JOIN users a ON a.id = e.assignee_id
        WHERE e.report_id = ${id} ORDER BY e.at DESC, e.id DESC`,
  );
  return {
    ...r,
    productName: product?.name ?? "",
    callbackPhoneDisplay: r.callbackPhone ? formatPhone(r.callbackPhone) : null,
    overdue: r.nextCallbackAt !== null && r.nextCallbackAt < now && (OPEN_STATUSES as readonly string[]).includes(r.status),
    allowedStatuses: TRANSITIONS[r.status],
    reporter: reporter ? { ...reporter, phones: reporterPhones.map((p) => ({ ...p, isPrimary: Boolean(p.isPrimary), display: formatPhone(p.e164) })) } : null,
    assignee: assignee ?? null,
    events,
  };
}

const reportsOfPersonQuery = (personId: number) =>
  sql`SELECT id, reference, title, status, severity, created_at AS "createdAt", updated_at AS "updatedAt"
      FROM error_reports WHERE person_id = ${personId} ORDER BY created_at DESC, id DESC`;

export async function reportsOfPerson(tx: Reads, personId: number): Promise<PersonReport[]> {
  return tx.all<PersonReport>(reportsOfPersonQuery(personId));
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
  createdAt: "error_reports.created_at",
  updatedAt: "error_reports.updated_at",
  severity: "error_reports.severity_rank",
  status: "error_reports.status",
  nextCallbackAt: "error_reports.next_callback_at",
  reference: "error_reports.reference",
} as const;

/** Counts stop here: the queue shows "10 000+" rather than paying to count 200,000 rows. */
export const COUNT_CAP = 10_000;
/** How many of the newest text matches the queue considers. */
export const TEXT_MATCHES = 1_000;

/**
 * What differs between the engines in the queue's SQL, side by side:
 * - `unindexed`: SQLite's planner takes a column written `+column` as no index to search by, so for
 *   a multi-value status or severity list it walks the sort column's index and stops after one page
 *   instead of sorting every match. PostgreSQL has no unary plus on text and needs no such hint.
 * - `nulls`: where NULL sorts (only the call-back time is nullable). SQLite puts NULL first going
 *   up and last going down, PostgreSQL the other way round; the queue keeps SQLite's order.
 */
const QUEUE_SQL = {
  sqlite: { unindexed: (column: SQL) => sql`+${column}`, nulls: { asc: sql``, desc: sql`` } },
  pg: { unindexed: (column: SQL) => column, nulls: { asc: sql` NULLS FIRST`, desc: sql` NULLS LAST` } },
} as const satisfies Record<Dialect, unknown>;

/**
 * The queue's WHERE clause. Shaped for the indexes: a multi-value status or severity list is kept
 * off the index search (QUEUE_SQL) so the sort column's index serves the page; the text filter is
 * bounded to the newest matches.
 */
export function queueWhere(
  f: Omit<QueueFilter, "sort" | "direction" | "page" | "pageSize" | "text">,
  now: number,
  purpose: "page" | "count",
  textIds: number[] | null | undefined,
  dialect: Dialect,
): SQL {
  const c: SQL[] = [];
  // Counting has no order to follow: there the plain IN lets a covering index answer alone.
  const list = (column: SQL, values: readonly (string | number)[]) =>
    values.length === 1 ? sql`${column} = ${values[0]}` : sql`${purpose === "count" ? column : QUEUE_SQL[dialect].unindexed(column)} IN ${valueList(values)}`;
  if (f.status?.length) c.push(list(sql`error_reports.status`, f.status));
  if (f.severity?.length) c.push(list(sql`error_reports.severity_rank`, f.severity.map((s) => SEVERITIES.indexOf(s))));
  if (f.productId !== undefined) c.push(sql`error_reports.product_id = ${f.productId}`);
  if (f.assigneeId === null) c.push(sql`error_reports.assignee_id IS NULL`);
  else if (f.assigneeId !== undefined) c.push(sql`error_reports.assignee_id = ${f.assigneeId}`);
  if (f.overdue) {
    c.push(sql`error_reports.next_callback_at < ${now}`);
    c.push(sql`error_reports.status NOT IN ('resolved', 'closed')`);
  }
  // The text filter's matches, looked up once per query (textMatchIds) and shared by page and count.
  if (textIds !== undefined) c.push(textIds === null || textIds.length === 0 ? sql`1 = 0` : sql`error_reports.id IN ${valueList(textIds.slice(0, TEXT_MATCHES))}`);
  return c.length ? sql`WHERE ${sql.join(c, sql` AND `)}` : sql``;
}

/** The newest report ids matching the words (one more than kept, to know there were more); null without words. */
export const TEXT_IDS_SQL = `SELECT rowid AS id FROM error_reports_fts WHERE error_reports_fts MATCH ? ORDER BY rowid DESC LIMIT ${TEXT_MATCHES + 1}`;

/** The text filter's query in each engine's index (the index itself: db/search-index.ts); null without words. */
const TEXT_IDS: Record<Dialect, (text: string) => Query | null> = {
  sqlite: (text) => {
    const match = ftsQuery(text);
    return match ? bound(TEXT_IDS_SQL, [match]) : null;
  },
  pg: (text) => {
    const query = tsqueryOf(text);
    return query ? sql`SELECT report_id AS id FROM error_reports_search WHERE document @@ ${query}::tsquery ORDER BY report_id DESC LIMIT ${TEXT_MATCHES + 1}` : null;
  },
};

async function textMatchIds(tx: Reads, text: string): Promise<number[] | null> {
  const query = TEXT_IDS[tx.dialect](text);
  return query ? (await tx.all<{ id: number }>(query)).map((row) => row.id) : null;
}

/** The queue's page and count queries, built once: listReports runs them, the benchmark times their SQL. */
export async function queueQueries(tx: Reads, f: QueueFilter, now: number): Promise<{ page: SQL; count: SQL; textCapped: boolean }> {
  const textIds = f.text === undefined ? undefined : await textMatchIds(tx, f.text);
  const dialect = QUEUE_SQL[tx.dialect];
  const sortColumn = SORT_COLUMNS[f.sort];
  // Ties broken by creation time then id: exactly the order of the (…, created_at) indexes, so no sort step.
  const order = [sortColumn, SORT_COLUMNS.createdAt, "error_reports.id"]
    .filter((c, i, all) => all.indexOf(c) === i)
    .map((c) => sql`${sql.raw(c)} ${sql.raw(f.direction)}${c === SORT_COLUMNS.nextCallbackAt ? dialect.nulls[f.direction] : sql``}`);
  const page = sql`SELECT error_reports.id, error_reports.reference, error_reports.title, error_reports.status, error_reports.severity,
      products.name AS "productName", error_reports.person_id AS "personId", coalesce(people.first_name || ' ' || people.last_name, '') AS reporter,
      users.display_name AS assignee, error_reports.assignee_id AS "assigneeId", error_reports.next_callback_at AS "nextCallbackAt",
      error_reports.created_at AS "createdAt", error_reports.updated_at AS "updatedAt"
    FROM error_reports
      LEFT JOIN people ON people.id = error_reports.person_id
      INNER JOIN products ON products.id = error_reports.product_id
      LEFT JOIN users ON users.id = error_reports.assignee_id
    ${queueWhere(f, now, "page", textIds, tx.dialect)}
    ORDER BY ${sql.join(order, sql`, `)}
    LIMIT ${f.pageSize} OFFSET ${f.page * f.pageSize}`;
  const count = sql`SELECT count(*) AS n FROM (SELECT 1 AS one FROM error_reports ${queueWhere(f, now, "count", textIds, tx.dialect)} LIMIT ${COUNT_CAP + 1}) AS capped`;
  return { page, count, textCapped: (textIds?.length ?? 0) > TEXT_MATCHES };
}

export async function listReports(tx: Reads, f: QueueFilter, now: number): Promise<QueuePage> {
  const { page, count, textCapped } = await queueQueries(tx, f, now);
  const rows = (await tx.all<Omit<QueueRow, "overdue">>(page)).map((r) => ({
    ...r,
    overdue: r.nextCallbackAt !== null && r.nextCallbackAt < now && (OPEN_STATUSES as readonly string[]).includes(r.status),
  }));
  const total = (await tx.one<{ n: number }>(count))?.n ?? 0;
  const cap = f.text ? TEXT_MATCHES : COUNT_CAP;
  return { rows, total: Math.min(total, cap), totalCapped: total > cap || textCapped };
}

// ---------------------------------------------------------------- workflow

async function requireVersion(tx: Reads, id: number, version: number): Promise<ReportRow> {
  const r = await requireReport(tx, id);
  if (r.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  return r;
}

export async function updateReport(tx: Writes, id: number, version: number, changes: Partial<Omit<NewReport, "personId" | "callbackBefore">>, actor: Actor): Promise<string[]> {
  const r = await requireVersion(tx, id, version);
  if (changes.productId !== undefined) await checkProduct(tx, changes.productId);
  await checkCallbackPhone(tx, r.personId, changes.callbackPhone);
  const changed = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== (r as unknown as Record<string, unknown>)[k]);
  const { personId: _personId, ...editable } = REPORT_FIELD_COLUMNS;
  await tx.run(
    sql`UPDATE error_reports SET ${assignments({ ...editable, updatedAt: "updated_at", version: "version" }, { ...changes, updatedAt: actor.now, version: r.version + 1 })} WHERE id = ${id}`,
  );
  await addEvent(tx, id, actor, { kind: "update", text: changed.join(", ") });
  await reindexReport(tx, id);
  return changed;
}

export async function setStatus(tx: Writes, id: number, version: number, to: ReportStatus, extra: { resolution?: string; note?: string; nextCallbackAt?: number | null }, actor: Actor) {
  const r = await requireVersion(tx, id, version);
  if (!TRANSITIONS[r.status].includes(to)) throw new AppError("VALIDATION", "transition", { from: r.status, to }, "status");
  if (to === "resolved" && !extra.resolution?.trim()) throw new AppError("VALIDATION", "resolution_required", {}, "resolution");
  if (to === "waiting_for_customer" && !extra.note?.trim() && extra.nextCallbackAt == null) throw new AppError("VALIDATION", "waiting_needs_callback", {}, "nextCallbackAt");
  checkFuture(extra.nextCallbackAt, actor.now, "nextCallbackAt");
  const closing = to === "resolved" || to === "closed";
  // A resolution or a call-back time only when given; closing clears a pending call-back.
  const resolution = extra.resolution !== undefined ? sql`, resolution = ${extra.resolution}` : sql``;
  const nextCallbackAt = extra.nextCallbackAt !== undefined ? sql`, next_callback_at = ${extra.nextCallbackAt}` : closing ? sql`, next_callback_at = NULL` : sql``;
  await tx.run(sql`UPDATE error_reports SET status = ${to}${resolution}${nextCallbackAt}, updated_at = ${actor.now}, version = ${r.version + 1} WHERE id = ${id}`);
  await addEvent(tx, id, actor, { kind: "status", fromStatus: r.status, toStatus: to, text: extra.resolution ?? extra.note ?? "", nextCallbackAt: extra.nextCallbackAt ?? null });
}

export async function assignReport(tx: Writes, id: number, version: number, assigneeId: number | null, actor: Actor) {
  const r = await requireVersion(tx, id, version);
  if (assigneeId !== null) {
    const u = await tx.one<{ role: string; active: unknown }>(sql`SELECT role, active FROM users WHERE id = ${assigneeId}`);
    if (!u || !u.active || u.role === "agent") throw new AppError("VALIDATION", "bad_assignee", {}, "assigneeId");
  }
  await tx.run(sql`UPDATE error_reports SET assignee_id = ${assigneeId}, updated_at = ${actor.now}, version = ${r.version + 1} WHERE id = ${id}`);
  await addEvent(tx, id, actor, { kind: "assignment", assigneeId });
}

export async function setKeepForProduct(tx: Writes, id: number, version: number, keep: boolean, actor: Actor) {
  const r = await requireVersion(tx, id, version);
  if (r.keepForProduct === keep) return;
  await tx.run(sql`UPDATE error_reports SET keep_for_product = ${keep}, updated_at = ${actor.now}, version = ${r.version + 1} WHERE id = ${id}`);
  await addEvent(tx, id, actor, { kind: "update", text: "keep_for_product" });
}

/** Who a report can be assigned to: the active support, manager and admin accounts, by name. */
export async function listAssignees(tx: Reads): Promise<Assignee[]> {
  return tx.all<Assignee>(sql`SELECT id, display_name AS "displayName", role FROM users WHERE active = ${true} AND role IN ('support', 'manager', 'admin') ORDER BY display_name, id`);
}

export async function commentReport(tx: Writes, id: number, text: string, actor: Actor) {
  await requireReport(tx, id);
  await tx.run(sql`UPDATE error_reports SET updated_at = ${actor.now} WHERE id = ${id}`);
  await addEvent(tx, id, actor, { kind: "comment", text });
}

/** A call-back attempt: its outcome, and when to try again (none: nothing pending). */
export async function logCallback(tx: Writes, id: number, input: { outcome: CallbackOutcome; note?: string; nextCallbackAt?: number | null }, actor: Actor) {
  const r = await requireReport(tx, id);
  if (r.personId === null) throw new AppError("CONFLICT", "report_anonymised", {});
  checkFuture(input.nextCallbackAt, actor.now, "nextCallbackAt");
  await tx.run(sql`UPDATE error_reports SET next_callback_at = ${input.nextCallbackAt ?? null}, updated_at = ${actor.now}, version = ${r.version + 1} WHERE id = ${id}`);
  await addEvent(tx, id, actor, { kind: "callback", outcome: input.outcome, text: input.note ?? "", nextCallbackAt: input.nextCallbackAt ?? null });
  await logInteraction(
    tx,
    { personId: r.personId, channel: "call_out", purpose: "error_report", summary: `${r.reference} — ${input.outcome}${input.note ? `: ${input.note}` : ""}`.slice(0, 4000), at: actor.now, agentId: actor.userId },
    actor.now,
  );
}

/** Call-backs due up to `until`, oldest first (then in the order taken), with the number to dial. */
export async function callbacksDue(tx: Reads, until: number, now: number): Promise<CallbackDue[]> {
  const rows = await tx.all<Omit<CallbackDue, "dial" | "overdue">>(
    sql`SELECT r.id, r.reference, r.title, r.severity, r.status, r.next_callback_at AS "nextCallbackAt", r.callback_phone AS "callbackPhone", r.callback_window AS "callbackWindow",
               r.person_id AS "personId", p.first_name || ' ' || p.last_name AS reporter, u.display_name AS assignee
        FROM error_reports r JOIN people p ON p.id = r.person_id LEFT JOIN users u ON u.id = r.assignee_id
        WHERE r.next_callback_at IS NOT NULL AND r.next_callback_at <= ${until} AND r.status NOT IN ('resolved', 'closed')
        ORDER BY r.next_callback_at, r.id LIMIT 500`,
  );
  return rows.map((r) => ({ ...r, dial: r.callbackPhone ? formatPhone(r.callbackPhone) : null, overdue: r.nextCallbackAt < now }));
}
