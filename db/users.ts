import { and, asc, count, eq, ne } from "drizzle-orm";
import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import { hashPassword, needsRehash, verifyPassword } from "./passwords";
import { statement } from "./statements";
import { users, type Language, type Role } from "./schema";
import type { PublicUser } from "../common/contract/account";
export type { PublicUser } from "../common/contract/account";

const publicColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  language: users.language,
  active: users.active,
  version: users.version,
};

export function countUsers(db: ReadableDb): number {
  return db.orm.select({ n: count() }).from(users).get()?.n ?? 0;
}

/** Runs on every operation (the dispatcher resolves the session's user), hence the raw statement. */
export function getUser(db: ReadableDb, id: number): PublicUser {
  const row = statement(db, "SELECT id, username, display_name AS displayName, role, language, active, version FROM users WHERE id = ?").get(id) as
    | (Omit<PublicUser, "active"> & { active: number })
    | undefined;
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "user" });
  return { ...row, active: row.active === 1 };
}

export function listUsers(db: ReadableDb): PublicUser[] {
  return db.orm.select(publicColumns).from(users).orderBy(asc(users.username)).all();
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  language?: Language;
}

export function createUser(db: Db, input: NewUser, now: number): PublicUser {
  const taken = db.orm.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get();
  if (taken) throw new AppError("CONFLICT", "username_taken", {}, "username");
  const row = db.orm
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      language: input.language ?? "fr",
      passwordHash: hashPassword(input.password),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id })
    .get();
  return getUser(db, row.id);
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  language?: Language;
}

/** Optimistic concurrency: the caller sends the version it read; a stale version is a CONFLICT. */
export function updateUser(db: Db, id: number, version: number, changes: UserChanges, now: number): PublicUser {
  const current = getUser(db, id);
  if (current.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  const losesAdmin = current.role === "admin" && current.active && (changes.active === false || (changes.role && changes.role !== "admin"));
  if (losesAdmin && countActiveAdmins(db, id) === 0) throw new AppError("CONFLICT", "last_admin", {}, changes.active === false ? "active" : "role");
  db.orm
    .update(users)
    .set({ ...changes, updatedAt: now, version: current.version + 1 })
    .where(eq(users.id, id))
    .run();
  return getUser(db, id);
}

function countActiveAdmins(db: Db, exceptId: number): number {
  return (
    db.orm
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, exceptId)))
      .get()?.n ?? 0
  );
}

export function setLanguage(db: Db, id: number, language: Language, now: number): void {
  db.orm.update(users).set({ language, updatedAt: now }).where(eq(users.id, id)).run();
}

/** Sets a new password and lifts any lockout. */
export function setPassword(db: Db, id: number, password: string, now: number): void {
  const { version } = getUser(db, id);
  db.orm
    .update(users)
    .set({ passwordHash: hashPassword(password), updatedAt: now, version: version + 1 })
    .where(eq(users.id, id))
    .run();
}

export type Authentication = { ok: true; user: PublicUser } | { ok: false; error: AppError };

/**
 * Checks a password. Unknown names and wrong passwords get the same answer after the same work
 * (an scrypt run against a dummy hash with today's parameters), so neither the answer nor its time
 * tells which accounts exist. Throttling repeated failures is the caller's (electron/api/login-throttle.ts).
 * A hash written with older scrypt parameters is rewritten once the right password is known.
 */
export function authenticate(db: Db, username: string, password: string, now: number): Authentication {
  const row = db.orm.select().from(users).where(eq(users.username, username)).get();
  const matches = verifyPassword(password, row?.passwordHash ?? dummy());
  if (!row || !matches) return { ok: false, error: badCredentials() };
  if (!row.active) return { ok: false, error: new AppError("UNAUTHENTICATED", "account_inactive") };
  // `version` is left alone: a rehash is not an edit an administrator's open form should conflict with.
  if (needsRehash(row.passwordHash)) db.orm.update(users).set({ passwordHash: hashPassword(password), updatedAt: now }).where(eq(users.id, row.id)).run();
  return { ok: true, user: getUser(db, row.id) };
}

/** The answer to a login refused without looking (throttled), after the same work as a real check. */
export function refuseLogin(password: string): Authentication {
  verifyPassword(password, dummy());
  return { ok: false, error: badCredentials() };
}

function badCredentials(): AppError {
  return new AppError("UNAUTHENTICATED", "bad_credentials");
}

export function checkPassword(db: ReadableDb, id: number, password: string): boolean {
  const row = db.orm.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id)).get();
  return row ? verifyPassword(password, row.hash) : false;
}

// Unknown names are checked against this hash so they cost what a real account costs. Written out
// rather than computed at load (a quarter of a second in every process that imports this module);
// nobody knows its password, and no account can have it. Recomputed if the parameters change.
const DUMMY_HASH = "scrypt$131072$8$1$82MXHv4K+VFG16sdX8YI5w==$Q6qOBAkomLFra7+MU5qdb9kpnbccy3Ukyh7I4Jp6D1o=";
let dummyHash: string | undefined;
function dummy(): string {
  return needsRehash(DUMMY_HASH) ? (dummyHash ??= hashPassword(DUMMY_HASH)) : DUMMY_HASH;
}
