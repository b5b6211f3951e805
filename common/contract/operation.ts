import type { z } from "zod";
import type { Role } from "../enums";

/**
 * One operation as both sides know it: its input schema, who may call it, whether it writes, and
 * the type of what it answers. The server implements it (electron/api/operations/), the screens
 * call it (renderer/src/api/); neither restates any of it.
 */
export interface Declared<S extends z.ZodType = z.ZodType, O = unknown, M extends boolean = boolean> {
  input: S;
  /** Who may call it; `public` needs no session (setup, login). */
  roles: readonly Role[] | "public";
  /** Writes run in one transaction and are always audited; reads get a read-only database type. */
  mutates: M;
  /** Allowed while the session is idle-locked (unlock, logout, who-am-I). */
  whileLocked?: boolean;
  /**
   * Called by a screen on a timer as well as by the user (queues, badges, progress): it does not
   * count as activity for the idle lock.
   */
  background?: boolean;
  /**
   * A long job (a backup, a restore, a login's password check): the handler may be async and runs
   * outside any transaction, so it holds no write lock while it works; each of its writes is its own
   * statement, and the audit entry is written once it finishes.
   */
  detached?: boolean;
  /** Type only: what the operation answers (see `returns`). */
  output: Returns<O>;
}

declare const answer: unique symbol;
/** Carries an output type through the contract without any value at run time. */
export interface Returns<O> {
  readonly [answer]?: O;
}

/** `output: returns<PersonCard>()` declares the answer's type. */
export function returns<O>(): Returns<O> {
  return {};
}

/** Keeps a declaration's schema and output types attached to it. */
export function operation<S extends z.ZodType, O, const M extends boolean>(declared: Declared<S, O, M>): Declared<S, O, M> {
  return declared;
}

export type InputOf<D> = D extends Declared<infer S, unknown> ? z.input<S> : never;
export type ParsedInputOf<D> = D extends Declared<infer S, unknown> ? z.output<S> : never;
export type OutputOf<D> = D extends { output: Returns<infer O> } ? O : never;

/**
 * Joins the areas' declarations into one contract, refusing a name declared twice: a spread would
 * let the later one silently win.
 */
export function joinAreas<A extends readonly Record<string, Declared>[]>(...areas: A): UnionToIntersection<A[number]> {
  const joined: Record<string, Declared> = {};
  for (const area of areas)
    for (const [name, declared] of Object.entries(area)) {
      if (name in joined) throw new Error(`Operation ${name} is declared twice`);
      joined[name] = declared;
    }
  return joined as UnionToIntersection<A[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;
