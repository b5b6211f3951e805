import { randomBytes } from "node:crypto";
import { LoginThrottle } from "./login-throttle";

export interface Session {
  id: string;
  userId: number;
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

  create(userId: number, now: number): Session {
    const session = { id: randomBytes(24).toString("base64url"), userId, lastActivity: now, locked: false, failedUnlocks: 0 };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): Session | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  /** Marks activity, or locks the session when it has been idle longer than allowed. */
  touch(session: Session, now: number, idleMs: number): void {
    if (now - session.lastActivity > idleMs) session.locked = true;
    else session.lastActivity = now;
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
