import { trainingContract } from "../../../common/contract/training";
import type { Actor } from "../../../db/actor";
import { listByPurpose } from "../../../db/interactions";
import type { Db, ReadableDb } from "../../../db/open";
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
import { implement, type HandlerContext } from "../operation";

const actor = (ctx: HandlerContext<Db>): Actor => ({ userId: ctx.user!.id, now: ctx.now() });
const lang = (ctx: HandlerContext<ReadableDb>) => ctx.user!.language;

/** Training courses and sessions (managers), requests taken during calls (everyone). */
export const trainingOperations = implement(trainingContract, {
  "courses.list": {
    handler: (ctx, input) => listCourses(ctx.tx, lang(ctx), input.includeInactive),
  },

  "courses.get": {
    handler: (ctx, input) => getCourse(ctx.tx, input.id, lang(ctx)),
  },

  "courses.save": {
    handler: async (ctx, input) => getCourse(ctx.tx, await saveCourse(ctx.tx, input), lang(ctx)),
    audit: { entity: "course", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  },

  "sessions.list": {
    handler: (ctx, input) => listSessions(ctx.tx, input, lang(ctx)),
  },

  "sessions.get": {
    handler: (ctx, input) => getSession(ctx.tx, input.id, lang(ctx)),
    audit: { entity: "training_session", entityId: (i) => i.id, fields: () => ["participants"] },
  },

  "sessions.save": {
    handler: async (ctx, input) => getSession(ctx.tx, await saveSession(ctx.tx, input, ctx.now()), lang(ctx)),
    audit: { entity: "training_session", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  },

  "training.create": {
    handler: async (ctx, input) => {
      const created = await getTrainingRequest(ctx.tx, await createTrainingRequest(ctx.tx, input, actor(ctx)), lang(ctx));
      // The person card lists their training requests (live updates).
      ctx.changed("person", input.personId);
      return created;
    },
    audit: { entity: "training_request", entityId: (_i, o) => o.id, fields: (i) => Object.keys(i) },
  },

  "training.get": {
    handler: (ctx, input) => getTrainingRequest(ctx.tx, input.id, lang(ctx)),
    audit: { entity: "training_request", entityId: (i) => i.id, fields: () => ["request", "person"] },
  },

  "training.list": {
    handler: (ctx, input) => listTrainingRequests(ctx.tx, input, lang(ctx)),
  },

  "training.setStatus": {
    handler: async (ctx, input) => {
      await setTrainingStatus(ctx.tx, input.id, input.version, input.status, input.cancelReason, actor(ctx));
      const request = await getTrainingRequest(ctx.tx, input.id, lang(ctx));
      ctx.changed("person", request.personId);
      if (request.sessionId !== null) ctx.changed("training_session", request.sessionId);
      return request;
    },
    audit: { entity: "training_request", entityId: (i) => i.id, fields: () => ["status"] },
  },

  "training.assignSession": {
    handler: async (ctx, input) => {
      await assignSession(ctx.tx, input.id, input.version, input.sessionId, actor(ctx));
      const request = await getTrainingRequest(ctx.tx, input.id, lang(ctx));
      // The person card and the session's participant list show it.
      ctx.changed("person", request.personId);
      ctx.changed("training_session", input.sessionId);
      return request;
    },
    audit: { entity: "training_request", entityId: (i) => i.id, fields: () => ["session", "status"] },
  },

  "interactions.listByPurpose": {
    handler: (ctx, input) => listByPurpose(ctx.tx, input),
    audit: { entity: "interaction", fields: (i) => [i.purpose] },
  },
});
