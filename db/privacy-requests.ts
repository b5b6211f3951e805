import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import { logInteractionSync, type Channel } from "./interactions";
import type { Db, ReadableDb } from "./open";
import type { PrivacyRequest, PrivacyRequestCounts, PrivacyRequestRow, RegisterFilter } from "../common/contract/privacy";
import { emails, people, personHistory, phones, privacyRequests, users, type IDENTITY_METHODS, type PRIVACY_CHANNELS, type PRIVACY_REQUEST_KINDS, type PRIVACY_STATUSES } from "./schema";
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

function nextReference(db: Db, today: string): string {
  const year = today.slice(0, 4);
  const last = db.sqlite.prepare("SELECT max(CAST(substr(reference, 9) AS INTEGER)) FROM privacy_requests WHERE reference GLOB ?").pluck().get(`DP-${year}-*`) as number | null;
  return `DP-${year}-${String((last ?? 0) + 1).padStart(5, "0")}`;
}

export interface NewPrivacyRequest {
  personId: number;
  kind: PrivacyKind;
  channel: PrivacyChannel;
  receivedOn?: string;
  details?: string;
}

export function createPrivacyRequest(db: Db, input: NewPrivacyRequest, actor: Actor): { id: number; reference: string } {
  if (!db.orm.select({ id: people.id }).from(people).where(eq(people.id, input.personId)).get()) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  const today = genevaDate(actor.now);
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today) throw new AppError("VALIDATION", "date_in_future", {}, "receivedOn");
  const dueOn = addDays(receivedOn, DUE_DAYS);
  const reference = nextReference(db, today);
  const { id } = db.orm
    .insert(privacyRequests)
    .values({ reference, personId: input.personId, kind: input.kind, channel: input.channel, receivedOn, dueOn, originalDueOn: dueOn, details: input.details ?? "", createdBy: actor.userId, createdAt: actor.now })
    .returning({ id: privacyRequests.id })
    .get();
  // The card's timeline shows the request (its purpose says what it is); its words stay in the register.
  logInteractionSync(db, { personId: input.personId, channel: CONTACT_CHANNEL[input.channel], purpose: "data_protection", summary: reference, at: actor.now, agentId: actor.userId }, actor.now);
  return { id, reference };
}

function requireRequest(db: ReadableDb, id: number) {
  const row = db.orm.select().from(privacyRequests).where(eq(privacyRequests.id, id)).get();
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "privacy request" }, "id");
  return row;
}

function requirePending(db: ReadableDb, id: number, version?: number) {
  const row = requireRequest(db, id);
  if (version !== undefined && row.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  if (!PENDING.includes(row.status)) throw new AppError("CONFLICT", "request_closed", {}, "id");
  return row;
}

/**
 * The identity check (DPO Art. 16): the method must use something already on file, so a
 * caller cannot verify themselves with a number or address they just gave.
 */
export function verifyIdentity(db: Db, id: number, method: IdentityMethod, actor: Actor) {
  const row = requirePending(db, id);
  if (row.identityMethod) throw new AppError("CONFLICT", "identity_already_checked", {}, "method");
  if (row.personId === null) throw new AppError("CONFLICT", "request_closed", {}, "id");
  if (method === "callback_on_file" && !db.orm.select({ id: phones.id }).from(phones).where(eq(phones.personId, row.personId)).get()) {
    throw new AppError("VALIDATION", "no_phone_on_file", {}, "method");
  }
  if (method === "email_on_file" && !db.orm.select({ id: emails.id }).from(emails).where(eq(emails.personId, row.personId)).get()) {
    throw new AppError("VALIDATION", "no_email_on_file", {}, "method");
  }
  db.orm
    .update(privacyRequests)
    .set({ identityMethod: method, identityCheckedBy: actor.userId, identityCheckedAt: actor.now, version: row.version + 1 })
    .where(eq(privacyRequests.id, id))
    .run();
}

/** A pending request of one of `kinds` for which the identity was checked: what access and erasure need. */
export function requireVerified(db: ReadableDb, id: number, kinds: readonly PrivacyKind[]) {
  const row = requirePending(db, id);
  if (!kinds.includes(row.kind)) throw new AppError("CONFLICT", "wrong_request_kind", { kinds: kinds.join(", ") }, "requestId");
  if (!row.identityMethod) throw new AppError("CONFLICT", "identity_not_checked", {}, "requestId");
  if (row.personId === null) throw new AppError("CONFLICT", "request_closed", {}, "requestId");
  return { ...row, personId: row.personId };
}

export function extendRequest(db: Db, id: number, version: number, dueOn: string, reason: string) {
  const row = requirePending(db, id, version);
  if (dueOn <= row.dueOn) throw new AppError("VALIDATION", "extension_not_later", { due: row.dueOn }, "dueOn");
  // The ordinance allows a longer delay when justified; 60 more days is where a real case ends.
  if (dueOn > addDays(row.originalDueOn, 60)) throw new AppError("VALIDATION", "extension_too_long", {}, "dueOn");
  db.orm.update(privacyRequests).set({ status: "extended", dueOn, extensionReason: reason, version: row.version + 1 }).where(eq(privacyRequests.id, id)).run();
}

export function completeRequest(db: Db, id: number, version: number, outcome: string, actor: Actor) {
  const row = requirePending(db, id, version);
  if (NEEDS_IDENTITY.includes(row.kind) && !row.identityMethod) throw new AppError("CONFLICT", "identity_not_checked", {}, "id");
  db.orm.update(privacyRequests).set({ status: "completed", outcome, closedBy: actor.userId, closedAt: actor.now, version: row.version + 1 }).where(eq(privacyRequests.id, id)).run();
}

export function refuseRequest(db: Db, id: number, version: number, reason: string, actor: Actor) {
  const row = requirePending(db, id, version);
  db.orm.update(privacyRequests).set({ status: "refused", refusalReason: reason, closedBy: actor.userId, closedAt: actor.now, version: row.version + 1 }).where(eq(privacyRequests.id, id)).run();
}

export interface RequestFilter {
  status: RegisterFilter;
  kind?: PrivacyKind;
  personId?: number;
  page: number;
  pageSize: number;
}

const listColumns = {
  id: privacyRequests.id,
  reference: privacyRequests.reference,
  personId: privacyRequests.personId,
  person: sql<string | null>`(SELECT first_name || ' ' || last_name FROM people WHERE id = ${privacyRequests.personId})`,
  kind: privacyRequests.kind,
  channel: privacyRequests.channel,
  receivedOn: privacyRequests.receivedOn,
  dueOn: privacyRequests.dueOn,
  status: privacyRequests.status,
  identityChecked: sql<number>`${privacyRequests.identityMethod} IS NOT NULL`,
  closedAt: privacyRequests.closedAt,
};

/** Pending requests by due date (most urgent first); closed ones newest first. */
export function listPrivacyRequests(db: ReadableDb, f: RequestFilter, now: number): { rows: PrivacyRequestRow[]; total: number } {
  const today = genevaDate(now);
  const conditions: SQL[] = [];
  if (f.status === "pending") conditions.push(inArray(privacyRequests.status, [...PENDING]));
  if (f.status === "overdue") conditions.push(inArray(privacyRequests.status, [...PENDING]), sql`${privacyRequests.dueOn} < ${today}`);
  if (f.status === "closed") conditions.push(inArray(privacyRequests.status, ["completed", "refused"]));
  if (f.kind) conditions.push(eq(privacyRequests.kind, f.kind));
  if (f.personId !== undefined) conditions.push(eq(privacyRequests.personId, f.personId));
  const where = conditions.length ? and(...conditions) : undefined;
  const order = f.status === "closed" ? sql`${privacyRequests.closedAt} DESC, ${privacyRequests.id} DESC` : sql`${privacyRequests.dueOn}, ${privacyRequests.id}`;
  const rows = db.orm
    .select(listColumns)
    .from(privacyRequests)
    .where(where)
    .orderBy(order)
    .limit(f.pageSize)
    .offset(f.page * f.pageSize)
    .all()
    .map((r) => ({ ...r, identityChecked: Boolean(r.identityChecked), overdue: PENDING.includes(r.status) && r.dueOn < today }));
  const total = db.orm.select({ n: sql<number>`count(*)` }).from(privacyRequests).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** What the navigation rail and the dashboard show: pending, due within 7 days, overdue. */
export function privacyRequestCounts(db: ReadableDb, now: number): PrivacyRequestCounts {
  const today = genevaDate(now);
  const row = db.sqlite
    .prepare(
      `SELECT count(*) AS pending, coalesce(sum(due_on < ?), 0) AS overdue, coalesce(sum(due_on >= ? AND due_on <= ?), 0) AS dueSoon
       FROM privacy_requests WHERE status IN ('open', 'extended')`,
    )
    .get(today, today, addDays(today, 7)) as PrivacyRequestCounts;
  return row;
}

export function getPrivacyRequest(db: ReadableDb, id: number, now: number): PrivacyRequest {
  const row = requireRequest(db, id);
  const name = (userId: number | null) => (userId === null ? null : (db.orm.select({ n: users.displayName }).from(users).where(eq(users.id, userId)).get()?.n ?? null));
  const person =
    row.personId === null
      ? null
      : (db.orm.select({ id: people.id, firstName: people.firstName, lastName: people.lastName, language: people.language }).from(people).where(eq(people.id, row.personId)).get() ?? null);
  // A correction request is carried out on the person card; its history since receipt is the proof.
  const corrections =
    row.kind === "rectification" && row.personId !== null
      ? db.orm
          .select({ at: personHistory.at, field: personHistory.field, oldValue: personHistory.oldValue, newValue: personHistory.newValue })
          .from(personHistory)
          .where(and(eq(personHistory.personId, row.personId), sql`${personHistory.at} >= ${Date.parse(`${row.receivedOn}T00:00:00Z`) - 86_400_000}`))
          .orderBy(personHistory.at)
          .all()
      : [];
  const { erasedCounts, ...fields } = row;
  return {
    ...fields,
    erasedCounts: erasedCounts ? (JSON.parse(erasedCounts) as Record<string, number>) : null,
    overdue: PENDING.includes(row.status) && row.dueOn < genevaDate(now),
    person,
    createdByName: name(row.createdBy),
    identityCheckedByName: name(row.identityCheckedBy),
    closedByName: name(row.closedBy),
    erasedByName: name(row.erasedBy),
    corrections,
  };
}
