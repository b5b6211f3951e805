import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { requireCompanySync } from "./companies";
import { AppError } from "./errors";
import { logInteractionSync } from "./interactions";
import type { Db, ReadableDb } from "./open";
import type { Course, SessionDetail, SessionRow, TrainingRequestDetail, TrainingRequestPage, TrainingRequestRow } from "../common/contract/training";
import { formatPhone } from "../common/phone";
import { companies, people, phones, trainingCourses, trainingRequests, trainingSessions, users, type COURSE_FORMATS, type DURATION_UNITS, type SESSION_STATUSES, type TRAINING_LANGUAGES, type TRAINING_STATUSES } from "./schema";
import type { Language } from "./schema";
import type { Actor } from "./actor";
import { genevaDayOf } from "../common/geneva-time";

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

const courseRow = (c: typeof trainingCourses.$inferSelect, language: Language) => ({
  ...c,
  languages: JSON.parse(c.languages) as TrainingLanguage[],
  /** In the reader's language. */
  title: language === "en" ? c.titleEn : c.titleFr,
});

export function listCourses(db: ReadableDb, language: Language, includeInactive: boolean): Course[] {
  return db.orm
    .select()
    .from(trainingCourses)
    .where(includeInactive ? undefined : eq(trainingCourses.active, true))
    .orderBy(asc(trainingCourses.code))
    .all()
    .map((c) => courseRow(c, language));
}

export function getCourse(db: ReadableDb, id: number, language: Language): Course {
  const c = db.orm.select().from(trainingCourses).where(eq(trainingCourses.id, id)).get();
  if (!c) throw new AppError("NOT_FOUND", "not_found", { entity: "course" }, "id");
  return courseRow(c, language);
}

export function saveCourse(db: Db, input: CourseInput & { id?: number; version?: number }): number {
  const clash = db.orm.select({ id: trainingCourses.id }).from(trainingCourses).where(eq(trainingCourses.code, input.code)).get();
  if (clash && clash.id !== input.id) throw new AppError("CONFLICT", "duplicate_value", {}, "code");
  const { id, version, ...fields } = input;
  const values = { ...fields, languages: JSON.stringify(fields.languages) };
  if (id === undefined) return db.orm.insert(trainingCourses).values(values).returning({ id: trainingCourses.id }).get().id;
  const current = db.orm.select({ version: trainingCourses.version }).from(trainingCourses).where(eq(trainingCourses.id, id)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "course" }, "id");
  if (version !== undefined && version !== current.version) throw new AppError("CONFLICT", "stale", {}, "version");
  db.orm.update(trainingCourses).set({ ...values, version: current.version + 1 }).where(eq(trainingCourses.id, id)).run();
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

function seatsTaken(db: ReadableDb, sessionId: number): number {
  return (db.sqlite
    .prepare(`SELECT coalesce(sum(participants), 0) FROM training_requests WHERE session_id = ? AND status IN (${SEAT_HOLDING.map(() => "?").join(", ")})`)
    .pluck()
    .get(sessionId, ...SEAT_HOLDING) ?? 0) as number;
}

export function listSessions(db: ReadableDb, filter: { courseId?: number; from?: string }, language: Language): SessionRow[] {
  const c: SQL[] = [];
  if (filter.courseId !== undefined) c.push(eq(trainingSessions.courseId, filter.courseId));
  if (filter.from) c.push(sql`${trainingSessions.startsOn} >= ${filter.from}`);
  return db.orm
    .select({ s: trainingSessions, titleFr: trainingCourses.titleFr, titleEn: trainingCourses.titleEn, code: trainingCourses.code })
    .from(trainingSessions)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingSessions.courseId))
    .where(c.length ? and(...c) : undefined)
    .orderBy(asc(trainingSessions.startsOn))
    .limit(500)
    .all()
    .map((r) => {
      const taken = seatsTaken(db, r.s.id);
      return { ...r.s, courseCode: r.code, courseTitle: language === "en" ? r.titleEn : r.titleFr, seatsTaken: taken, seatsLeft: r.s.capacity - taken };
    });
}

export function getSession(db: ReadableDb, id: number, language: Language): SessionDetail {
  const s = db.orm.select().from(trainingSessions).where(eq(trainingSessions.id, id)).get();
  if (!s) throw new AppError("NOT_FOUND", "not_found", { entity: "session" }, "id");
  const course = getCourse(db, s.courseId, language);
  const participants = requestRows(db, eq(trainingRequests.sessionId, id), language).all();
  const taken = seatsTaken(db, id);
  return { ...s, course, participants, seatsTaken: taken, seatsLeft: s.capacity - taken };
}

export function saveSession(db: Db, input: SessionInput & { id?: number; version?: number }, now: number): number {
  const course = db.orm.select({ active: trainingCourses.active }).from(trainingCourses).where(eq(trainingCourses.id, input.courseId)).get();
  if (!course) throw new AppError("NOT_FOUND", "not_found", { entity: "course" }, "courseId");
  if (input.endsOn < input.startsOn) throw new AppError("VALIDATION", "end_before_start", {}, "endsOn");
  const { id, version, ...fields } = input;
  if (id === undefined) {
    if (!course.active) throw new AppError("VALIDATION", "inactive_course", {}, "courseId");
    if (input.startsOn < genevaDate(now)) throw new AppError("VALIDATION", "date_in_past", {}, "startsOn");
    return db.orm.insert(trainingSessions).values(fields).returning({ id: trainingSessions.id }).get().id;
  }
  const current = db.orm.select().from(trainingSessions).where(eq(trainingSessions.id, id)).get();
  if (!current) throw new AppError("NOT_FOUND", "not_found", { entity: "session" }, "id");
  if (version !== undefined && version !== current.version) throw new AppError("CONFLICT", "stale", {}, "version");
  const taken = seatsTaken(db, id);
  if (input.capacity < taken) throw new AppError("CONFLICT", "capacity_below_booked", { taken: String(taken) }, "capacity");
  db.orm.update(trainingSessions).set({ ...fields, version: current.version + 1 }).where(eq(trainingSessions.id, id)).run();
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

export function createTrainingRequest(db: Db, input: NewTrainingRequest, actor: Actor): number {
  const person = db.orm.select({ companyId: people.companyId }).from(people).where(eq(people.id, input.personId)).get();
  if (!person) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  const course = db.orm.select().from(trainingCourses).where(eq(trainingCourses.id, input.courseId)).get();
  if (!course) throw new AppError("VALIDATION", "unknown_course", {}, "courseId");
  if (!course.active) throw new AppError("VALIDATION", "inactive_course", {}, "courseId");
  requireCompanySync(db, input.companyId);
  if (input.callbackPhone && !db.sqlite.prepare("SELECT 1 FROM phones WHERE person_id = ? AND e164 = ?").get(input.personId, input.callbackPhone)) {
    throw new AppError("VALIDATION", "not_reporter_phone", {}, "callbackPhone");
  }
  const { id } = db.orm
    .insert(trainingRequests)
    .values({
      ...input,
      // The caller's company unless the agent chose another (or none, with null).
      companyId: input.companyId === undefined ? person.companyId : input.companyId,
      callbackPhone: input.callbackConsent ? (input.callbackPhone ?? null) : null,
      createdBy: actor.userId,
      createdAt: actor.now,
      updatedAt: actor.now,
    })
    .returning({ id: trainingRequests.id })
    .get();
  logInteractionSync(db, { personId: input.personId, channel: "call_in", purpose: "training", summary: `${course.code} — ${course.titleFr}`.slice(0, 4000), at: actor.now, agentId: actor.userId }, actor.now);
  return id;
}

function requestRows(db: ReadableDb, where: SQL | undefined, language: Language) {
  return db.orm
    .select({
      id: trainingRequests.id,
      personId: trainingRequests.personId,
      person: sql<string>`${people.firstName} || ' ' || ${people.lastName}`,
      courseId: trainingRequests.courseId,
      courseCode: trainingCourses.code,
      courseTitle: language === "en" ? trainingCourses.titleEn : trainingCourses.titleFr,
      company: companies.name,
      participants: trainingRequests.participants,
      language: trainingRequests.language,
      format: trainingRequests.format,
      preferredPeriod: trainingRequests.preferredPeriod,
      status: trainingRequests.status,
      sessionId: trainingRequests.sessionId,
      sessionStartsOn: trainingSessions.startsOn,
      createdAt: trainingRequests.createdAt,
      updatedAt: trainingRequests.updatedAt,
      version: trainingRequests.version,
    })
    .from(trainingRequests)
    .innerJoin(people, eq(people.id, trainingRequests.personId))
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingRequests.courseId))
    .leftJoin(companies, eq(companies.id, trainingRequests.companyId))
    .leftJoin(trainingSessions, eq(trainingSessions.id, trainingRequests.sessionId))
    .where(where)
    .$dynamic();
}

export function getTrainingRequest(db: ReadableDb, id: number, language: Language): TrainingRequestDetail {
  const row = requestRows(db, eq(trainingRequests.id, id), language).get();
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "training request" }, "id");
  const full = db.orm.select().from(trainingRequests).where(eq(trainingRequests.id, id)).get()!;
  const personPhones = db.orm.select({ e164: phones.e164 }).from(phones).where(eq(phones.personId, full.personId)).all();
  return {
    ...row,
    notes: full.notes,
    cancelReason: full.cancelReason,
    callbackConsent: full.callbackConsent,
    callbackPhone: full.callbackPhone,
    callbackPhoneDisplay: full.callbackPhone ? formatPhone(full.callbackPhone) : null,
    personPhones: personPhones.map((p) => formatPhone(p.e164)),
    allowedStatuses: TRAINING_TRANSITIONS[row.status],
    createdBy: full.createdBy ? (db.orm.select({ displayName: users.displayName }).from(users).where(eq(users.id, full.createdBy)).get()?.displayName ?? null) : null,
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

export function listTrainingRequests(db: ReadableDb, f: TrainingFilter, language: Language): TrainingRequestPage {
  const c: SQL[] = [];
  if (f.courseId !== undefined) c.push(eq(trainingRequests.courseId, f.courseId));
  if (f.status?.length) c.push(inArray(trainingRequests.status, f.status));
  if (f.companyId !== undefined) c.push(eq(trainingRequests.companyId, f.companyId));
  if (f.from !== undefined) c.push(sql`${trainingRequests.createdAt} >= ${f.from}`);
  if (f.to !== undefined) c.push(sql`${trainingRequests.createdAt} <= ${f.to}`);
  const where = c.length ? and(...c) : undefined;
  const column = { createdAt: trainingRequests.createdAt, updatedAt: trainingRequests.updatedAt, status: trainingRequests.status }[f.sort];
  const order = f.direction === "asc" ? [asc(column), asc(trainingRequests.id)] : [desc(column), desc(trainingRequests.id)];
  const rows = requestRows(db, where, language)
    .orderBy(...order)
    .limit(f.pageSize)
    .offset(f.page * f.pageSize)
    .all();
  const total = db.orm.select({ n: sql<number>`count(*)` }).from(trainingRequests).where(where).get()?.n ?? 0;
  return { rows, total };
}

export function trainingOfPerson(db: ReadableDb, personId: number, language: Language): TrainingRequestRow[] {
  return requestRows(db, eq(trainingRequests.personId, personId), language).orderBy(desc(trainingRequests.createdAt)).all();
}

function requireRequest(db: Db, id: number, version: number) {
  const r = db.orm.select().from(trainingRequests).where(eq(trainingRequests.id, id)).get();
  if (!r) throw new AppError("NOT_FOUND", "not_found", { entity: "training request" }, "id");
  if (r.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  return r;
}

export function setTrainingStatus(db: Db, id: number, version: number, to: TrainingStatus, cancelReason: string | undefined, actor: Actor) {
  const r = requireRequest(db, id, version);
  if (to === "scheduled") throw new AppError("VALIDATION", "schedule_through_session", {}, "status");
  if (!TRAINING_TRANSITIONS[r.status].includes(to)) throw new AppError("VALIDATION", "transition", { from: r.status, to }, "status");
  if (to === "cancelled" && !cancelReason?.trim()) throw new AppError("VALIDATION", "cancel_reason_required", {}, "cancelReason");
  db.orm
    .update(trainingRequests)
    .set({
      status: to,
      ...(to === "cancelled" ? { cancelReason, sessionId: null } : {}),
      ...(to === "contacted" ? { sessionId: null } : {}),
      updatedAt: actor.now,
      version: r.version + 1,
    })
    .where(eq(trainingRequests.id, id))
    .run();
}

/**
 * Books the request's participants into a session. Runs inside the dispatcher's IMMEDIATE
 * transaction, so two desks booking the last seats are serialised: the second sees the first's
 * seats taken and gets CONFLICT with the seats left.
 */
export function assignSession(db: Db, id: number, version: number, sessionId: number, actor: Actor) {
  const r = requireRequest(db, id, version);
  if (!["requested", "contacted", "scheduled"].includes(r.status)) throw new AppError("VALIDATION", "transition", { from: r.status, to: "scheduled" }, "status");
  const s = db.orm.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId)).get();
  if (!s) throw new AppError("NOT_FOUND", "not_found", { entity: "session" }, "sessionId");
  if (s.courseId !== r.courseId) throw new AppError("VALIDATION", "other_course", {}, "sessionId");
  if (s.status === "cancelled" || s.status === "held") throw new AppError("VALIDATION", "session_closed", {}, "sessionId");
  if (s.startsOn < genevaDate(actor.now)) throw new AppError("VALIDATION", "date_in_past", {}, "sessionId");
  const taken = seatsTaken(db, sessionId) - (r.sessionId === sessionId && SEAT_HOLDING.includes(r.status as never) ? r.participants : 0);
  const left = s.capacity - taken;
  if (r.participants > left) throw new AppError("CONFLICT", "no_seats", { left: String(Math.max(0, left)) }, "sessionId");
  db.orm.update(trainingRequests).set({ sessionId, status: "scheduled", updatedAt: actor.now, version: r.version + 1 }).where(eq(trainingRequests.id, id)).run();
}
