import { randomBytes, scryptSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { FREE_FAILURES } from "../../electron/api/login-throttle";
import { openTestApi } from "../fixtures/database";

let api: ReturnType<typeof openTestApi>;
afterEach(() => api?.cleanup());

describe("first run", () => {
  it("asks for an administrator once, then refuses a second one", async () => {
    api = openTestApi();
    expect(await api.ok("setup.status", {})).toEqual({ needsAdmin: true });
    const first = await api.admin();
    expect(first.user).toMatchObject({ username: "admin", role: "admin", active: true });
    expect(await api.ok("setup.status", {})).toEqual({ needsAdmin: false });
    const second = await api.call("setup.createAdmin", { username: "mallory", displayName: "M", password: "password-1234" });
    expect(second).toMatchObject({ ok: false, error: { code: "FORBIDDEN", reason: "setup_done" } });
  });

  it("refuses a short password and keeps unicode names intact", async () => {
    api = openTestApi();
    expect(await api.call("setup.createAdmin", { username: "admin", displayName: "A", password: "short" })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "password" },
    });
    const created = await api.ok("setup.createAdmin", { username: "  Zoé.Müller ", displayName: "Zoé Müller-Ŝ 👩‍💻 عربي", password: "pässwörd-λ-1234" });
    expect(created.user).toMatchObject({ username: "zoé.müller", displayName: "Zoé Müller-Ŝ 👩‍💻 عربي" });
    expect(await api.call("session.login", { username: "ZOÉ.MÜLLER", password: "pässwörd-λ-1234" })).toMatchObject({ ok: true });
  });
});

describe("login", () => {
  it("opens a session with the right password and refuses a wrong one", async () => {
    api = openTestApi();
    await api.admin();
    const session = await api.ok("session.login", { username: "admin", password: "correct horse battery" });
    expect(session.user.username).toBe("admin");
    expect((await api.ok("session.me", {}, session.sessionId)).user.id).toBe(session.user.id);
    const wrong = await api.call("session.login", { username: "admin", password: "Correct horse battery" });
    expect(wrong).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", reason: "bad_credentials" } });
    const unknown = await api.call("session.login", { username: "nobody", password: "correct horse battery" });
    expect(unknown).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", reason: "bad_credentials" } });
    if (!wrong.ok && !unknown.ok) expect(wrong.error.message).toBe(unknown.error.message); // no user enumeration
  });

  it("answers an unknown name, a wrong password and a throttled account with the same envelope, and lets the right password in after the delay", async () => {
    api = openTestApi();
    await api.admin();
    const unknown = await api.call("session.login", { username: "nobody", password: "correct horse battery" });
    const wrong = await api.call("session.login", { username: "admin", password: "wrong-0" });
    expect(wrong).toEqual({ ok: false, error: { code: "UNAUTHENTICATED", message: "Wrong username or password.", reason: "bad_credentials" } });
    expect(unknown).toEqual(wrong);
    // A stranger guesses on: past the free failures the name is throttled (1 s, then 2 s, …).
    for (let i = 1; i <= FREE_FAILURES; i++) expect(await api.call("session.login", { username: "admin", password: `wrong-${i}` })).toEqual(wrong);
    // Throttled: even the right password gets the very same answer — no "locked until", no hint the account exists.
    expect(await api.call("session.login", { username: "admin", password: "correct horse battery" })).toEqual(wrong);
    // …and only for the delay: the guesses bought the stranger no lock-out.
    api.advance(1_000);
    expect(await api.call("session.login", { username: "admin", password: "correct horse battery" })).toMatchObject({ ok: true });
  });

  it("throttles guesses sent all at once as it throttles them one after another", async () => {
    api = openTestApi();
    await api.admin();
    // FREE_FAILURES + 1 wrong guesses and the right password, in flight together: the throttle
    // must see each failure before the next check, so the right password arrives throttled.
    const guesses = Array.from({ length: FREE_FAILURES + 1 }, (_, i) => api.call("session.login", { username: "admin", password: `wrong-${i}` }));
    const right = api.call("session.login", { username: "admin", password: "correct horse battery" });
    const answers = await Promise.all([...guesses, right]);
    expect(answers.every((a) => !a.ok && a.error.reason === "bad_credentials")).toBe(true);
  });

  it("rewrites a password hash stored with the old scrypt cost (N=2^15) at the next successful login", async () => {
    api = openTestApi();
    await api.admin();
    const salt = randomBytes(16);
    const key = scryptSync("correct horse battery", salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = `scrypt$32768$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    api.db.sqlite.prepare("UPDATE users SET password_hash = ? WHERE username = 'admin'").run(old);
    const wrong = await api.call("session.login", { username: "admin", password: "wrong horse battery" });
    expect(wrong).toMatchObject({ ok: false });
    expect(api.db.sqlite.prepare("SELECT password_hash FROM users WHERE username = 'admin'").pluck().get()).toBe(old);
    expect(await api.call("session.login", { username: "admin", password: "correct horse battery" })).toMatchObject({ ok: true });
    const stored = api.db.sqlite.prepare("SELECT password_hash FROM users WHERE username = 'admin'").pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await api.call("session.login", { username: "admin", password: "correct horse battery" })).toMatchObject({ ok: true });
  });

  it("forgets earlier failures after a successful login", async () => {
    api = openTestApi();
    await api.admin();
    for (let i = 0; i < FREE_FAILURES; i++) await api.call("session.login", { username: "admin", password: "nope" });
    await api.ok("session.login", { username: "admin", password: "correct horse battery" });
    for (let i = 0; i < FREE_FAILURES; i++) await api.call("session.login", { username: "admin", password: "nope" });
    expect(await api.call("session.login", { username: "admin", password: "correct horse battery" })).toMatchObject({ ok: true });
  });

  it("logout ends the session", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    await api.ok("session.logout", {}, sessionId);
    expect(await api.call("session.me", {}, sessionId)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("remembers the language per user", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    await api.ok("session.setLanguage", { language: "en" }, sessionId);
    const again = await api.ok("session.login", { username: "admin", password: "correct horse battery" });
    expect(again.user.language).toBe("en");
  });
});

describe("user administration", () => {
  it("a deactivated user cannot log in and loses open sessions; reactivated, they can again", async () => {
    api = openTestApi();
    const { sessionId: admin } = await api.admin();
    const agent = await api.ok("users.create", { username: "lea", displayName: "Léa Rochat", role: "agent", password: "password-1234" }, admin);
    const agentSession = (await api.ok("session.login", { username: "lea", password: "password-1234" })).sessionId;
    const off = await api.ok("users.update", { id: agent.id, version: agent.version, active: false }, admin);
    expect(off.active).toBe(false);
    expect(await api.call("session.me", {}, agentSession)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await api.call("session.login", { username: "lea", password: "password-1234" })).toMatchObject({ ok: false, error: { reason: "account_inactive" } });
    await api.ok("users.update", { id: agent.id, version: off.version, active: true }, admin);
    expect(await api.call("session.login", { username: "lea", password: "password-1234" })).toMatchObject({ ok: true });
  });

  it("refuses a stale edit with CONFLICT instead of overwriting", async () => {
    api = openTestApi();
    const { sessionId: admin } = await api.admin();
    const agent = await api.ok("users.create", { username: "lea", displayName: "Léa", role: "agent", password: "password-1234" }, admin);
    await api.ok("users.update", { id: agent.id, version: agent.version, displayName: "Léa Rochat" }, admin);
    const stale = await api.call("users.update", { id: agent.id, version: agent.version, role: "manager" }, admin);
    expect(stale).toMatchObject({ ok: false, error: { code: "CONFLICT", field: "version" } });
    expect((await api.ok<{ role: string; displayName: string }[]>("users.list", {}, admin)).find((u) => u.displayName === "Léa Rochat")?.role).toBe("agent");
  });

  it("never leaves the app without an active administrator", async () => {
    api = openTestApi();
    const { sessionId, user } = await api.admin();
    const me = (await api.ok<{ id: number; version: number }[]>("users.list", {}, sessionId)).find((u) => u.id === user.id)!;
    expect(await api.call("users.update", { id: me.id, version: me.version, active: false }, sessionId)).toMatchObject({ ok: false, error: { reason: "last_admin", field: "active" } });
    expect(await api.call("users.update", { id: me.id, version: me.version, role: "agent" }, sessionId)).toMatchObject({ ok: false, error: { reason: "last_admin", field: "role" } });
  });

  it("refuses a duplicate username and resets a password, lifting a lockout", async () => {
    api = openTestApi();
    const { sessionId: admin } = await api.admin();
    const agent = await api.ok("users.create", { username: "lea", displayName: "Léa", role: "agent", password: "password-1234" }, admin);
    expect(await api.call("users.create", { username: "LEA", displayName: "Other", role: "agent", password: "password-1234" }, admin)).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", field: "username" },
    });
    for (let i = 0; i < 5; i++) await api.call("session.login", { username: "lea", password: "forgotten" });
    await api.ok("users.resetPassword", { id: agent.id, password: "brand-new-secret" }, admin);
    expect(await api.call("session.login", { username: "lea", password: "brand-new-secret" })).toMatchObject({ ok: true });
    expect(await api.call("session.login", { username: "lea", password: "password-1234" })).toMatchObject({ ok: false });
  });
});
