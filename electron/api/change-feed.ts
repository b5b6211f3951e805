import { randomInt } from "node:crypto";
import { CHANGE_ENTITIES, type ChangeEntity, type ChangeEvent, type ChangesAnswer } from "../../common/contract/events";
import { AppError } from "../../db/errors";
import type { AuditSpec } from "./operation";

export type { ChangeEvent, ChangesAnswer };

/** One record a committed write changed (before it is numbered). */
export interface ChangeRef {
  entity: ChangeEntity;
  id: number | string | null;
}

export interface ChangeFeedOptions {
  /** How many events are kept; a desk further behind is told to read everything again. */
  capacity?: number;
  /** How long `wait` holds a call when nothing happens (25 s; short in tests). */
  holdMs?: number;
  /** Calls one session may hold at once: a desk has one loop; a reload may briefly leave two. */
  maxWaitsPerSession?: number;
  /** The first number of this run (random by default; fixed in tests). */
  base?: number;
}

export const HOLD_MS = 25_000;

/**
 * Writes that change nothing another desk shows: opening or closing one's own session, one's own
 * saved queue filter. Every other write is published (a test holds every mutating operation to it).
 */
export const UNSHARED_OPERATIONS: ReadonlySet<string> = new Set(["session.login", "session.logout", "reports.saveFilter"]);

const ENTITIES: ReadonlySet<string> = new Set(CHANGE_ENTITIES);

export function isChangeEntity(entity: string): entity is ChangeEntity {
  return ENTITIES.has(entity);
}

/**
 * The record a committed write changed, read from its audit description (every write declares
 * one): the same entity and id the audit log names.
 */
export function changesOf(op: string, audit: AuditSpec<unknown, unknown> | undefined, input: unknown, output: unknown): ChangeRef[] {
  if (!audit || UNSHARED_OPERATIONS.has(op) || !isChangeEntity(audit.entity)) return [];
  return [{ entity: audit.entity, id: audit.entityId?.(input, output) ?? null }];
}

/** An event as kept: with the session whose write it was, told to that session only (as `mine`). */
interface Kept extends ChangeEvent {
  by: string | undefined;
}

interface Waiter {
  after: number;
  sessionId: string;
  answer: (answer: ChangesAnswer) => void;
}

/**
 * The live updates' memory: the last events in a ring, numbered from a random base per server run
 * (a desk still holding a number from before a restart is out of range, so it is told to read
 * everything again; no run id to carry), and the calls waiting for the next one.
 *
 * Published only after a commit (the dispatcher does it), only ids and operation names: no name,
 * no field value ever enters this module.
 */
export class ChangeFeed {
  readonly holdMs: number;
  private readonly capacity: number;
  private readonly maxWaitsPerSession: number;
  private readonly ring: Kept[];
  /** The newest event's number (the base while there is none). */
  private seq: number;
  /** No event at or below this number can be answered (the base, or the last reset). */
  private floor: number;
  private readonly waiters = new Set<Waiter>();
  private readonly waitsBySession = new Map<string, number>();

  constructor(options: ChangeFeedOptions = {}) {
    this.capacity = options.capacity ?? 2_000;
    this.holdMs = options.holdMs ?? HOLD_MS;
    this.maxWaitsPerSession = options.maxWaitsPerSession ?? 2;
    this.ring = new Array<Kept>(this.capacity);
    // Far from 0 (a desk's "from now") and from any other run's numbers, with room for 2^52 events.
    this.seq = options.base ?? randomInt(1, 2 ** 47);
    this.floor = this.seq;
  }

  /** The newest event's number. */
  get current(): number {
    return this.seq;
  }

  /**
   * Numbers and keeps one write's changes, then answers every waiting call once. `by`: the session
   * that wrote; its own desk refreshed its screens with the answer already.
   */
  publish(op: string, changes: readonly ChangeRef[], by?: string): void {
    if (changes.length === 0) return;
    for (const { entity, id } of changes) {
      this.seq += 1;
      this.ring[this.seq % this.capacity] = { seq: this.seq, entity, id, op, by };
    }
    this.wake();
  }

  /**
   * The database was replaced (a restored backup): nothing before now describes it. Every desk
   * still holding an older number is told to read everything again.
   */
  reset(): void {
    this.seq += 1;
    this.floor = this.seq;
    this.wake();
  }

  /** The events after `after` as `viewer` is told them, or a reset when they are not all known any more. */
  since(after: number, viewer?: string): ChangesAnswer {
    const oldest = Math.max(this.floor, this.seq - this.capacity);
    if (after < oldest || after > this.seq) return { seq: this.seq, events: [], reset: true };
    const events: ChangeEvent[] = [];
    for (let s = after + 1; s <= this.seq; s++) {
      const { by, ...event } = this.ring[s % this.capacity]!;
      events.push(by !== undefined && by === viewer ? { ...event, mine: true } : event);
    }
    return { seq: this.seq, events };
  }

  /**
   * Answers at once when something happened after `after` (or a reset is due); otherwise holds
   * until the next event, `ended` aborts (the session logged out or locked: rejected with the
   * abort's reason), or `holdMs` passes (then `{seq, events: []}`). `after` 0 means "from now".
   */
  wait(after: number, sessionId: string, ended: AbortSignal): Promise<ChangesAnswer> {
    if (ended.aborted) return Promise.reject(ended.reason as Error);
    const from = after === 0 ? this.seq : after;
    const now = this.since(from, sessionId);
    if (now.reset || now.events.length > 0) return Promise.resolve(now);
    const held = this.waitsBySession.get(sessionId) ?? 0;
    // A page that started its loop twice is refused (and backs off) rather than answered at once,
    // which would have it call again at once: no spinning.
    if (held >= this.maxWaitsPerSession) return Promise.reject(new AppError("CONFLICT", "too_many_waits"));
    this.waitsBySession.set(sessionId, held + 1);

    return new Promise<ChangesAnswer>((resolve, reject) => {
      let done = false;
      const finish = () => {
        done = true;
        clearTimeout(timer);
        ended.removeEventListener("abort", abort);
        this.waiters.delete(waiter);
        const left = (this.waitsBySession.get(sessionId) ?? 1) - 1;
        if (left > 0) this.waitsBySession.set(sessionId, left);
        else this.waitsBySession.delete(sessionId);
      };
      const waiter: Waiter = {
        after: from,
        sessionId,
        answer: (answer) => {
          if (done) return;
          finish();
          resolve(answer);
        },
      };
      const timer = setTimeout(() => waiter.answer(this.since(from, sessionId)), this.holdMs);
      // A held call must not keep a stopping process (or a finished test) alive.
      timer.unref();
      const abort = () => {
        if (done) return;
        finish();
        reject(ended.reason as Error);
      };
      ended.addEventListener("abort", abort);
      this.waiters.add(waiter);
    });
  }

  /** Calls being held now (diagnostics, tests). */
  get waiting(): number {
    return this.waiters.size;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter.answer(this.since(waiter.after, waiter.sessionId));
  }
}
