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

/** Why a session stopped being usable: logged out, expired or removed (`ended`), or idle-locked. */
export type SessionInterruption = "ended" | "locked";

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
  /** Told when a session ends or locks, so a held call (events.wait) answers at once. */
  private readonly interruptionListeners = new Set<(id: string, why: SessionInterruption) => void>();

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
    if (now - session.lastActivity > idleMs) this.lock(session);
    else if (userInitiated) session.lastActivity = now;
  }

  /** True once the session is older than its absolute lifetime, however active it was. */
  expired(session: Session, now: number, maxMs: number): boolean {
    return now - session.startedAt >= maxMs;
  }

  lock(session: Session): void {
    if (session.locked) return;
    session.locked = true;
    this.interrupted(session.id, "locked");
  }

  unlock(session: Session, now: number): void {
    session.locked = false;
    session.failedUnlocks = 0;
    session.lastActivity = now;
  }

  delete(id: string): void {
    if (this.sessions.delete(id)) this.interrupted(id, "ended");
  }

  /** Ends every session: the database was replaced by a restore, with its own accounts. */
  clear(): void {
    const ids = [...this.sessions.keys()];
    this.sessions.clear();
    for (const id of ids) this.interrupted(id, "ended");
  }

  /** Ends every session of a user (deactivated, password reset). */
  deleteForUser(userId: number): void {
    for (const [id, s] of this.sessions) if (s.userId === userId) this.delete(id);
  }

  /** Calls `listener` whenever a session ends or locks; returns the unsubscribe. */
  onInterrupted(listener: (id: string, why: SessionInterruption) => void): () => void {
    this.interruptionListeners.add(listener);
    return () => this.interruptionListeners.delete(listener);
  }

  private interrupted(id: string, why: SessionInterruption): void {
    for (const listener of [...this.interruptionListeners]) listener(id, why);
  }
}
