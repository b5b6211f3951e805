import { z } from "zod";
import { listByPurpose } from "../../../db/interactions";
import { COURSE_FORMATS, DURATION_UNITS, SESSION_STATUSES, TRAINING_LANGUAGES, TRAINING_STATUSES } from "../../../db/schema";
import {
  assignSession,
  createTrainingRequest,
  getCourse,
  getSession,
  getTrainingRequest,
  listCourses,
  listSessions,
  listTrainingRequests,
  saveCourse,
  saveSession,
  setTrainingStatus,
} from "../../../db/training";
import type { Actor } from "../../../db/actor";
import { calendarDay, id, instant, phoneNumber, text, version } from "../../../common/fields";
import { rule } from "../../../common/validation-messages";
import { op, STAFF, type HandlerContext } from "../operation";

const MANAGERS = ["manager", "admin"] as const;
const actor = (ctx: HandlerContext): Actor => ({ userId: ctx.user!.id, now: ctx.now() });
const lang = (ctx: HandlerContext) => ctx.user!.language;

/** Training courses and sessions (managers), requests taken during calls (everyone). */
export const trainingOperations = {
  "courses.list": op({
    input: z.strictObject({ includeInactive: z.boolean().default(false) }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => listCourses(ctx.db, lang(ctx), input.includeInactive),
  }),

  "courses.get": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => getCourse(ctx.db, input.id, lang(ctx)),
  }),

  "courses.save": op({
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
    handler: (ctx, input) => getCourse(ctx.db, saveCourse(ctx.db, input), lang(ctx)),
    audit: { entity: "course", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  }),

  "sessions.list": op({
    input: z.strictObject({ courseId: id.optional(), from: calendarDay.optional() }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => listSessions(ctx.db, input, lang(ctx)),
  }),

  "sessions.get": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => getSession(ctx.db, input.id, lang(ctx)),
    audit: { entity: "training_session", entityId: (i) => i.id, fields: () => ["participants"] },
  }),

  "sessions.save": op({
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
    handler: (ctx, input) => getSession(ctx.db, saveSession(ctx.db, input, ctx.now()), lang(ctx)),
    audit: { entity: "training_session", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  }),

  "training.create": op({
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
    handler: (ctx, input) => getTrainingRequest(ctx.db, createTrainingRequest(ctx.db, input, actor(ctx)), lang(ctx)),
    audit: { entity: "training_request", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  }),

  "training.get": op({
    input: z.strictObject({ id }),
    roles: STAFF,
    mutates: false,
    handler: (ctx, input) => getTrainingRequest(ctx.db, input.id, lang(ctx)),
    audit: { entity: "training_request", entityId: (i) => i.id, fields: () => ["request", "person"] },
  }),

  "training.list": op({
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
    handler: (ctx, input) => listTrainingRequests(ctx.db, input, lang(ctx)),
  }),

  "training.setStatus": op({
    input: z.strictObject({ id, version, status: z.enum(TRAINING_STATUSES), cancelReason: text(500, 0).optional() }),
    roles: STAFF,
    mutates: true,
    handler: (ctx, input) => {
      setTrainingStatus(ctx.db, input.id, input.version, input.status, input.cancelReason, actor(ctx));
      return getTrainingRequest(ctx.db, input.id, lang(ctx));
    },
    audit: { entity: "training_request", entityId: (i) => i.id, fields: () => ["status"] },
  }),

  "training.assignSession": op({
    input: z.strictObject({ id, version, sessionId: id }),
    roles: ["support", "manager", "admin"],
    mutates: true,
    handler: (ctx, input) => {
      assignSession(ctx.db, input.id, input.version, input.sessionId, actor(ctx));
      return getTrainingRequest(ctx.db, input.id, lang(ctx));
    },
    audit: { entity: "training_request", entityId: (i) => i.id, fields: () => ["session", "status"] },
  }),

  "interactions.listByPurpose": op({
    input: z.strictObject({
      purpose: z.enum(["information", "comment"]),
      from: instant.optional(),
      to: instant.optional(),
      text: z.string().max(200).optional(),
      page: z.number().int().min(0).default(0),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
    roles: MANAGERS,
    mutates: false,
    handler: (ctx, input) => listByPurpose(ctx.db, input),
    audit: { entity: "interaction", fields: (i) => [i.purpose] },
  }),
};
