import { z } from "zod";
import type { Language, Role } from "../enums";
import { displayName, language, password, username } from "../fields";
import { STAFF } from "../roles";
import type { PageOperationName } from "./page";
import { operation, returns } from "./operation";

/** A staff account as every screen may see it: never its password hash. */
export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  language: Language;
  active: boolean;
  version: number;
}

/** What a login (or the first administrator's creation) opens. */
export interface SessionInfo {
  sessionId: string;
  user: PublicUser;
  /** The idle delay before the session locks (setting `session.idleMinutes`). */
  idleMinutes: number;
}

/**
 * What the signed-in user may do, read from the contract's roles (common/capabilities.ts): the
 * screens show a button only when the operation behind it would be allowed, so the renderer keeps
 * no role list of its own.
 */
export interface Capabilities {
  /** Every operation this user's role may call (the desk shell's `desk.*` included). */
  operations: PageOperationName[];
  /** The export right: a manager's or admin's role, or a grant to this user (a setting). */
  mayExport: boolean;
}

/** Who is at the keyboard, whether the session is locked, and what they may do. */
export interface SessionState {
  user: PublicUser;
  locked: boolean;
  idleMinutes: number;
  capabilities: Capabilities;
}

/** The lock screen's password: any non-empty text, checked against the account (never its rules). */
const currentPassword = z.string().min(1).max(200);

/** First run, login, logout, idle lock: everything about who is at the keyboard. */
export const accountContract = {
  "setup.status": operation({ input: z.strictObject({}), roles: "public", mutates: false, output: returns<{ needsAdmin: boolean }>() }),

  "setup.createAdmin": operation({
    input: z.strictObject({ username, displayName, password, language: language.optional() }),
    roles: "public",
    mutates: true,
    output: returns<SessionInfo>(),
  }),

  "session.login": operation({
    input: z.strictObject({ username, password: currentPassword }),
    roles: "public",
    mutates: true,
    // The password check costs about a second of scrypt: outside the write transaction, so desks
    // logging in together (a shift starting) do not queue behind each other's hashing and time out.
    detached: true,
    output: returns<SessionInfo>(),
  }),

  "session.me": operation({ input: z.strictObject({}), roles: STAFF, mutates: false, whileLocked: true, output: returns<SessionState>() }),

  "session.logout": operation({ input: z.strictObject({}), roles: STAFF, mutates: true, whileLocked: true, output: returns<{ done: boolean }>() }),

  "session.lock": operation({ input: z.strictObject({}), roles: STAFF, mutates: false, whileLocked: true, output: returns<{ locked: boolean }>() }),

  "session.unlock": operation({
    input: z.strictObject({ password: currentPassword }),
    roles: STAFF,
    mutates: false,
    whileLocked: true,
    output: returns<{ locked: boolean }>(),
  }),

  "session.setLanguage": operation({
    input: z.strictObject({ language }),
    roles: STAFF,
    mutates: true,
    output: returns<{ id: number; language: Language }>(),
  }),
};
