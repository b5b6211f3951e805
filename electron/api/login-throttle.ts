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
 */
export const FREE_FAILURES = 3;
export const MAX_DELAY_MS = 5 * 60_000;
const FIRST_DELAY_MS = 1_000;
/** Bounds the memory a flood of made-up names can take; the oldest entries go first. */
const MAX_TRACKED = 10_000;

interface Entry {
  failures: number;
  /** Refuse every attempt before this instant (ms since epoch). */
  until: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  /** True while attempts for this name are refused unseen. */
  blocked(username: string, now: number): boolean {
    const entry = this.entries.get(username);
    return entry !== undefined && now < entry.until;
  }

  /** A wrong password (or an unknown name) that was actually checked. */
  failed(username: string, now: number): void {
    const failures = (this.entries.get(username)?.failures ?? 0) + 1;
    const delay = failures <= FREE_FAILURES ? 0 : Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES - 1), MAX_DELAY_MS);
    // Re-inserted so the map's order is least recently failed first, for the eviction below.
    this.entries.delete(username);
    this.entries.set(username, { failures, until: now + delay });
    if (this.entries.size > MAX_TRACKED) this.entries.delete(this.entries.keys().next().value as string);
  }

  succeeded(username: string): void {
    this.entries.delete(username);
  }
}
