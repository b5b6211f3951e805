/**
 * Slows password guessing per username without handing anyone a lock-out.
 *
 * The first FREE_FAILURES wrong passwords for a name cost nothing; each further one doubles a delay
 * (1 s, 2 s, 4 s … capped at MAX_DELAY_MS) during which every attempt for that name is refused
 * with the same answer as a wrong password, whatever was typed, and is not counted. Once the delay
 * has passed the right password gets in: a stranger can slow an account down, never lock it for
 * longer than the cap. Names that do not exist are throttled exactly like real ones, so the
 * throttle itself does not reveal which accounts exist.
 *
 * Kept in memory, like the sessions: a restart (which needs the desk's OS account) forgets it.
 *
 * The same rule, with its own numbers, is kept per source address on the LAN (ADDRESS_THROTTLE):
 * there, one machine trying a common password on many names is the attack, which no per-name
 * count sees.
 */
export const FREE_FAILURES = 3;
export const MAX_DELAY_MS = 5 * 60_000;
const FIRST_DELAY_MS = 1_000;
/** Bounds the memory a flood of made-up names can take; the oldest entries go first. */
const MAX_TRACKED = 10_000;

/**
 * Per source address (the team server; the loopback transport's is always 127.0.0.1): ten free
 * failures, forgotten after a quarter of an hour without one. Generous, because several agents
 * may share one address (a terminal server, a NAT) and a typo on one desk must not refuse the
 * others; a machine spraying passwords over many names still meets the doubling delay after ten.
 * A success does not forget the address: one valid account must not buy a stranger more guesses.
 */
export const ADDRESS_THROTTLE: ThrottleRule = { freeFailures: 10, forgetAfterMs: 15 * 60_000 };

export interface ThrottleRule {
  /** Failures that cost nothing. */
  freeFailures: number;
  /** A key whose last failure is older than this starts again from zero (none: only a success forgets). */
  forgetAfterMs?: number;
}

interface Entry {
  failures: number;
  /** When the last counted failure happened. */
  at: number;
  /** Refuse every attempt before this instant (ms since epoch). */
  until: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly rule: ThrottleRule = { freeFailures: FREE_FAILURES }) {}

  /** True while attempts for this name (or address) are refused unseen. */
  blocked(username: string, now: number): boolean {
    const entry = this.entries.get(username);
    return entry !== undefined && now < entry.until;
  }

  /** A wrong password (or an unknown name) that was actually checked. */
  failed(username: string, now: number): void {
    const previous = this.entries.get(username);
    const forgotten = previous !== undefined && this.rule.forgetAfterMs !== undefined && now - previous.at > this.rule.forgetAfterMs;
    const failures = (forgotten ? 0 : (previous?.failures ?? 0)) + 1;
    const free = this.rule.freeFailures;
    const delay = failures <= free ? 0 : Math.min(FIRST_DELAY_MS * 2 ** (failures - free - 1), MAX_DELAY_MS);
    // Re-inserted so the map's order is least recently failed first, for the eviction below.
    this.entries.delete(username);
    this.entries.set(username, { failures, at: now, until: now + delay });
    if (this.entries.size > MAX_TRACKED) this.entries.delete(this.entries.keys().next().value as string);
  }

  succeeded(username: string): void {
    this.entries.delete(username);
  }
}
