import type { z } from "zod";
import type { Declared, OutputOf, ParsedInputOf } from "../../common/contract/operation";
import type { Role } from "../../common/enums";
import type { Db, ReadableDb } from "../../db/open";
import type { PgDb } from "../../db/served";
import type { Reads, Writes } from "../../db/engine";
import type { PublicUser } from "../../db/users";
import type { ApiErrorBody } from "../../common/envelope";
import type { ChangeEntity } from "../../common/contract/events";
import type { ChangeFeed } from "./change-feed";
import type { HeavyWork } from "../workers/jobs";
import type { HostControl } from "./host-control";
import type { SessionStore } from "./sessions";

export type { Role };
export { STAFF } from "../../common/roles";

/** A read-only operation's handler gets `ReadableDb`: it cannot call a function that writes. */
export interface HandlerContext<D extends ReadableDb = Db> {
  /** The served database: SQLite's (`D`) or a team server's PostgreSQL one (narrow with `sqliteOnly`, db/served.ts). */
  db: D | PgDb;
  /**
   * The operation's transaction behind the async interface (db/engine.ts), the one `db` runs in:
   * `Writes` for an operation that mutates, `Reads` for the others (the same distinction as `db`'s).
   * A `detached` operation runs outside any transaction: its `tx` refuses every query.
   */
  tx: D extends Db ? Writes : Reads;
  /** The logged-in user; undefined only for `public` operations. */
  user: PublicUser | undefined;
  sessionId: string | undefined;
  /** The caller's network address, from the HTTP transports (none over IPC): the login throttle per address. */
  remoteAddress?: string;
  sessions: SessionStore;
  now: () => number;
  /** Runs once the operation's transaction has committed (an erasure then empties the WAL). */
  afterCommit: (step: () => void) => void;
  /**
   * Another record this write changed, besides the one its audit entry names (a report's person,
   * a merge's removed person): published to the live updates after the commit, with the rest.
   */
  changed: (entity: ChangeEntity, id: number | string | null) => void;
  /** The live updates (events.wait holds its calls on it). */
  feed: ChangeFeed;
  /** The shell around the dispatcher, for operations on the database file itself (backups). */
  host?: HostControl;
  /**
   * Heavy reads (electron/workers/jobs.ts) off the main thread, which serves every desk: a
   * `detached` handler awaits them; its audit entry is written once they answered.
   */
  workers: HeavyWork;
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
   * A long job (backup, restore, a heavy read handed to `ctx.workers`): the handler may be async
   * and runs outside any transaction; its audit entry (a write's, or an audited read's) is written
   * once it finishes, in a short transaction of its own, in the database open by then.
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
export type OperationOutput<T> = T extends { handler: (...args: never[]) => infer O } ? Exclude<Awaited<O>, Refusal> : never;

/** What the server adds to a declared operation: the handler and, for audited ones, the entry. */
export interface Implementation<D extends Declared> {
  handler: (
    ctx: HandlerContext<D["mutates"] extends true ? Db : ReadableDb>,
    input: ParsedInputOf<D>,
  ) => OutputOf<D> | Refusal | Promise<OutputOf<D> | Refusal>;
  audit?: AuditSpec<ParsedInputOf<D>, OutputOf<D>>;
}

export type Implemented<C extends Record<string, Declared>> = {
  [N in keyof C]: Operation<C[N]["input"], OutputOf<C[N]> | Refusal | Promise<OutputOf<C[N]> | Refusal>>;
};

/**
 * An area's operations: its declarations from common/contract with a handler each. The type
 * requires every declared operation and no other, and each handler to answer the declared type.
 */
export function implement<C extends Record<string, Declared>>(contract: C, handlers: { [N in keyof C]: Implementation<C[N]> }): Implemented<C> {
  const operations: Record<string, Operation> = {};
  for (const name of Object.keys(contract)) {
    const { input, roles, mutates, whileLocked, background, detached } = contract[name]!;
    const { handler, audit } = handlers[name]!;
    operations[name] = { input, roles, mutates, whileLocked, background, detached, audit: audit as Operation["audit"], handler: handler as Operation["handler"] };
  }
  return operations as Implemented<C>;
}

/** Joins the areas' operations, refusing a name implemented twice (a spread lets the later win). */
export function joinOperations<A extends readonly Record<string, Operation<any, any>>[]>(...areas: A): UnionToIntersection<A[number]> {
  const joined: Record<string, Operation<any, any>> = {};
  for (const area of areas)
    for (const [name, operation] of Object.entries(area)) {
      if (name in joined) throw new Error(`Operation ${name} is registered twice`);
      joined[name] = operation;
    }
  return joined as UnionToIntersection<A[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;
