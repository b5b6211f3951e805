import { sql, type SQL } from "drizzle-orm";
import { PlainQuery, type Engine, type Reads, type Writes } from "./engine";
import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import { hashPassword, needsRehash, verifyPassword } from "./passwords";
import type { Language, Role } from "./schema";
import { syncOne } from "./transition";
import type { PublicUser } from "../common/contract/account";
export type { PublicUser } from "../common/contract/account";

// Usernames compare as SQLite compares them, byte for byte (case matters: "Anna" and "anna" are two
// accounts), on both engines: `=` does so on PostgreSQL too under its deterministic collations, and
// the list is ordered by bytes, which PostgreSQL does only under "C" (its default collation of the
// database, fr-CH or en-US, would order by language rules).
const BY_USERNAME = { sqlite: sql`ORDER BY username`, pg: sql`ORDER BY username COLLATE "C"` } as const;

// `active` is 1/0 on SQLite and a boolean on PostgreSQL: read through Boolean().
const PUBLIC_COLUMN_LIST = `id, username, display_name AS "displayName", role, language, active, version`;
const PUBLIC_COLUMNS = sql.raw(PUBLIC_COLUMN_LIST);
type UserRow = Omit<PublicUser, "active"> & { active: number | boolean };

const publicUser = (row: UserRow): PublicUser => ({ ...row, active: Boolean(row.active) });

// Each query is built once here and run by the async function and by its `…Sync` twin, if any
// (for callers still on the SQLite connection, db/transition.ts).
const countQuery = () => sql`SELECT count(*) AS n FROM users`;
// Read on every operation (the session's user): text form, no template rendered each time.
const USER_BY_ID = `SELECT ${PUBLIC_COLUMN_LIST} FROM users WHERE id = ?`;
const userQuery = (id: number) => new PlainQuery(USER_BY_ID, [id]);
const takenQuery = (username: string) => sql`SELECT id FROM users WHERE username = ${username}`;
const insertQuery = (input: NewUser, passwordHash: string, now: number) =>
  sql`INSERT INTO users (username, display_name, role, language, password_hash, created_at, updated_at)
      VALUES (${input.username}, ${input.displayName}, ${input.role}, ${input.language ?? "fr"}, ${passwordHash}, ${now}, ${now}) RETURNING id`;

function found(row: UserRow | undefined): PublicUser {
  if (!row) throw new AppError("NOT_FOUND", "not_found", { entity: "user" });
  return publicUser(row);
}

export async function countUsers(tx: Reads): Promise<number> {
  return (await tx.one<{ n: number }>(countQuery()))?.n ?? 0;
}

/** `countUsers` for the callers still on the SQLite connection (db/transition.ts). */
export function countUsersSync(db: ReadableDb): number {
  return syncOne<{ n: number }>(db, countQuery())?.n ?? 0;
}

/** Runs on every operation (the dispatcher resolves the session's user). */
export async function getUser(tx: Reads, id: number): Promise<PublicUser> {
  return found(await tx.one<UserRow>(userQuery(id)));
}

export async function listUsers(tx: Reads): Promise<PublicUser[]> {
  return (await tx.all<UserRow>(sql`SELECT ${PUBLIC_COLUMNS} FROM users ${BY_USERNAME[tx.dialect]}`)).map(publicUser);
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  language?: Language;
}

export async function createUser(tx: Writes, input: NewUser, now: number): Promise<PublicUser> {
  if (await tx.one(takenQuery(input.username))) throw usernameTaken();
  const row = (await tx.one<{ id: number }>(insertQuery(input, hashPassword(input.password), now)))!;
  return getUser(tx, row.id);
}

/** `createUser` for the callers still on the SQLite connection (db/transition.ts). */
export function createUserSync(db: Db, input: NewUser, now: number): PublicUser {
  if (syncOne(db, takenQuery(input.username))) throw usernameTaken();
  const row = syncOne<{ id: number }>(db, insertQuery(input, hashPassword(input.password), now))!;
  return found(syncOne<UserRow>(db, userQuery(row.id)));
}

function usernameTaken(): AppError {
  return new AppError("CONFLICT", "username_taken", {}, "username");
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  language?: Language;
}

const CHANGE_COLUMNS: Record<keyof UserChanges, SQL> = {
  displayName: sql`display_name`,
  role: sql`role`,
  active: sql`active`,
  language: sql`language`,
};

/** Optimistic concurrency: the caller sends the version it read; a stale version is a CONFLICT. */
export async function updateUser(tx: Writes, id: number, version: number, changes: UserChanges, now: number): Promise<PublicUser> {
  const current = await getUser(tx, id);
  if (current.version !== version) throw new AppError("CONFLICT", "stale", {}, "version");
  const losesAdmin = current.role === "admin" && current.active && (changes.active === false || (changes.role && changes.role !== "admin"));
  if (losesAdmin && (await countActiveAdmins(tx, id)) === 0) throw new AppError("CONFLICT", "last_admin", {}, changes.active === false ? "active" : "role");
  // Only the fields sent (an absent one is left as it is); a boolean binds as each engine stores it.
  const sets = (Object.keys(CHANGE_COLUMNS) as (keyof UserChanges)[]).filter((key) => changes[key] !== undefined).map((key) => sql`${CHANGE_COLUMNS[key]} = ${changes[key]}`);
  sets.push(sql`updated_at = ${now}`, sql`version = ${current.version + 1}`);
  await tx.run(sql`UPDATE users SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
  return getUser(tx, id);
}

async function countActiveAdmins(tx: Reads, exceptId: number): Promise<number> {
  return (await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = ${true} AND id <> ${exceptId}`))?.n ?? 0;
}

export async function setLanguage(tx: Writes, id: number, language: Language, now: number): Promise<void> {
  await tx.run(sql`UPDATE users SET language = ${language}, updated_at = ${now} WHERE id = ${id}`);
}

/** Sets a new password and lifts any lockout. */
export async function setPassword(tx: Writes, id: number, password: string, now: number): Promise<void> {
  const { version } = await getUser(tx, id);
  await tx.run(sql`UPDATE users SET password_hash = ${hashPassword(password)}, updated_at = ${now}, version = ${version + 1} WHERE id = ${id}`);
}

export type Authentication = { ok: true; user: PublicUser } | { ok: false; error: AppError };

/**
 * Checks a password. Unknown names and wrong passwords get the same answer after the same work
 * (an scrypt run against a dummy hash with today's parameters), so neither the answer nor its time
 * tells which accounts exist. Throttling repeated failures is the caller's (electron/api/login-throttle.ts).
 * A hash written with older scrypt parameters is rewritten once the right password is known.
 *
 * It takes the engine, not a transaction: the scrypt runs (about a second) between a short read and,
 * for a rehash, a short write, so logins do not queue behind each other's hashing in the write lock.
 */
export async function authenticate(engine: Engine, username: string, password: string, now: number): Promise<Authentication> {
  const row = await engine.transaction("read", (tx) => tx.one<UserRow & { passwordHash: string }>(sql`SELECT ${PUBLIC_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE username = ${username}`));
  const matches = verifyPassword(password, row?.passwordHash ?? dummy());
  if (!row || !matches) return { ok: false, error: badCredentials() };
  if (!row.active) return { ok: false, error: new AppError("UNAUTHENTICATED", "account_inactive") };
  const { passwordHash, ...user } = row;
  if (needsRehash(passwordHash)) {
    const rehashed = hashPassword(password);
    // `version` is left alone: a rehash is not an edit an administrator's open form should conflict
    // with. Only over the hash just checked: a password reset meanwhile is not undone.
    await engine.transaction("write", (tx) => tx.run(sql`UPDATE users SET password_hash = ${rehashed}, updated_at = ${now} WHERE id = ${row.id} AND password_hash = ${passwordHash}`));
  }
  return { ok: true, user: publicUser(user) };
}

/** The answer to a login refused without looking (throttled), after the same work as a real check. */
export function refuseLogin(password: string): Authentication {
  verifyPassword(password, dummy());
  return { ok: false, error: badCredentials() };
}

function badCredentials(): AppError {
  return new AppError("UNAUTHENTICATED", "bad_credentials");
}

export async function checkPassword(tx: Reads, id: number, password: string): Promise<boolean> {
  const row = await tx.one<{ hash: string }>(sql`SELECT password_hash AS hash FROM users WHERE id = ${id}`);
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
