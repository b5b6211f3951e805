import { randomBytes, scryptSync } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Engine } from "../../db/engine";
import { authenticate, checkPassword, countUsers, createUser, createUserSync, getUser, listUsers, setLanguage, setPassword, updateUser, type NewUser } from "../../db/users";
import { ENGINES, freshEngines } from "../fixtures/engines";

// Every password check is a real scrypt (about a quarter of a second): few accounts per test.

const fresh = freshEngines();

async function open(kind: (typeof ENGINES)[number]) {
  const t = await fresh(kind);
  return t.engine;
}

const NOW = Date.UTC(2026, 11, 2, 8, 0, 0);
const account = (username: string, role: NewUser["role"] = "agent"): NewUser => ({ username, displayName: `${username} display`, role, password: "correct horse battery" });
const create = (engine: Engine, user: NewUser) => engine.transaction("write", (tx) => createUser(tx, user, NOW));

describe.each(ENGINES)("accounts on %s", (kind) => {
  it("creates an account and reads it back with a boolean `active`, whatever the engine stores", async () => {
    const engine = await open(kind);
    expect(await engine.transaction("read", (tx) => countUsers(tx))).toBe(0);
    const created = await create(engine, { ...account("admin", "admin"), language: "en" });
    expect(created).toEqual({ id: created.id, username: "admin", displayName: "admin display", role: "admin", language: "en", active: true, version: 1 });
    expect(await engine.transaction("read", (tx) => getUser(tx, created.id))).toEqual(created);
    expect(await engine.transaction("read", (tx) => countUsers(tx))).toBe(1);
    await expect(engine.transaction("read", (tx) => getUser(tx, created.id + 1))).rejects.toMatchObject({ code: "NOT_FOUND", reason: "not_found" });
  });

  it("tells usernames apart by case, as SQLite always has, and refuses the same name twice on its field", async () => {
    const engine = await open(kind);
    const lower = await create(engine, account("anna"));
    const upper = await create(engine, account("Anna"));
    expect(upper.id).not.toBe(lower.id);
    await expect(create(engine, account("anna"))).rejects.toMatchObject({ code: "CONFLICT", reason: "username_taken", field: "username" });
    // Byte order, the same on both engines whatever the database's collation: capitals, then small letters, then accents.
    await create(engine, account("émile"));
    await create(engine, account("Zoë"));
    expect((await engine.transaction("read", (tx) => listUsers(tx))).map((u) => u.username)).toEqual(["Anna", "Zoë", "anna", "émile"]);
    // Nor does a login find "anna" under another case.
    expect(await authenticate(engine, "ANNA", "correct horse battery", NOW)).toMatchObject({ ok: false, error: { reason: "bad_credentials" } });
  });

  it("updates only the fields sent, bumps the version, and refuses a stale one", async () => {
    const engine = await open(kind);
    await create(engine, account("admin", "admin"));
    const agent = await create(engine, account("agent"));
    const changed = await engine.transaction("write", (tx) => updateUser(tx, agent.id, 1, { displayName: "Agnès « O'Brien »", active: false }, NOW + 1));
    expect(changed).toEqual({ ...agent, displayName: "Agnès « O'Brien »", active: false, version: 2 });
    const again = await engine.transaction("write", (tx) => updateUser(tx, agent.id, 2, { active: true, role: "support" }, NOW + 2));
    expect(again).toMatchObject({ active: true, role: "support", displayName: "Agnès « O'Brien »", version: 3 });
    await expect(engine.transaction("write", (tx) => updateUser(tx, agent.id, 2, { language: "en" }, NOW + 3))).rejects.toMatchObject({ code: "CONFLICT", reason: "stale", field: "version" });
    await engine.transaction("write", (tx) => setLanguage(tx, agent.id, "en", NOW + 4));
    // The own language is not an edit an administrator's open form conflicts with.
    expect(await engine.transaction("read", (tx) => getUser(tx, agent.id))).toMatchObject({ language: "en", version: 3 });
  });

  it("never lets the last active administrator go, counting only active ones", async () => {
    const engine = await open(kind);
    const first = await create(engine, account("first", "admin"));
    const second = await create(engine, account("second", "admin"));
    await engine.transaction("write", (tx) => updateUser(tx, second.id, 1, { active: false }, NOW));
    await expect(engine.transaction("write", (tx) => updateUser(tx, first.id, 1, { active: false }, NOW))).rejects.toMatchObject({ code: "CONFLICT", reason: "last_admin", field: "active" });
    await expect(engine.transaction("write", (tx) => updateUser(tx, first.id, 1, { role: "manager" }, NOW))).rejects.toMatchObject({ code: "CONFLICT", reason: "last_admin", field: "role" });
    await engine.transaction("write", (tx) => updateUser(tx, second.id, 2, { active: true }, NOW));
    expect(await engine.transaction("write", (tx) => updateUser(tx, first.id, 1, { role: "manager" }, NOW))).toMatchObject({ role: "manager" });
  });

  it("checks passwords: the same refusal for an unknown name and a wrong password, another for an inactive account", async () => {
    const engine = await open(kind);
    await create(engine, account("admin", "admin"));
    const agent = await create(engine, account("agent"));
    expect(await authenticate(engine, "agent", "correct horse battery", NOW)).toEqual({ ok: true, user: agent });
    const wrong = await authenticate(engine, "agent", "wrong horse battery", NOW);
    const unknown = await authenticate(engine, "nobody", "correct horse battery", NOW);
    expect(wrong).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", reason: "bad_credentials" } });
    expect(unknown).toEqual(wrong);
    await engine.transaction("write", (tx) => setPassword(tx, agent.id, "a new battery staple", NOW));
    expect(await engine.transaction("read", (tx) => checkPassword(tx, agent.id, "a new battery staple"))).toBe(true);
    expect(await engine.transaction("read", (tx) => checkPassword(tx, agent.id, "correct horse battery"))).toBe(false);
    await engine.transaction("write", (tx) => updateUser(tx, agent.id, 2, { active: false }, NOW));
    expect(await authenticate(engine, "agent", "a new battery staple", NOW)).toMatchObject({ ok: false, error: { reason: "account_inactive" } });
  });

  it("rewrites a hash made with older scrypt parameters once the right password is given, the version untouched", async () => {
    const engine = await open(kind);
    const agent = await create(engine, account("agent"));
    const salt = randomBytes(16);
    const old = `scrypt$${2 ** 14}$8$1$${salt.toString("base64")}$${scryptSync("correct horse battery", salt, 32, { N: 2 ** 14, r: 8, p: 1 }).toString("base64")}`;
    await engine.transaction("write", (tx) => tx.run(sql`UPDATE users SET password_hash = ${old} WHERE id = ${agent.id}`));
    expect(await authenticate(engine, "agent", "correct horse battery", NOW + 5)).toEqual({ ok: true, user: agent });
    const row = await engine.transaction("read", (tx) => tx.one<{ hash: string; updatedAt: number }>(sql`SELECT password_hash AS hash, updated_at AS "updatedAt" FROM users WHERE id = ${agent.id}`));
    expect(row!.hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row!.updatedAt).toBe(NOW + 5);
    expect(await engine.transaction("read", (tx) => getUser(tx, agent.id))).toMatchObject({ version: 1 });
  });
});

describe("accounts for callers still on the SQLite connection", () => {
  it("creates through the same queries as the engine's createUser", async () => {
    const t = await fresh("sqlite");
    const made = createUserSync(t.db!, account("agent"), NOW);
    expect(await t.engine.transaction("read", (tx) => getUser(tx, made.id))).toEqual(made);
    expect(() => createUserSync(t.db!, account("agent"), NOW)).toThrow(expect.objectContaining({ reason: "username_taken" }));
  });
});
