import { sql, type SQL } from "drizzle-orm";
import { requireCompany } from "./companies";
import { AppError } from "./errors";
import { logInteraction } from "./interactions";
import type { Reads, Writes } from "./engine";
import type { Course, SessionDetail, SessionRow, TrainingRequestDetail, TrainingRequestPage, TrainingRequestRow, TrainingSession } from "../common/contract/training";
import { formatPhone } from "../common/phone";
import type { COURSE_FORMATS, DURATION_UNITS, SESSION_STATUSES, TRAINING_LANGUAGES, TRAINING_STATUSES } from "./schema";
import type { Language } from "./schema";
import type { Actor } from "./actor";
import { genevaDayOf } from "../common/geneva-time";
import { assignments, insertColumns, valueList } from "./sql-fields";

export type TrainingStatus = (typeof TRAINING_STATUSES)[number];
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type CourseFormat = (typeof COURSE_FORMATS)[number];
export type TrainingLanguage = (typeof TRAINING_LANGUAGES)[number];

/** Request workflow. Scheduling goes through assignSession, which checks the seats. */
export const TRAINING_TRANSITIONS: Record<TrainingStatus, readonly TrainingStatus[]> = {
  requested: ["contacted", "cancelled"],
  contacted: ["cancelled"],
  scheduled: ["confirmed", "contacted", "cancelled"],
  confirmed: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};
/** Statuses whose participants hold seats in their session. */
const SEAT_HOLDING = ["scheduled", "confirmed", "completed"] as const;
const SEAT_HOLDING_SQL = valueList(SEAT_HOLDING);

/** Today's date in Geneva as YYYY-MM-DD, the calendar sessions are planned in. */
export function genevaDate(now: number): string {
  return genevaDayOf(now);
}

// ---------------------------------------------------------------- courses

export interface CourseInput {
  code: string;
  titleFr: string;
  titleEn: string;
  description?: string;
  languages: TrainingLanguage[];
  durationValue: number;
  durationUnit: (typeof DURATION_UNITS)[number];
  format: CourseFormat;
  active: boolean;
}

const COURSE_COLUMNS = {
  code: "code",
  titleFr: "title_fr",
  titleEn: "title_en",
  description: "description",
  languages: "languages",
  durationValue: "duration_value",
  durationUnit: "duration_unit",
  format: "format",
  active: "active",
  version: "version",
};

type CourseRow = Omit<Course, "title" | "languages"> & { languages: string };

const COURSE_ROW = sql.raw(
  `id, code, title_fr AS "titleFr", title_en AS "titleEn", description, languages, duration_value AS "durationValue", duration_unit AS "durationUnit", format, active, version`,
);

const courseRow = (c: CourseRow, language: Language): Course => ({
  ...c,
  active: Boolean(c.active),
  languages: JSON.parse(c.languages) as TrainingLanguage[],
  /** In the reader's language. */
  title: language === "en" ? c.titleEn : c.titleFr,
});

export async function listCourses(tx: Reads, language: Language, includeInactive: boolean): Promise<Course[]> {
  const rows = await tx.all<CourseRow>(sql`SELECT ${COURSE_ROW} FROM training_courses ${includeInactive ? sql`` : sql`WHERE active = ${true} `}ORDER BY code, id`);
  return rows.map((c) => courseRow(c, language));
}

export async function getCourse(tx: Reads, id: number, language: Language): Promise<Course> {
  const c = await tx.one<CourseRow>(sql`SELECT ${COURSE_ROW} FROM training_courses WHERE id = ${id}`);
  if (!c) throw new AppError("NOT_FOUND", "not_found", { entity: "course" }, "id");
  return courseRow(c, language);
}

export async function saveCourse(tx: Writes, input: CourseInput & { id?: number; version?: number }): Promise<number> {
  const clash = await tx.one<{ id: number }>(sql`SELECT id FROM training_courses WHERE code = ${input.code}`);
  if (clash && clash.id !== input.id) throw new AppError("CONFLICT", "duplicate_value", {}, "code");
  const { id, version, ...fields } = input;
  const values = { ...fields, languages: JSON.stringify(fields.languages) };
  if (id === undefined) return (await tx.one<{ id: number }>(sql`INSERT INTO training_courses ${insertColumns(COURSE_COLUMNS, values)} RETURNING id`))!.id;
  const current = await tx.one<{ version: number }>(sql`SELECT version FROM training_courses WHERE id = ${id}`);
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "course" }, "id");
  if (version !== undefined && version !== current.version) throw new AppError("CONFLICT", "stale", {}, "version");
  await tx.run(sql`UPDATE training_courses SET ${assignments(COURSE_COLUMNS, { ...values, version: current.version + 1 })} WHERE id = ${id}`);
  return id;
}

// ---------------------------------------------------------------- sessions

export interface SessionInput {
  courseId: number;
  startsOn: string;
  endsOn: string;
  place?: string;
  capacity: number;
  trainer?: string;
  status: SessionStatus;
}

const SESSION_COLUMNS = {
  courseId: "course_id",
  startsOn: "starts_on",
  endsOn: "ends_on",
  place: "place",
  capacity: "capacity",
  trainer: "trainer",
  status: "status",
  version: "version",
};

type SessionFields = Omit<TrainingSession, "seatsTaken" | "seatsLeft">;

/** A session's columns, `s` being training_sessions. */
const SESSION_ROW = sql.raw(`s.id, s.course_id AS "courseId", s.starts_on AS "startsOn", s.ends_on AS "endsOn", s.place, s.capacity, s.trainer, s.status, s.version`);

/** The participants holding seats in session `s`: what its capacity is measured against. */
const SEATS_TAKEN = sql`(SELECT coalesce(sum(r.participants), 0) FROM training_requests r WHERE r.session_id = s.id AND r.status IN ${SEAT_HOLDING_SQL})`;

async function seatsTaken(tx: Reads, sessionId: number): Promise<number> {
  return (await tx.one<{ taken: number }>(sql`SELECT ${SEATS_TAKEN} AS taken FROM training_sessions s WHERE s.id = ${sessionId}`))?.taken ?? 0;
}

export async function listSessions(tx: Reads, filter: { courseId?: number; from?: string }, language: Language): Promise<SessionRow[]> {
  const c: SQL[] = [];
  if (filter.courseId !== undefined) c.push(sql`s.course_id = ${filter.courseId}`);
  if (filter.from) c.push(sql`s.starts_on >= ${filter.from}`);
  const rows = await tx.all<SessionFields & { courseCode: string; courseTitle: string; seatsTaken: number }>(
    sql`SELECT ${SESSION_ROW}, c.code AS "courseCode", ${language === "en" ? sql`c.title_en` : sql`c.title_fr`} AS "courseTitle", ${SEATS_TAKEN} AS "seatsTaken"
        FROM training_sessions s INNER JOIN training_courses c ON c.id = s.course_id
        ${c.length ? sql`WHERE ${sql.join(c, sql` AND `)}` : sql``}
        ORDER BY s.starts_on, s.id LIMIT 500`,
  );
  return rows.map((r) => ({ ...r, seatsLeft: r.capacity - r.seatsTaken }));
}

export async function getSession(tx: Reads, id: number, language: Language): Promise<SessionDetail> {
  const s = await tx.one<SessionFields & { seatsTaken: number }>(sql`SELECT ${SESSION_ROW}, ${SEATS_TAKEN} AS "seatsTaken" FROM training_sessions s WHERE s.id = ${id}`);
  if (!s) throw new AppError("NOT_FOUND", "not_found", { entity: "session" }, "id");
  const { seatsTaken: taken, ...session } = s;
  const course = await getCourse(tx, s.courseId, language);
  const participants = await tx.all<TrainingRequestRow>(requestRows(sql`training_requests.session_id = ${id}`, language, sql`training_requests.id`));
  return { ...session, course, participants, seatsTaken: taken, seatsLeft: s.capacity - taken };
}

export async function saveSession(tx: Writes, input: SessionInput & { id?: number; version?: number }, now: number): Promise<number> {
  const course = await tx.one<{ active: unknown }>(sql`SELECT active FROM training_courses WHERE id = ${input.courseId}`);
  if (!course) throw new AppError("NOT_FOUND", "not_found", { entity: "course" }, "courseId");
  if (input.endsOn < input.startsOn) throw new AppError("VALIDATION", "end_before_start", {}, "endsOn");
  const { id, version, ...fields } = input;
  if (id === undefined) {
    if (!course.active) throw new AppError("VALIDATION", "inactive_course", {}, "courseId");
    if (input.startsOn < genevaDate(now)) throw new AppError("VALIDATION", "date_in_past", {}, "startsOn");
    return (await tx.one<{ id: number }>(sql`INSERT INTO training_sessions ${insertColumns(SESSION_COLUMNS, fields)} RETURNING id`))!.id;
  }
  const current = await tx.one<{ version: number }>(sql`SELECT version FROM training_sessions WHERE id = ${id}`);
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "session" }, "id");
  if (version !== undefined && version !== current.version) throw new AppError("CONFLICT", "stale", {}, "version");
  const taken = await seatsTaken(tx, id);
  if (input.capacity < taken) throw new AppError("CONFLICT", "capacity_below_booked", { taken: String(taken) }, "capacity");
  await tx.run(sql`UPDATE training_sessions SET ${assignments(SESSION_COLUMNS, { ...fields, version: current.version + 1 })} WHERE id = ${id}`);
  return id;
}

// ---------------------------------------------------------------- requests

export interface NewTrainingRequest {
  personId: number;
  courseId: number;
  preferredPeriod?: string;
  participants: number;
  language: TrainingLanguage;
  format: CourseFormat;
  companyId?: number | null;
  notes?: string;
  callbackConsent?: boolean;
  callbackPhone?: string | null;
}

const REQUEST_COLUMNS = {
  personId: "person_id",
  courseId: "course_id",
  preferredPeriod: "preferred_period",
  participants: "participants",
  language: "language",
  format: "format",
  companyId: "company_id",
  notes: "notes",
  callbackConsent: "callback_consent",
  callbackPhone: "callback_phone",
  createdBy: "created_by",
  createdAt: "created_at",
  updatedAt: "updated_at",
};

export async function createTrainingRequest(tx: Writes, input: NewTrainingRequest, actor: Actor): Promise<number> {
  const person = await tx.one<{ companyId: number | null }>(sql`SELECT company_id AS "companyId" FROM people WHERE id = ${input.personId}`);
  if (!person) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  const course = await tx.one<{ code: string; titleFr: string; active: unknown }>(sql`SELECT code, title_fr AS "titleFr", active FROM training_courses WHERE id = ${input.courseId}`);
  if (!course) throw new AppError("VALIDATION", "unknown_course", {}, "courseId");
  if (!course.active) throw new AppError("VALIDATION", "inactive_course", {}, "courseId");
  // The companies module is still synchronous code (db/transition.ts).
  await requireCompany(tx, input.companyId);
  if (input.callbackPhone && !(await tx.one(sql`SELECT 1 AS own FROM phones WHERE person_id = ${input.personId} AND e164 = ${input.callbackPhone}`))) {
    throw new AppError("VALIDATION", "not_reporter_phone", {}, "callbackPhone");
  }
  const values = {
    ...input,
    // The caller's company unless the agent chose another (or none, with null).
    companyId: input.companyId === undefined ? person.companyId : input.companyId,
    callbackPhone: input.callbackConsent ? (input.callbackPhone ?? null) : null,
    createdBy: actor.userId,
    createdAt: actor.now,
    updatedAt: actor.now,
  };
  const { id } = (await tx.one<{ id: number }>(sql`INSERT INTO training_requests ${insertColumns(REQUEST_COLUMNS, values)} RETURNING id`))!;
  await logInteraction(tx, { personId: input.personId, channel: "call_in", purpose: "training", summary: `${course.code} — ${course.titleFr}`.slice(0, 4000), at: actor.now, agentId: actor.userId }, actor.now);
  return id;
}

/** Requests as lists show them, with their person, course, company and session. */
function requestRows(where: SQL | undefined, language: Language, order: SQL, page?: { limit: number; offset: number }): SQL {
  return sql`SELECT training_requests.id, training_requests.person_id AS "personId", people.first_name || ' ' || people.last_name AS person,
      training_requests.course_id AS "courseId", training_courses.code AS "courseCode",
      ${language === "en" ? sql`training_courses.title_en` : sql`training_courses.title_fr`} AS "courseTitle", companies.name AS company,
      training_requests.participants, training_requests.language, training_requests.format, training_requests.preferred_period AS "preferredPeriod",
      training_requests.status, training_requests.session_id AS "sessionId", training_sessions.starts_on AS "sessionStartsOn",
      training_requests.created_at AS "createdAt", training_requests.updated_at AS "updatedAt", training_requests.version
    FROM training_requests
      INNER JOIN people ON people.id = training_requests.person_id
      INNER JOIN training_courses ON training_courses.id = training_requests.course_id
      LEFT JOIN companies ON companies.id = training_requests.company_id
      LEFT JOIN training_sessions ON training_sessions.id = training_requests.session_id
    ${where ? sql`WHERE ${where}` : sql``}
    ORDER BY ${order}${page ? sql` LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`;
}

export async function getTrainingRequest(tx: Reads, id: number, language: Language): Promise<TrainingRequestDetail> {
  const row = await tx.one<TrainingRequestRow>(requestRows(sql`training_requests.id = ${id}`, language, sql`training_requests.id`));
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "training request" }, "id");
  const full = (await tx.one<{ notes: string; cancelReason: string; callbackConsent: unknown; callbackPhone: string | null; createdBy: number | null }>(
    sql`SELECT notes, cancel_reason AS "cancelReason", callback_consent AS "callbackConsent", callback_phone AS "callbackPhone", created_by AS "createdBy" FROM training_requests WHERE id = ${id}`,
  ))!;
  const personPhones = await tx.all<{ e164: string }>(sql`SELECT e164 FROM phones WHERE person_id = ${row.personId} ORDER BY id`);
  const createdBy = full.createdBy ? ((await tx.one<{ displayName: string }>(sql`SELECT display_name AS "displayName" FROM users WHERE id = ${full.createdBy}`))?.displayName ?? null) : null;
  return {
    ...row,
    notes: full.notes,
    cancelReason: full.cancelReason,
    callbackConsent: Boolean(full.callbackConsent),
    callbackPhone: full.callbackPhone,
    callbackPhoneDisplay: full.callbackPhone ? formatPhone(full.callbackPhone) : null,
    personPhones: personPhones.map((p) => formatPhone(p.e164)),
    allowedStatuses: TRAINING_TRANSITIONS[row.status],
    createdBy,
  };
}

export interface TrainingFilter {
  courseId?: number;
  status?: TrainingStatus[];
  companyId?: number;
  /** Requests created in this range (epoch ms). */
  from?: number;
  to?: number;
  sort: "createdAt" | "updatedAt" | "status";
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
}

const REQUEST_SORT_COLUMNS = { createdAt: "training_requests.created_at", updatedAt: "training_requests.updated_at", status: "training_requests.status" } as const;

export async function listTrainingRequests(tx: Reads, f: TrainingFilter, language: Language): Promise<TrainingRequestPage> {
  const c: SQL[] = [];
  if (f.courseId !== undefined) c.push(sql`training_requests.course_id = ${f.courseId}`);
  if (f.status?.length) c.push(sql`training_requests.status IN ${valueList(f.status)}`);
  if (f.companyId !== undefined) c.push(sql`training_requests.company_id = ${f.companyId}`);
  if (f.from !== undefined) c.push(sql`training_requests.created_at >= ${f.from}`);
  if (f.to !== undefined) c.push(sql`training_requests.created_at <= ${f.to}`);
  const where = c.length ? sql.join(c, sql` AND `) : undefined;
  const direction = sql.raw(f.direction);
  const order = sql`${sql.raw(REQUEST_SORT_COLUMNS[f.sort])} ${direction}, training_requests.id ${direction}`;
  const rows = await tx.all<TrainingRequestRow>(requestRows(where, language, order, { limit: f.pageSize, offset: f.page * f.pageSize }));
  const total = (await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM training_requests ${where ? sql`WHERE ${where}` : sql``}`))?.n ?? 0;
  return { rows, total };
}

const trainingOfPersonQuery = (personId: number, language: Language) =>
  requestRows(sql`training_requests.person_id = ${personId}`, language, sql`training_requests.created_at DESC, training_requests.id DESC`);

export async function trainingOfPerson(tx: Reads, personId: number, language: Language): Promise<TrainingRequestRow[]> {
  return tx.all<TrainingRequestRow>(trainingOfPersonQuery(personId, language));
}

interface RequestState {
  id: number;
  courseId: number;
  participants: number;
  status: TrainingStatus;
  sessionId: number | null;
  version: number;
}

async function requireRequest(tx: Reads, id: number, version: number): Promise<RequestState> {
  const r = await tx.one<RequestState>(
    sql`SELECT id, course_id AS "courseId", participants, status, session_id AS "sessionId", version FROM training_requests WHERE id = ${id}`,
  );
  if (!r) throw new AppError("NOT_FOUND", "not_found", { entity: "training request" }, "id");
  if (r.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  return r;
}

export async function setTrainingStatus(tx: Writes, id: number, version: number, to: TrainingStatus, cancelReason: string | undefined, actor: Actor) {
  const r = await requireRequest(tx, id, version);
  if (to === "scheduled") throw new AppError("VALIDATION", "schedule_through_session", {}, "status");
  if (!TRAINING_TRANSITIONS[r.status].includes(to)) throw new AppError("VALIDATION", "transition", { from: r.status, to }, "status");
  if (to === "cancelled" && !cancelReason?.trim()) throw new AppError("VALIDATION", "cancel_reason_required", {}, "cancelReason");
  // Cancelled or back to contacted: the seats are given back.
  const cancel = to === "cancelled" && cancelReason !== undefined ? sql`, cancel_reason = ${cancelReason}` : sql``;
  const leaveSession = to === "cancelled" || to === "contacted" ? sql`, session_id = NULL` : sql``;
  await tx.run(sql`UPDATE training_requests SET status = ${to}${cancel}${leaveSession}, updated_at = ${actor.now}, version = ${r.version + 1} WHERE id = ${id}`);
}

/**
 * Books the request's participants into a session. Runs inside the dispatcher's write transaction
 * (serialised on both engines), so two desks booking the last seats are serialised: the second
 * sees the first's seats taken and gets CONFLICT with the seats left.
 */
export async function assignSession(tx: Writes, id: number, version: number, sessionId: number, actor: Actor) {
  const r = await requireRequest(tx, id, version);
  if (!["requested", "contacted", "scheduled"].includes(r.status)) throw new AppError("VALIDATION", "transition", { from: r.status, to: "scheduled" }, "status");
  const s = await tx.one<{ courseId: number; status: SessionStatus; startsOn: string; capacity: number }>(
    sql`SELECT course_id AS "courseId", status, starts_on AS "startsOn", capacity FROM training_sessions WHERE id = ${sessionId}`,
  );
  if (!s) throw new AppError("NOT_FOUND", "not_found", { entity: "session" }, "sessionId");
  if (s.courseId !== r.courseId) throw new AppError("VALIDATION", "other_course", {}, "sessionId");
  if (s.status === "cancelled" || s.status === "held") throw new AppError("VALIDATION", "session_closed", {}, "sessionId");
  if (s.startsOn < genevaDate(actor.now)) throw new AppError("VALIDATION", "date_in_past", {}, "sessionId");
  const taken = (await seatsTaken(tx, sessionId)) - (r.sessionId === sessionId && SEAT_HOLDING.includes(r.status as never) ? r.participants : 0);
  const left = s.capacity - taken;
  if (r.participants > left) throw new AppError("CONFLICT", "no_seats", { left: String(Math.max(0, left)) }, "sessionId");
  await tx.run(sql`UPDATE training_requests SET session_id = ${sessionId}, status = 'scheduled', updated_at = ${actor.now}, version = ${r.version + 1} WHERE id = ${id}`);
}
