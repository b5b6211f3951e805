import { randomBytes } from "node:crypto";
import { ADDRESS_THROTTLE, LoginThrottle } from "./login-throttle";

export interface Session {
  id: string;
  userId: number;
  /** When the password was typed: the session ends `session.maxHours` later, active or not. */
  startedAt: number;
  /** The last call the user made (not a screen's timer): what the idle lock counts from. */
  lastActivity: number;
  locked: boolean;
  /** Wrong passwords typed on the lock screen; too many end the session. */
  failedUnlocks: number;
}

export const MAX_FAILED_UNLOCKS = 5;

/**
 * Live sessions, in memory: a restart logs everyone out. The renderer locks itself after the idle
 * delay; the store enforces the same delay so a forgotten tab cannot be used either.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** Who may get a session next: repeated failed logins per name (survives `clear()`, a restore). */
  readonly loginThrottle = new LoginThrottle();
  /** The same per source address (`CallContext.remoteAddress`): a LAN machine trying many names. */
  readonly addressThrottle = new LoginThrottle(ADDRESS_THROTTLE);

  create(userId: number, now: number): Session {
    const session = { id: randomBytes(24).toString("base64url"), userId, startedAt: now, lastActivity: now, locked: false, failedUnlocks: 0 };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): Session | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  /**
   * Locks the session when it has been idle longer than allowed; otherwise a call the user made
   * counts as activity. A background call (a screen's poll) never does, or a screen left open
   * would keep the desk unlocked forever.
   */
  touch(session: Session, now: number, idleMs: number, userInitiated = true): void {
    if (now - session.lastActivity > idleMs) session.locked = true;
    else if (userInitiated) session.lastActivity = now;
  }

  /** True once the session is older than its absolute lifetime, however active it was. */
  expired(session: Session, now: number, maxMs: number): boolean {
    return now - session.startedAt >= maxMs;
  }

  lock(session: Session): void {
    session.locked = true;
  }

  unlock(session: Session, now: number): void {
    session.locked = false;
    session.failedUnlocks = 0;
    session.lastActivity = now;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session: the database was replaced by a restore, with its own accounts. */
  clear(): void {
    this.sessions.clear();
  }

  /** Ends every session of a user (deactivated, password reset). */
  deleteForUser(userId: number): void {
    for (const [id, s] of this.sessions) if (s.userId === userId) this.sessions.delete(id);
  }
}
