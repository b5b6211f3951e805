import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "../../db/audit";
import { AppError, message } from "../../db/errors";
import { constraintFailure, storageFailure } from "../../db/engine-errors";
import type { Dialect, Reads, Writes } from "../../db/engine";
import type { ServedDb } from "../../db/served";
import type { Language } from "../../db/schema";
import { getSettings } from "../../db/settings";
import { getUser, type PublicUser } from "../../db/users";
import { errorMapFor, validationRefusal } from "../../common/validation-messages";
import type { ApiErrorBody, Envelope } from "../../common/envelope";
import { ChangeFeed, changesOf, type ChangeRef } from "./change-feed";
import type { HeavyWork } from "../workers/jobs";
import { inThisThread } from "../workers/pool";
import type { HostControl } from "./host-control";
import { Refusal, type HandlerContext, type Operation } from "./operation";
import { readOnly } from "./read-only";
import { SessionStore } from "./sessions";

export interface CallContext {
  /** Set by the transport: the HTTP `X-Session-Id` header, or the session bound to the IPC sender. */
  sessionId?: string;
  /** Set by the HTTP transports: the socket's peer address (the login throttle per source address). */
  remoteAddress?: string;
}

export interface DispatcherOptions {
  /** The open database; a getter when the host can replace it (restore from a backup). */
  db: ServedDb | (() => ServedDb);
  host?: HostControl;
  sessions?: SessionStore;
  now?: () => number;
  /** The live updates: every committed write is published there (a short hold in tests). */
  feed?: ChangeFeed;
  /** The host's worker threads for heavy reads; without one they run in this thread (tools, some tests). */
  workers?: HeavyWork;
  /** Where INTERNAL errors are written with their stack; the client only gets an incident id. */
  logError?: (incident: string, operation: string, error: unknown) => void;
}

/** Read together on every operation, in one query. */
const SESSION_DELAYS = ["session.maxHours", "session.idleMinutes"] as const;

export type Dispatch = (name: string, input: unknown, call?: CallContext) => Promise<Envelope<unknown>>;

export function createDispatcher(registry: Record<string, Operation>, options: DispatcherOptions) {
  const currentDb = typeof options.db === "function" ? options.db : () => options.db as ServedDb;
  const sessions = options.sessions ?? new SessionStore();
  const now = options.now ?? Date.now;
  const feed = options.feed ?? new ChangeFeed();
  const workers = options.workers ?? inThisThread(currentDb);
  const logError = options.logError ?? ((incident, name, error) => console.error(`[${incident}] ${name}:`, error));

  function fail(error: AppError, language: Language): { ok: false; error: ApiErrorBody } {
    return {
      ok: false,
      error: {
        code: error.code,
        message: message(error.reason, language, error.params),
        reason: error.reason,
        ...(error.field ? { field: error.field } : {}),
      },
    };
  }

  /**
   * The session's user, checked: signed in, active, within the session's lifetime and idle time,
   * allowed to call the operation. It reads the database through the operation's transaction.
   */
  async function authorise(tx: Reads, operation: Operation, call: CallContext, state: CallState): Promise<PublicUser | undefined> {
    if (operation.roles === "public") return undefined;
    const session = sessions.get(call.sessionId);
    if (!session) throw new AppError("UNAUTHENTICATED", "not_logged_in");
    const user = await getUser(tx, session.userId);
    state.language = user.language;
    if (!user.active) {
      sessions.delete(session.id);
      throw new AppError("UNAUTHENTICATED", "account_inactive");
    }
    const delays = await getSettings(tx, SESSION_DELAYS);
    if (sessions.expired(session, now(), delays["session.maxHours"] * 3_600_000)) {
      sessions.delete(session.id);
      throw new AppError("UNAUTHENTICATED", "session_expired");
    }
    sessions.touch(session, now(), delays["session.idleMinutes"] * 60_000, !operation.background);
    if (session.locked && !operation.whileLocked) throw new AppError("LOCKED", "session_locked");
    // Authorise before parsing: a role that may not call an operation learns nothing of its input.
    if (!operation.roles.includes(user.role)) throw new AppError("FORBIDDEN", "forbidden");
    return user;
  }

  /**
   * Parsed without messages first (ten times faster); only a failure is parsed again, with the
   * common error map, for its sentences in the user's language.
   */
  function parse(operation: Operation, input: unknown, language: Language): { ok: true; data: unknown } | { ok: false; error: ApiErrorBody } {
    const parsed = operation.input.safeParse(input ?? {});
    if (parsed.success) return { ok: true, data: parsed.data };
    const worded = operation.input.safeParse(input ?? {}, { error: errorMapFor(language) });
    return validationFailure(worded.success ? parsed.error : worded.error, language);
  }

  async function run(name: string, input: unknown, call: CallContext): Promise<Envelope<unknown>> {
    const state: CallState = { language: "fr" };
    const db = currentDb();
    try {
      const operation = Object.hasOwn(registry, name) ? registry[name] : undefined;
      if (!operation) throw new AppError("NOT_FOUND", "unknown_operation", { name: name.slice(0, 100) });

      const committed: (() => void)[] = [];
      const changed: ChangeRef[] = [];
      const context = (user: PublicUser | undefined, tx: Writes): HandlerContext => ({
        db,
        tx,
        user,
        sessionId: call.sessionId,
        remoteAddress: call.remoteAddress,
        sessions,
        now,
        host: options.host,
        afterCommit: (step) => committed.push(step),
        changed: (entity, id) => changed.push({ entity, id }),
        feed,
        workers,
      });
      // Through the transaction it is written in (the operation's own, or a detached one's own short one).
      const audit = async (into: ServedDb, tx: Writes, user: PublicUser | undefined, data: unknown, output: unknown) => {
        if (!operation.mutates && !operation.audit) return;
        const spec = operation.audit;
        let actor = user?.id ?? actorFromOutput(output);
        // A detached job may have replaced the database (restore): its accounts may not include this user.
        if (into !== db && actor !== null && !(await tx.one(sql`SELECT 1 FROM users WHERE id = ${actor}`))) actor = null;
        await appendAudit(
          tx,
          {
            at: now(),
            userId: actor,
            operation: name,
            entityType: spec?.entity ?? null,
            entityId: spec?.entityId?.(data, output) ?? null,
            fields: spec?.fields?.(data, output) ?? [],
          },
          into.auditKey,
        );
      };
      // Once committed (never after a refusal or a rollback): the steps the handler left for then,
      // under the connection's mutex (an erasure empties the WAL: no transaction may be open), and
      // what changed, as ids only.
      const finish = async (after: ServedDb, data: unknown, output: unknown): Promise<Envelope<unknown>> => {
        if (committed.length > 0) await after.engine.exclusive(() => committed.forEach((step) => step()));
        if (operation.mutates) feed.publish(name, [...changesOf(name, operation.audit, data, output), ...changed], call.sessionId);
        return { ok: true, value: output };
      };

      if (operation.detached) {
        // The session is read in a short transaction of its own; the handler runs outside any.
        const user = operation.roles === "public" ? undefined : await db.engine.transaction("read", (tx) => authorise(tx, operation, call, state));
        const parsed = parse(operation, input, state.language);
        if (!parsed.ok) return parsed;
        // Its synchronous start under the mutex, between two transactions (a login's check opens
        // short transactions of its own around the scrypt, db/users.ts).
        const output: unknown = await db.engine.exclusive(() => operation.handler(context(user, outsideTransaction(db.engine.dialect)), parsed.data));
        if (output instanceof Refusal) return { ok: false, error: output.error };
        const after = currentDb();
        // A detached read with nothing to audit (events.wait) takes no write lock on its way out.
        if (operation.mutates || operation.audit) await after.engine.transaction("write", (tx) => audit(after, tx, user, parsed.data, output));
        return await finish(after, parsed.data, output);
      }

      // Writes and audited reads take the write lock up front: the audit row is a write too.
      const mode = operation.mutates || operation.audit ? "write" : "read";
      const outcome = await db.engine.transaction(mode, async (tx): Promise<Outcome> => {
        const user = await authorise(tx, operation, call, state);
        const parsed = parse(operation, input, state.language);
        if (!parsed.ok) return parsed;
        const ctx = context(user, tx);
        // A read in a write transaction (an audited one) refuses writes until its audit entry.
        const output: unknown = mode === "write" && !operation.mutates ? await readOnly(tx, () => operation.handler(ctx, parsed.data)) : await operation.handler(ctx, parsed.data);
        // A refusal's side effects are committed (a failed login counts), but it is not audited.
        if (output instanceof Refusal) return { ok: false, error: output.error };
        await audit(db, tx, user, parsed.data, output);
        return { ok: true, data: parsed.data, output };
      });
      if (!outcome.ok) return outcome;
      return await finish(db, outcome.data, outcome.output);
    } catch (error) {
      const { language } = state;
      if (error instanceof AppError) return fail(error, language);
      if (error instanceof z.ZodError) return validationFailure(error, language);
      const constraint = constraintFailure(error);
      if (constraint) return { ok: false, error: { code: constraint.code, message: message(constraint.reason, language), reason: constraint.reason, ...(constraint.field ? { field: constraint.field } : {}) } };
      const incident = randomUUID().slice(0, 8);
      logError(incident, name, error);
      const reason = storageFailure(error) ?? "internal";
      return { ok: false, error: { code: "INTERNAL", message: `${message(reason, language)} (${incident})`, reason } };
    }
  }

  return {
    sessions,
    feed,
    dispatch: (async (name, input, call = {}) => run(name, input, call)) as Dispatch,
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

/**
 * The first issue as a sentence in the user's language: `message` names the field (for a toast),
 * `fieldMessage` is the sentence to show under it (common/validation-messages.ts).
 */
function validationFailure(error: z.ZodError, language: Language): { ok: false; error: ApiErrorBody } {
  return { ok: false, error: validationRefusal(error, language) };
}

function actorFromOutput(output: unknown): number | null {
  // Setup and login have no session yet: the entry is attributed to the account they return.
  const user = (output as { user?: { id?: unknown } } | null)?.user;
  return typeof user?.id === "number" ? user.id : null;
}

interface CallState {
  /** The user's language once the session is read; French until then. */
  language: Language;
}

type Outcome = { ok: true; data: unknown; output: unknown } | { ok: false; error: ApiErrorBody };

/** A detached operation's `tx`: it holds no transaction, and a query through this one says so. */
function outsideTransaction(dialect: Dialect): Writes {
  const refuse = () => Promise.reject(new Error("A detached operation runs outside any transaction: ctx.tx is not available to it."));
  return { dialect, one: refuse, all: refuse, run: refuse };
}
