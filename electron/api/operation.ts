import type { z } from "zod";
import type { Db } from "../../db/open";
import type { Role } from "../../db/schema";
import type { PublicUser } from "../../db/users";
import type { ApiErrorBody } from "./envelope";
import type { HostControl } from "./host-control";
import type { SessionStore } from "./sessions";

export type { Role };

/** Every staff role: operations any logged-in user may call. */
export const STAFF = ["agent", "support", "manager", "admin"] as const satisfies readonly Role[];

export interface HandlerContext {
  db: Db;
  /** The logged-in user; undefined only for `public` operations. */
  user: PublicUser | undefined;
  sessionId: string | undefined;
  sessions: SessionStore;
  now: () => number;
  /** Runs once the operation's transaction has committed (an erasure then empties the WAL). */
  afterCommit: (step: () => void) => void;
  /** The shell around the dispatcher, for operations on the database file itself (backups). */
  host?: HostControl;
}

export interface AuditSpec<I, O> {
  /** Entity type written to the audit log (`user`, `person`, …). */
  entity: string;
  entityId?: (input: I, output: O) => string | number | null | undefined;
  /** Names of the fields read or written — never their values. */
  fields?: (input: I, output: O) => readonly string[];
}

export interface Operation<S extends z.ZodType = z.ZodType, O = unknown> {
  input: S;
  /** Who may call it; `public` needs no session (setup, login). */
  roles: readonly Role[] | "public";
  /** Writes run in one transaction and are always audited. */
  mutates: boolean;
  /** For writes: how to describe the entry. For reads: present means "a read of personal data". */
  audit?: AuditSpec<z.output<S>, Awaited<O>>;
  /** Allowed while the session is idle-locked (unlock, logout, who-am-I). */
  whileLocked?: boolean;
  /**
   * Called by a screen on a timer as well as by the user (queues, badges, progress): it does not
   * count as activity for the idle lock. The renderer reports real keyboard and pointer activity
   * with its own heartbeat (`session.me`), so a screen left open no longer keeps a session alive.
   */
  background?: boolean;
  /**
   * A long job on the database file itself (backup, restore): the handler may be async and runs
   * outside any transaction; a write is audited once it finishes, in the database open by then.
   */
  detached?: boolean;
  handler: (ctx: HandlerContext, input: z.output<S>) => O;
}

/** Keeps the schema's and the handler's types tied together at the declaration site. */
export function op<S extends z.ZodType, O>(def: Operation<S, O>): Operation<S, O> {
  return def;
}

/**
 * A refusal whose side effects must still be committed (a failed login counts towards lockout).
 * Handlers return it instead of throwing.
 */
export class Refusal {
  constructor(readonly error: ApiErrorBody) {}
}

// Matched on `input` and `handler` alone: a full Operation<S, O> pattern fails for operations whose
// audit callbacks take their specific output type.
export type OperationInput<T> = T extends { input: infer S extends z.ZodType } ? z.input<S> : never;
export type OperationOutput<T> = T extends { handler: (...args: never[]) => infer O } ? Awaited<Exclude<O, Refusal>> : never;
