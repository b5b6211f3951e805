import { z } from "zod";
import { rule } from "../validation-messages";
import {
  COURSE_FORMATS,
  DURATION_UNITS,
  SESSION_STATUSES,
  TRAINING_LANGUAGES,
  TRAINING_STATUSES,
  type CourseFormat,
  type DurationUnit,
  type InteractionChannel,
  type SessionStatus,
  type TrainingLanguage,
  type TrainingStatus,
  type InteractionPurpose,
} from "../enums";
import { calendarDay, id, instant, phoneNumber, text, version } from "../fields";
import { MANAGERS, STAFF, SUPPORT_DESK } from "../roles";
import { operation, returns } from "./operation";

export interface Course {
  id: number;
  code: string;
  titleFr: string;
  titleEn: string;
  /** In the reader's language. */
  title: string;
  description: string;
  languages: TrainingLanguage[];
  durationValue: number;
  durationUnit: DurationUnit;
  format: CourseFormat;
  active: boolean;
  version: number;
}

/** A planned session of a course (dates are Geneva calendar days, YYYY-MM-DD). */
export interface TrainingSession {
  id: number;
  courseId: number;
  startsOn: string;
  endsOn: string;
  place: string;
  capacity: number;
  trainer: string;
  status: SessionStatus;
  version: number;
  seatsTaken: number;
  seatsLeft: number;
}

/** A session in the list, with its course's code and title in the reader's language. */
export interface SessionRow extends TrainingSession {
  courseCode: string;
  courseTitle: string;
}

/** A session's page: its course and the requests booked into it. */
export interface SessionDetail extends TrainingSession {
  course: Course;
  participants: TrainingRequestRow[];
}

/** A training request as lists show it. */
export interface TrainingRequestRow {
  id: number;
  personId: number;
  person: string;
  courseId: number;
  courseCode: string;
  courseTitle: string;
  company: string | null;
  participants: number;
  language: TrainingLanguage;
  format: CourseFormat;
  preferredPeriod: string;
  status: TrainingStatus;
  sessionId: number | null;
  sessionStartsOn: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** A training request's page. */
export interface TrainingRequestDetail extends TrainingRequestRow {
  notes: string;
  cancelReason: string;
  callbackConsent: boolean;
  /** E.164. */
  callbackPhone: string | null;
  callbackPhoneDisplay: string | null;
  /** The person's numbers, formatted, to pick a call-back number from. */
  personPhones: string[];
  /** The statuses the workflow allows next (scheduling goes through a session). */
  allowedStatuses: readonly TrainingStatus[];
  /** Who took the request (display name). */
  createdBy: string | null;
}

export interface TrainingRequestPage {
  rows: TrainingRequestRow[];
  total: number;
}

/** A logged call of one purpose (information requests, comments and suggestions). */
export interface PurposeInteraction {
  id: number;
  at: number;
  channel: InteractionChannel;
  summary: string;
  personId: number;
  person: string;
  agent: string | null;
}

export interface PurposeInteractionPage {
  rows: PurposeInteraction[];
  total: number;
}

/** Training courses and sessions (managers), requests taken during calls (everyone). */
/** The purposes whose calls a manager reads as a list (information requests, comments and suggestions). */
export const LISTED_PURPOSES = ["information", "comment"] as const satisfies readonly InteractionPurpose[];
export type ListedPurpose = (typeof LISTED_PURPOSES)[number];

export const trainingContract = {
  "courses.list": operation({
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    roles: STAFF,
    mutates: false,
    output: returns<Course[]>(),
  }),

  "courses.get": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: false, output: returns<Course>() }),

  "courses.save": operation({
    input: z.strictObject({
      id: id.optional(),
      version: version.optional(),
      code: text(20).pipe(z.string().regex(/^[A-Za-z0-9._-]+$/, rule("code_characters"))),
      titleFr: text(200),
      titleEn: text(200),
      description: text(4000, 0).optional(),
      languages: z.array(z.enum(TRAINING_LANGUAGES)).min(1).max(4),
      durationValue: z.number().int().min(1).max(1000),
      durationUnit: z.enum(DURATION_UNITS),
      format: z.enum(COURSE_FORMATS),
      active: z.boolean().default(true),
    }),
    roles: MANAGERS,
    mutates: true,
    output: returns<Course>(),
  }),

  "sessions.list": operation({
    input: z.strictObject({ courseId: id.optional(), from: calendarDay.optional() }),
    roles: STAFF,
    mutates: false,
    output: returns<SessionRow[]>(),
  }),

  "sessions.get": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: false, output: returns<SessionDetail>() }),

  "sessions.save": operation({
    input: z.strictObject({
      id: id.optional(),
      version: version.optional(),
      courseId: id,
      startsOn: calendarDay,
      endsOn: calendarDay,
      place: text(200, 0).optional(),
      capacity: z.number().int().min(1).max(500),
      trainer: text(120, 0).optional(),
      status: z.enum(SESSION_STATUSES).default("planned"),
    }),
    roles: MANAGERS,
    mutates: true,
    output: returns<SessionDetail>(),
  }),

  "training.create": operation({
    input: z.strictObject({
      personId: id,
      courseId: id,
      preferredPeriod: text(200, 0).optional(),
      participants: z.number().int().min(1).max(200),
      language: z.enum(TRAINING_LANGUAGES),
      format: z.enum(COURSE_FORMATS),
      companyId: id.nullable().optional(),
      notes: text(4000, 0).optional(),
      callbackConsent: z.boolean().optional(),
      callbackPhone: phoneNumber.nullable().optional(),
    }),
    roles: STAFF,
    mutates: true,
    output: returns<TrainingRequestDetail>(),
  }),

  "training.get": operation({ input: z.strictObject({ id }), roles: STAFF, mutates: false, output: returns<TrainingRequestDetail>() }),

  "training.list": operation({
    input: z.strictObject({
      courseId: id.optional(),
      status: z.array(z.enum(TRAINING_STATUSES)).max(6).optional(),
      companyId: id.optional(),
      from: instant.optional(),
      to: instant.optional(),
      sort: z.enum(["createdAt", "updatedAt", "status"]).default("createdAt"),
      direction: z.enum(["asc", "desc"]).default("desc"),
      page: z.number().int().min(0).default(0),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
    roles: STAFF,
    mutates: false,
    output: returns<TrainingRequestPage>(),
  }),

  "training.setStatus": operation({
    input: z.strictObject({ id, version, status: z.enum(TRAINING_STATUSES), cancelReason: text(500, 0).optional() }),
    roles: STAFF,
    mutates: true,
    output: returns<TrainingRequestDetail>(),
  }),

  "training.assignSession": operation({
    input: z.strictObject({ id, version, sessionId: id }),
    roles: SUPPORT_DESK,
    mutates: true,
    output: returns<TrainingRequestDetail>(),
  }),

  "interactions.listByPurpose": operation({
    input: z.strictObject({
      purpose: z.enum(LISTED_PURPOSES),
      from: instant.optional(),
      to: instant.optional(),
      text: z.string().max(200).optional(),
      page: z.number().int().min(0).default(0),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
    roles: MANAGERS,
    mutates: false,
    output: returns<PurposeInteractionPage>(),
  }),
};
