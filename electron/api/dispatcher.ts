import { randomUUID } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../../db/audit";
import { AppError, message, type Reason } from "../../db/errors";
import type { Db } from "../../db/open";
import type { Language } from "../../db/schema";
import { getSetting } from "../../db/settings";
import { statement } from "../../db/statements";
import { getUser, type PublicUser } from "../../db/users";
import { errorMapFor, validationRefusal } from "../../common/validation-messages";
import type { ApiErrorBody, Envelope } from "../../common/envelope";
import { ChangeFeed, changesOf, type ChangeRef } from "./change-feed";
import type { HeavyWork } from "../workers/jobs";
import { inThisThread } from "../workers/pool";
import type { HostControl } from "./host-control";
import { Refusal, type HandlerContext, type Operation } from "./operation";
import { SessionStore } from "./sessions";

export interface CallContext {
  /** Set by the transport: the HTTP `X-Session-Id` header, or the session bound to the IPC sender. */
  sessionId?: string;
  /** Set by the HTTP transports: the socket's peer address (the login throttle per source address). */
  remoteAddress?: string;
}

export interface DispatcherOptions {
  /** The open database; a getter when the host can replace it (restore from a backup). */
  db: Db | (() => Db);
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

export type Dispatch = (name: string, input: unknown, call?: CallContext) => Promise<Envelope<unknown>>;

export function createDispatcher(registry: Record<string, Operation>, options: DispatcherOptions) {
  const currentDb = typeof options.db === "function" ? options.db : () => options.db as Db;
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

  async function run(name: string, input: unknown, call: CallContext): Promise<Envelope<unknown>> {
    let language: Language = "fr";
    const db = currentDb();
    try {
      const operation = Object.hasOwn(registry, name) ? registry[name] : undefined;
      if (!operation) throw new AppError("NOT_FOUND", "unknown_operation", { name: name.slice(0, 100) });

      let user: PublicUser | undefined;
      if (operation.roles !== "public") {
        const session = sessions.get(call.sessionId);
        if (!session) throw new AppError("UNAUTHENTICATED", "not_logged_in");
        user = getUser(db, session.userId);
        language = user.language;
        if (!user.active) {
          sessions.delete(session.id);
          throw new AppError("UNAUTHENTICATED", "account_inactive");
        }
        if (sessions.expired(session, now(), getSetting(db, "session.maxHours") * 3_600_000)) {
          sessions.delete(session.id);
          throw new AppError("UNAUTHENTICATED", "session_expired");
        }
        sessions.touch(session, now(), getSetting(db, "session.idleMinutes") * 60_000, !operation.background);
        if (session.locked && !operation.whileLocked) throw new AppError("LOCKED", "session_locked");
        // Authorise before parsing: a role that may not call an operation learns nothing of its input.
        if (!operation.roles.includes(user.role)) throw new AppError("FORBIDDEN", "forbidden");
      }

      // Parsed without messages first (ten times faster); only a failure is parsed again, with the
      // common error map, for its sentences in the user's language.
      const parsed = operation.input.safeParse(input ?? {});
      if (!parsed.success) {
        const worded = operation.input.safeParse(input ?? {}, { error: errorMapFor(language) });
        return validationFailure(worded.success ? parsed.error : worded.error, language);
      }

      const committed: (() => void)[] = [];
      const changed: ChangeRef[] = [];
      const ctx: HandlerContext = {
        db,
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
      };
      // Once committed (never after a refusal or a rollback): what changed, as ids only.
      const publish = (output: unknown) => {
        if (operation.mutates) feed.publish(name, [...changesOf(name, operation.audit, parsed.data, output), ...changed], call.sessionId);
      };
      const audit = (into: Db, output: unknown) => {
        if (!operation.mutates && !operation.audit) return;
        const spec = operation.audit;
        let actor = user?.id ?? actorFromOutput(output);
        // A detached job may have replaced the database (restore): its accounts may not include this user.
        if (into !== db && actor !== null && !statement(into, "SELECT 1 FROM users WHERE id = ?").get(actor)) actor = null;
        appendAudit(into, {
          at: now(),
          userId: actor,
          operation: name,
          entityType: spec?.entity ?? null,
          entityId: spec?.entityId?.(parsed.data, output) ?? null,
          fields: spec?.fields?.(parsed.data, output) ?? [],
        });
      };
      if (operation.detached) {
        const output: unknown = await operation.handler(ctx, parsed.data);
        if (output instanceof Refusal) return { ok: false, error: output.error };
        // A detached read with nothing to audit (events.wait) takes no write lock on its way out.
        if (operation.mutates || operation.audit) {
          const after = currentDb();
          after.sqlite.transaction(() => audit(after, output)).immediate();
        }
        for (const step of committed) step();
        publish(output);
        return { ok: true, value: output };
      }
      const execute = () => {
        const output = operation.mutates ? operation.handler(ctx, parsed.data) : readOnly(db, () => operation.handler(ctx, parsed.data));
        if (output instanceof Refusal) return output;
        audit(db, output);
        return output;
      };
      // Writes and audited reads take the write lock up front: the audit row is a write too.
      const output = operation.mutates || operation.audit ? db.sqlite.transaction(execute).immediate() : execute();
      if (output instanceof Refusal) return { ok: false, error: output.error };
      for (const step of committed) step();
      publish(output);
      return { ok: true, value: output };
    } catch (error) {
      if (error instanceof AppError) return fail(error, language);
      if (error instanceof z.ZodError) return validationFailure(error, language);
      const constraint = constraintFailure(error, language);
      if (constraint) return constraint;
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

const CONSTRAINT_FAILURES: Record<string, { code: ApiErrorBody["code"]; reason: Reason }> = {
  SQLITE_CONSTRAINT_CHECK: { code: "VALIDATION", reason: "invalid_value" },
  SQLITE_CONSTRAINT_NOTNULL: { code: "VALIDATION", reason: "invalid_value" },
  SQLITE_CONSTRAINT_UNIQUE: { code: "CONFLICT", reason: "already_exists" },
  SQLITE_CONSTRAINT_PRIMARYKEY: { code: "CONFLICT", reason: "already_exists" },
  // SQLite does not say which column: the handlers check the ids they are given and name the field;
  // this is the last line for a reference they missed.
  SQLITE_CONSTRAINT_FOREIGNKEY: { code: "NOT_FOUND", reason: "missing_reference" },
};

/**
 * The database's constraints are the last line behind the zod schemas and the handlers' checks.
 * The user gets words in their language (and the column as `field` where SQLite names exactly
 * one); SQLite's own text stays out of the answer.
 */
function constraintFailure(error: unknown, language: Language): { ok: false; error: ApiErrorBody } | undefined {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") return undefined;
  const failure = Object.hasOwn(CONSTRAINT_FAILURES, error.code) ? CONSTRAINT_FAILURES[error.code] : undefined;
  if (!failure) return undefined;
  const field = constrainedField(error.message);
  return { ok: false, error: { code: failure.code, message: message(failure.reason, language), reason: failure.reason, ...(field ? { field } : {}) } };
}

/**
 * SQLite's and Node's storage failures ("database is locked", "database or disk is full",
 * ENOSPC…) said in words the user can act on; their own text goes to the log only.
 */
function storageFailure(error: unknown): Reason | undefined {
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "";
  if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED" || code.startsWith("SQLITE_LOCKED_")) return "database_busy";
  if (code === "SQLITE_FULL" || code === "ENOSPC") return "disk_full";
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_READONLY") || code === "SQLITE_CORRUPT" || code === "SQLITE_CANTOPEN" || code === "EIO") return "storage_failed";
  return undefined;
}

/** "NOT NULL constraint failed: people.last_name" → "lastName"; nothing when no single column is named. */
function constrainedField(sqliteMessage: string): string | undefined {
  const column = /constraint failed: \w+\.(\w+)$/.exec(sqliteMessage)?.[1];
  return column?.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function actorFromOutput(output: unknown): number | null {
  // Setup and login have no session yet: the entry is attributed to the account they return.
  const user = (output as { user?: { id?: unknown } } | null)?.user;
  return typeof user?.id === "number" ? user.id : null;
}

/**
 * A read runs with the connection refusing writes: the `ReadableDb` type stops a read-only handler
 * from calling a writing function, and this stops raw SQL from doing what the type cannot see.
 */
function readOnly<T>(db: Db, read: () => T): T {
  // Cached statements: `pragma()` prepares its statement anew at every call, twice per read.
  statement(db, "PRAGMA query_only = ON").run();
  try {
    return read();
  } finally {
    statement(db, "PRAGMA query_only = OFF").run();
  }
}
