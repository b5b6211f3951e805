import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { Actor } from "./actor";
import type { Reads, Writes } from "./engine";
import { AppError } from "./errors";
import { logInteraction, type Channel } from "./interactions";
import type { PrivacyRequest, PrivacyRequestCounts, PrivacyRequestRow, RegisterFilter } from "../common/contract/privacy";
import { privacyRequests, type IDENTITY_METHODS, type PRIVACY_CHANNELS, type PRIVACY_REQUEST_KINDS, type PRIVACY_STATUSES } from "./schema";
import { genevaDate } from "./training";

import { addDays } from "../common/geneva-time";

export type PrivacyKind = (typeof PRIVACY_REQUEST_KINDS)[number];
export type PrivacyChannel = (typeof PRIVACY_CHANNELS)[number];
export type PrivacyStatus = (typeof PRIVACY_STATUSES)[number];
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

/** revFADP Art. 25 para. 7 / DPO Art. 18: an answer within 30 days of receipt. */
export const DUE_DAYS = 30;
/** Requests that still need an answer. */
export const PENDING: readonly PrivacyStatus[] = ["open", "extended"];
/** Kinds that hand out or remove data: nothing runs before the requester's identity is checked. */
const NEEDS_IDENTITY: readonly PrivacyKind[] = ["access", "portability", "erasure", "rectification"];

const CONTACT_CHANNEL: Record<PrivacyChannel, Channel> = { phone: "call_in", email: "email", letter: "letter", in_person: "visit" };

type RequestRecord = typeof privacyRequests.$inferSelect;

/** Every column of the register, under the schema's camelCase names (the engine returns the SQL's). */
const REQUEST_COLUMNS = sql.raw(
  Object.entries(getTableColumns(privacyRequests))
    .map(([key, column]) => (key === column.name ? column.name : `${column.name} AS "${key}"`))
    .join(", "),
);

/**
 * The year's next number. Read then written: the write transaction serialises it (SQLite's write
 * lock; PostgreSQL's advisory lock, db/pg-engine.ts), and the unique index refuses a repeat anyway.
 */
async function nextReference(tx: Writes, today: string): Promise<string> {
  const year = today.slice(0, 4);
  const row = await tx.one<{ last: number | null }>(sql`SELECT max(CAST(substr(reference, 9) AS INTEGER)) AS last FROM privacy_requests WHERE reference LIKE ${`DP-${year}-%`}`);
  return `DP-${year}-${String((row?.last ?? 0) + 1).padStart(5, "0")}`;
}

export interface NewPrivacyRequest {
  personId: number;
  kind: PrivacyKind;
  channel: PrivacyChannel;
  receivedOn?: string;
  details?: string;
}

async function personExists(tx: Reads, personId: number): Promise<boolean> {
  return (await tx.one(sql`SELECT 1 AS found FROM people WHERE id = ${personId}`)) !== undefined;
}

/** A request taken: in the register, and on the person's timeline. */
export async function createPrivacyRequest(tx: Writes, input: NewPrivacyRequest, actor: Actor): Promise<{ id: number; reference: string }> {
  const created = await registerPrivacyRequest(tx, input, actor);
  // The card's timeline shows the request (its purpose says what it is); its words stay in the register.
  await logInteraction(tx, { personId: input.personId, channel: CONTACT_CHANNEL[input.channel], purpose: "data_protection", summary: created.reference, at: actor.now, agentId: actor.userId }, actor.now);
  return created;
}

/** The register's part of a new request: its reference, its due date, its row. */
export async function registerPrivacyRequest(tx: Writes, input: NewPrivacyRequest, actor: Actor): Promise<{ id: number; reference: string }> {
  if (!(await personExists(tx, input.personId))) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  const today = genevaDate(actor.now);
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today) throw new AppError("VALIDATION", "date_in_future", {}, "receivedOn");
  const dueOn = addDays(receivedOn, DUE_DAYS);
  const reference = await nextReference(tx, today);
  const inserted = await tx.one<{ id: number }>(sql`
    INSERT INTO privacy_requests (reference, person_id, kind, channel, received_on, due_on, original_due_on, details, created_by, created_at)
    VALUES (${reference}, ${input.personId}, ${input.kind}, ${input.channel}, ${receivedOn}, ${dueOn}, ${dueOn}, ${input.details ?? ""}, ${actor.userId}, ${actor.now})
    RETURNING id`);
  return { id: inserted!.id, reference };
}

async function requireRequest(tx: Reads, id: number): Promise<RequestRecord> {
  const row = await tx.one<RequestRecord>(sql`SELECT ${REQUEST_COLUMNS} FROM privacy_requests WHERE id = ${id}`);
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "privacy request" }, "id");
  return row;
}

async function requirePending(tx: Reads, id: number, version?: number): Promise<RequestRecord> {
  const row = await requireRequest(tx, id);
  if (version !== undefined && row.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  if (!PENDING.includes(row.status)) throw new AppError("CONFLICT", "request_closed", {}, "id");
  return row;
}

/**
 * The identity check (DPO Art. 16): the method must use something already on file, so a
 * caller cannot verify themselves with a number or address they just gave.
 */
export async function verifyIdentity(tx: Writes, id: number, method: IdentityMethod, actor: Actor): Promise<void> {
  const row = await requirePending(tx, id);
  if (row.identityMethod) throw new AppError("CONFLICT", "identity_already_checked", {}, "method");
  if (row.personId === null) throw new AppError("CONFLICT", "request_closed", {}, "id");
  if (method === "callback_on_file" && !(await tx.one(sql`SELECT 1 AS found FROM phones WHERE person_id = ${row.personId} LIMIT 1`))) {
    throw new AppError("VALIDATION", "no_phone_on_file", {}, "method");
  }
  if (method === "email_on_file" && !(await tx.one(sql`SELECT 1 AS found FROM emails WHERE person_id = ${row.personId} LIMIT 1`))) {
    throw new AppError("VALIDATION", "no_email_on_file", {}, "method");
  }
  await tx.run(
    sql`UPDATE privacy_requests SET identity_method = ${method}, identity_checked_by = ${actor.userId}, identity_checked_at = ${actor.now}, version = ${row.version + 1} WHERE id = ${id}`,
  );
}

/** A pending request of one of `kinds` for which the identity was checked: what access and erasure need. */
export async function requireVerified(tx: Reads, id: number, kinds: readonly PrivacyKind[]): Promise<RequestRecord & { personId: number }> {
  const row = await requirePending(tx, id);
  if (!kinds.includes(row.kind)) throw new AppError("CONFLICT", "wrong_request_kind", { kinds: kinds.join(", ") }, "requestId");
  if (!row.identityMethod) throw new AppError("CONFLICT", "identity_not_checked", {}, "requestId");
  if (row.personId === null) throw new AppError("CONFLICT", "request_closed", {}, "requestId");
  return { ...row, personId: row.personId };
}

export async function extendRequest(tx: Writes, id: number, version: number, dueOn: string, reason: string): Promise<void> {
  const row = await requirePending(tx, id, version);
  if (dueOn <= row.dueOn) throw new AppError("VALIDATION", "extension_not_later", { due: row.dueOn }, "dueOn");
  // The ordinance allows a longer delay when justified; 60 more days is where a real case ends.
  if (dueOn > addDays(row.originalDueOn, 60)) throw new AppError("VALIDATION", "extension_too_long", {}, "dueOn");
  await tx.run(sql`UPDATE privacy_requests SET status = 'extended', due_on = ${dueOn}, extension_reason = ${reason}, version = ${row.version + 1} WHERE id = ${id}`);
}

export async function completeRequest(tx: Writes, id: number, version: number, outcome: string, actor: Actor): Promise<void> {
  const row = await requirePending(tx, id, version);
  if (NEEDS_IDENTITY.includes(row.kind) && !row.identityMethod) throw new AppError("CONFLICT", "identity_not_checked", {}, "id");
  await tx.run(
    sql`UPDATE privacy_requests SET status = 'completed', outcome = ${outcome}, closed_by = ${actor.userId}, closed_at = ${actor.now}, version = ${row.version + 1} WHERE id = ${id}`,
  );
}

export async function refuseRequest(tx: Writes, id: number, version: number, reason: string, actor: Actor): Promise<void> {
  const row = await requirePending(tx, id, version);
  await tx.run(
    sql`UPDATE privacy_requests SET status = 'refused', refusal_reason = ${reason}, closed_by = ${actor.userId}, closed_at = ${actor.now}, version = ${row.version + 1} WHERE id = ${id}`,
  );
}

/**
 * The register's record of a completed erasure: counts (never values), when and by whom. The
 * request stays, unlinked by the erasure itself (db/personal-data.ts).
 */
export async function recordErasure(tx: Writes, id: number, version: number, erasedCounts: Record<string, number>, actor: Actor): Promise<void> {
  await tx.run(sql`
    UPDATE privacy_requests SET status = 'completed', erased_counts = ${JSON.stringify(erasedCounts)}, erased_at = ${actor.now}, erased_by = ${actor.userId},
      closed_at = ${actor.now}, closed_by = ${actor.userId}, version = ${version + 1}
    WHERE id = ${id}`);
}

/** Whether the register holds this request (erased people's requests included). */
export async function privacyRequestExists(tx: Reads, id: number): Promise<boolean> {
  return (await tx.one(sql`SELECT 1 AS found FROM privacy_requests WHERE id = ${id}`)) !== undefined;
}

export interface RequestFilter {
  status: RegisterFilter;
  kind?: PrivacyKind;
  personId?: number;
  page: number;
  pageSize: number;
}

const PENDING_SQL = sql.raw(`status IN (${PENDING.map((s) => `'${s}'`).join(", ")})`);

/** Pending requests by due date (most urgent first); closed ones newest first. */
export async function listPrivacyRequests(tx: Reads, f: RequestFilter, now: number): Promise<{ rows: PrivacyRequestRow[]; total: number }> {
  const today = genevaDate(now);
  const conditions: SQL[] = [];
  if (f.status === "pending") conditions.push(PENDING_SQL);
  if (f.status === "overdue") conditions.push(PENDING_SQL, sql`due_on < ${today}`);
  if (f.status === "closed") conditions.push(sql`status IN ('completed', 'refused')`);
  if (f.kind) conditions.push(sql`kind = ${f.kind}`);
  if (f.personId !== undefined) conditions.push(sql`person_id = ${f.personId}`);
  const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  const order = f.status === "closed" ? sql`closed_at DESC, id DESC` : sql`due_on, id`;
  const found = await tx.all<Omit<PrivacyRequestRow, "identityChecked" | "overdue"> & { identityChecked: boolean | number }>(sql`
    SELECT id, reference, person_id AS "personId", (SELECT first_name || ' ' || last_name FROM people WHERE people.id = privacy_requests.person_id) AS person,
      kind, channel, received_on AS "receivedOn", due_on AS "dueOn", status, identity_method IS NOT NULL AS "identityChecked", closed_at AS "closedAt"
    FROM privacy_requests ${where}
    ORDER BY ${order}
    LIMIT ${f.pageSize} OFFSET ${f.page * f.pageSize}`);
  // SQLite answers the flag as 1/0, PostgreSQL as a boolean.
  const rows = found.map((r) => ({ ...r, identityChecked: Boolean(r.identityChecked), overdue: PENDING.includes(r.status) && r.dueOn < today }));
  const total = (await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM privacy_requests ${where}`))?.n ?? 0;
  return { rows, total };
}

/** What the navigation rail and the dashboard show: pending, due within 7 days, overdue. */
export async function privacyRequestCounts(tx: Reads, now: number): Promise<PrivacyRequestCounts> {
  const today = genevaDate(now);
  const row = await tx.one<PrivacyRequestCounts>(sql`
    SELECT count(*) AS pending,
      coalesce(sum(CASE WHEN due_on < ${today} THEN 1 ELSE 0 END), 0) AS overdue,
      coalesce(sum(CASE WHEN due_on >= ${today} AND due_on <= ${addDays(today, 7)} THEN 1 ELSE 0 END), 0) AS "dueSoon"
    FROM privacy_requests WHERE ${PENDING_SQL}`);
  return row!;
}

export async function getPrivacyRequest(tx: Reads, id: number, now: number): Promise<PrivacyRequest> {
  const row = await requireRequest(tx, id);
  const name = async (userId: number | null) =>
    userId === null ? null : ((await tx.one<{ n: string }>(sql`SELECT display_name AS n FROM users WHERE id = ${userId}`))?.n ?? null);
  const person =
    row.personId === null
      ? null
      : ((await tx.one<NonNullable<PrivacyRequest["person"]>>(sql`SELECT id, first_name AS "firstName", last_name AS "lastName", language FROM people WHERE id = ${row.personId}`)) ?? null);
  // A correction request is carried out on the person card; its history since receipt is the proof.
  const corrections =
    row.kind === "rectification" && row.personId !== null
      ? await tx.all<PrivacyRequest["corrections"][number]>(sql`
          SELECT at, field, old_value AS "oldValue", new_value AS "newValue" FROM person_history
          WHERE person_id = ${row.personId} AND at >= ${Date.parse(`${row.receivedOn}T00:00:00Z`) - 86_400_000}
          ORDER BY at, id`)
      : [];
  const { erasedCounts, ...fields } = row;
  return {
    ...fields,
    erasedCounts: erasedCounts ? (JSON.parse(erasedCounts) as Record<string, number>) : null,
    overdue: PENDING.includes(row.status) && row.dueOn < genevaDate(now),
    person,
    createdByName: await name(row.createdBy),
    identityCheckedByName: await name(row.identityCheckedBy),
    closedByName: await name(row.closedBy),
    erasedByName: await name(row.erasedBy),
    corrections,
  };
}
