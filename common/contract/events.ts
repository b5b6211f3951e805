import { z } from "zod";
import { STAFF } from "../roles";
import { operation, returns } from "./operation";

/**
 * What a committed write changed, as the live updates carry it: the kind of record (the entity its
 * audit entry names), its id, and the operation's name. Never a name or a value: an event says
 * "person 42 changed", and each desk reads the person again with its own rights.
 */
export const CHANGE_ENTITIES = [
  "person",
  "company",
  "error_report",
  "product",
  "training_request",
  "training_session",
  "course",
  "privacy_request",
  "disclosure",
  "user",
  "settings",
  "backup",
  // A retention run removes whatever its rules reach: every desk reads everything again.
  "retention",
] as const;
export type ChangeEntity = (typeof CHANGE_ENTITIES)[number];

export interface ChangeEvent {
  /** Increases by one per event during one server run; a new run starts at another random base. */
  seq: number;
  entity: ChangeEntity;
  id: number | string | null;
  /** The operation that made the change (`people.update`, `privacy.erase`…). */
  op: string;
  /** The asking session's own write: its screens were refreshed by the write's answer already. */
  mine?: true;
}

export interface ChangesAnswer {
  /** The newest event's number: the next call's `after`. */
  seq: number;
  events: ChangeEvent[];
  /**
   * The events after `after` are not all known any more (too old for the buffer, from another
   * server run, a restored backup): read everything on screen again.
   */
  reset?: true;
}

/** Live updates: a desk holds one call open and learns what the other desks changed. */
export const eventsContract = {
  "events.wait": operation({
    // 0: "from now" (a desk that just signed in has read everything already).
    input: z.strictObject({ after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    roles: STAFF,
    mutates: false,
    // A held call is no sign of someone at the keyboard: it must not keep the idle lock away.
    background: true,
    // Held up to 25 s waiting for a change: outside any transaction, on no connection.
    detached: true,
    output: returns<ChangesAnswer>(),
  }),
};
