import { sqliteOnly } from "../../db/served";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { setSettingSync } from "../../db/settings";
import { createDispatcher } from "../../electron/api/dispatcher";
import { joinAreas } from "../../common/contract/operation";
import { diagnosticsContract } from "../../common/contract/diagnostics";
import { joinOperations, op, type Operation } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";
import { openTestApi, openTestDb } from "../fixtures/database";

const ROLES = ["agent", "support", "manager", "admin"] as const;

/**
 * The access policy, written out by hand: a change to an operation's roles must change this table
 * too, on purpose. `public` operations need no session.
 */
const POLICY: Record<string, readonly string[] | "public"> = {
  "setup.status": "public",
  "setup.createAdmin": "public",
  "session.login": "public",
  "session.me": ROLES,
  "session.logout": ROLES,
  "session.lock": ROLES,
  "session.unlock": ROLES,
  "session.setLanguage": ROLES,
  "users.list": ["admin"],
  "users.create": ["admin"],
  "users.update": ["admin"],
  "users.resetPassword": ["admin"],
  "settings.get": ["admin"],
  "settings.update": ["admin"],
  "audit.list": ["manager", "admin"],
  "audit.verify": ["manager", "admin"],
  "backups.list": ["admin"],
  "backups.create": ["admin"],
  "backups.restore": ["admin"],
  "diagnostics.get": ["admin"],
  "diagnostics.integrityCheck": ["admin"],
  "diagnostics.reportError": ROLES,
  "events.wait": ROLES,
  ...Object.fromEntries(
    [
      "people.search", "people.get", "people.create", "people.update", "people.history", "people.duplicates",
      "phones.add", "phones.update", "phones.remove", "phones.setPrimary", "emails.add", "emails.update", "emails.remove", "emails.setPrimary",
      "addresses.add", "addresses.update", "addresses.remove", "companies.search", "companies.get", "companies.create",
      "companies.update", "interactions.log", "interactions.list",
    ].map((name) => [name, ROLES]),
  ),
  "people.merge": ["manager", "admin"],
  ...Object.fromEntries(["products.list", "reports.create", "reports.get", "reports.list", "reports.savedFilter", "reports.saveFilter"].map((name) => [name, ROLES])),
  ...Object.fromEntries(
    ["privacy.requests.create", "privacy.requests.verifyIdentity", "privacy.requests.list", "privacy.requests.counts", "privacy.requests.get", "privacy.requests.complete", "preferences.get", "preferences.set", "preferences.optOutAll"].map((name) => [name, ROLES]),
  ),
  ...Object.fromEntries(["privacy.accessReport", "privacy.erasePreview", "privacy.erase", "privacy.erasureStatus"].map((name) => [name, ["agent", "manager"]])),
  ...Object.fromEntries(
    ["privacy.requests.extend", "privacy.requests.refuse", "mailing.export", "disclosures.create", "disclosures.list", "retention.review", "retention.apply", "reports.keepForProduct"].map((name) => [name, ["manager"]]),
  ),
  ...Object.fromEntries(
    ["reports.update", "reports.setStatus", "reports.assign", "reports.assignees", "reports.comment", "reports.logCallback", "reports.callbacksDue"].map((name) => [name, ["support", "manager", "admin"]]),
  ),
  "products.save": ["admin"],
  ...Object.fromEntries(["courses.list", "courses.get", "sessions.list", "sessions.get", "training.create", "training.get", "training.list", "training.setStatus"].map((name) => [name, ROLES])),
  "courses.save": ["manager", "admin"],
  "sessions.save": ["manager", "admin"],
  "training.assignSession": ["support", "manager", "admin"],
  "interactions.listByPurpose": ["manager", "admin"],
  // Staff roles: the handler also checks the export right (managers, admins, granted users).
  ...Object.fromEntries(["exports.recordSets", "exports.preview", "exports.start", "exports.progress", "exports.cancel"].map((name) => [name, ROLES])),
  "dashboard.summary": ["manager", "admin"],
};

let api: ReturnType<typeof openTestApi>;
afterEach(() => api?.cleanup());

describe("registry", () => {
  it("declares, for every operation, a zod schema, its roles and whether it writes", () => {
    for (const [name, operation] of Object.entries(registry) as [string, Operation][]) {
      // area.verb, or area.group.verb for an area with several groups (privacy.requests.create).
      expect(name).toMatch(/^[a-z]+(\.[a-z][a-zA-Z]*){1,2}$/);
      expect(operation.input).toBeInstanceOf(z.ZodType);
      expect(operation.roles === "public" || (Array.isArray(operation.roles) && operation.roles.length > 0)).toBe(true);
      expect(typeof operation.mutates).toBe("boolean");
      expect(typeof operation.handler).toBe("function");
    }
  });

  it("matches the written access policy, operation for operation", () => {
    const declared = Object.fromEntries(Object.entries(registry).map(([n, o]) => [n, (o as Operation).roles]));
    expect(declared).toEqual(POLICY);
  });
});

describe("dispatcher", () => {
  it("rejects an unknown operation, including names that exist on every object", async () => {
    api = openTestApi();
    for (const name of ["people.nope", "toString", "__proto__", "constructor"]) {
      const result = await api.call(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND", reason: "unknown_operation" } });
    }
  });

  it("refuses operations that need a session when there is none", async () => {
    api = openTestApi();
    expect(await api.call("users.list", {})).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await api.call("users.list", {}, "made-up-session")).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("answers bad input with VALIDATION naming the field, in the user's language", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    const result = await api.call("users.create", { username: "x", displayName: "Émile Zola", role: "agent", password: "password-1234" }, sessionId);
    expect(result).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "username" } });
    expect(result).toMatchObject({ ok: false, error: { message: "Nom d'utilisateur : au moins 2 caractères.", fieldMessage: "Au moins 2 caractères." } });

    await api.ok("session.setLanguage", { language: "en" }, sessionId);
    const english = await api.call("users.create", { username: "emile", displayName: "Émile", role: "boss", password: "password-1234" }, sessionId);
    expect(english).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "role" } });
    expect(english).toMatchObject({ ok: false, error: { message: "Role: choose a value from the list.", fieldMessage: "Choose a value from the list." } });

    const nested = await api.call("users.update", { id: "seven", version: 1 }, sessionId);
    expect(nested).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "id" } });
    const extra = await api.call("users.list", { sql: "DROP TABLE users" }, sessionId);
    expect(extra).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await api.call("users.list", "not an object", sessionId)).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });

  it("applies the role matrix: each role × each operation is allowed or FORBIDDEN as the policy says", async () => {
    api = openTestApi();
    const { sessionId: adminSession } = await api.admin();
    const sessions: Record<string, string> = { admin: adminSession };
    for (const role of ["agent", "support", "manager"] as const) sessions[role] = await api.loginAs(role, adminSession);

    for (const [name, allowed] of Object.entries(POLICY)) {
      if (allowed === "public") continue;
      for (const role of ROLES) {
        // Logout and lock would end the session the loop keeps using; they are covered in accounts tests.
        if (name === "session.logout" || name === "session.lock") continue;
        const result = await api.call(name, {}, sessions[role]);
        const forbidden = !result.ok && result.error.code === "FORBIDDEN";
        expect(forbidden, `${role} → ${name}`).toBe(!allowed.includes(role));
      }
    }
  });

  it("leaves no partial write when a handler throws mid-transaction, and hides the stack", async () => {
    const db = openTestDb();
    const logged: unknown[] = [];
    const testRegistry = {
      "test.halfWrite": op({
        input: z.strictObject({}),
        roles: "public",
        mutates: true,
        handler: (ctx) => {
          sqliteOnly(ctx.db).sqlite.prepare("INSERT INTO settings (key, value) VALUES ('half', '1')").run();
          throw new Error("disk on fire at /secret/path.ts:12");
        },
      }),
    };
    const { dispatch } = createDispatcher(testRegistry as unknown as Record<string, Operation>, { db, logError: (_i, _n, e) => logged.push(e) });
    const result = await dispatch("test.halfWrite", {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("INTERNAL");
      expect(JSON.stringify(result)).not.toMatch(/secret|disk on fire|\.ts:|at /);
      expect(result.error.message).toMatch(/\([0-9a-f]{8}\)$/); // an incident id support can look up
    }
    expect(logged).toHaveLength(1);
    expect(db.sqlite.prepare("SELECT count(*) FROM settings").pluck().get()).toBe(0);
    expect(db.sqlite.prepare("SELECT count(*) FROM audit_log").pluck().get()).toBe(0);
    db.cleanup();
  });

  it("refuses a write from an operation declared read-only, and leaves the connection writable after", async () => {
    const db = openTestDb();
    const testRegistry = {
      "test.sneakyWrite": op({
        input: z.strictObject({}),
        roles: "public",
        mutates: false,
        handler: (ctx) => sqliteOnly(ctx.db).sqlite.prepare("INSERT INTO settings (key, value) VALUES ('sneaky', '1')").run(),
      }),
      "test.honestWrite": op({
        input: z.strictObject({}),
        roles: "public",
        mutates: true,
        handler: (ctx) => sqliteOnly(ctx.db).sqlite.prepare("INSERT INTO settings (key, value) VALUES ('honest', '1')").run().changes,
      }),
    };
    const { dispatch } = createDispatcher(testRegistry as unknown as Record<string, Operation>, { db, logError: () => {} });
    expect(await dispatch("test.sneakyWrite", {})).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect(await dispatch("test.honestWrite", {})).toEqual({ ok: true, value: 1 });
    expect(db.sqlite.prepare("SELECT key FROM settings").pluck().all()).toEqual(["honest"]);
    db.cleanup();
  });

  it("refuses two operations with one name instead of letting the later one win", () => {
    const area = { "test.same": op({ input: z.strictObject({}), roles: "public", mutates: false, handler: () => 1 }) };
    const other = { "test.same": op({ input: z.strictObject({}), roles: "public", mutates: false, handler: () => 2 }) };
    expect(() => joinOperations(area, other)).toThrow("Operation test.same is registered twice");
    expect(() => joinAreas({ "a.b": diagnosticsContract["diagnostics.get"] }, { "a.b": diagnosticsContract["diagnostics.get"] })).toThrow("Operation a.b is declared twice");
  });

  it("turns a CHECK constraint breach into VALIDATION, not INTERNAL", async () => {
    const db = openTestDb();
    const testRegistry = {
      "test.tooLong": op({
        input: z.strictObject({}),
        roles: "public",
        mutates: true,
        handler: (ctx) => sqliteOnly(ctx.db).sqlite.prepare("INSERT INTO settings (key, value) VALUES (?, '1')").run("k".repeat(101)),
      }),
    };
    const { dispatch } = createDispatcher(testRegistry as unknown as Record<string, Operation>, { db });
    expect(await dispatch("test.tooLong", {})).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    db.cleanup();
  });

  it("locks an idle session: only unlock, logout and who-am-I answer until the password is given", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    setSettingSync(api.db, "session.idleMinutes", 15);
    api.advance(16 * 60_000);
    expect(await api.call("users.list", {}, sessionId)).toMatchObject({ ok: false, error: { code: "LOCKED" } });
    expect(await api.ok("session.me", {}, sessionId)).toMatchObject({ locked: true });
    expect(await api.call("session.unlock", { password: "wrong" }, sessionId)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", field: "password" } });
    expect(await api.call("users.list", {}, sessionId)).toMatchObject({ ok: false, error: { code: "LOCKED" } });
    await api.ok("session.unlock", { password: "correct horse battery" }, sessionId);
    expect((await api.ok<unknown[]>("users.list", {}, sessionId)).length).toBe(1);
  });

  it("ends a locked session after 5 wrong passwords on the lock screen", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    await api.ok("session.lock", {}, sessionId);
    for (let i = 0; i < 4; i++) expect(await api.call("session.unlock", { password: `guess-${i}` }, sessionId)).toMatchObject({ ok: false, error: { field: "password" } });
    expect(await api.call("session.unlock", { password: "guess-5" }, sessionId)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", reason: "not_logged_in" } });
    expect(await api.call("session.unlock", { password: "correct horse battery" }, sessionId)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("does not lock a session that stays active", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    for (let i = 0; i < 5; i++) {
      api.advance(10 * 60_000);
      expect((await api.call("users.list", {}, sessionId)).ok).toBe(true);
    }
  });

  it("locks a session whose only calls are a screen's polls (idle limit 1 min: locked by 150 s)", async () => {
    api = openTestApi();
    const { user } = await api.admin();
    setSettingSync(api.db, "session.idleMinutes", 1);
    // Every timer in renderer/src (grep setInterval / setTimeout loops): the queue and its overdue
    // alarm, today's call-backs, the privacy badge, an export's progress.
    const polls: [string, unknown][] = [
      ["reports.list", {}],
      ["reports.callbacksDue", {}],
      ["privacy.requests.counts", {}],
      ["exports.progress", { id: "00000000-0000-4000-8000-000000000000" }],
    ];
    for (const [name, input] of polls) {
      const sessionId = api.dispatcher.sessions.create(user.id, api.now()).id;
      const answers: (string | undefined)[] = [];
      for (let t = 0; t < 150; t += 25) {
        api.advance(25_000);
        const answer = await api.call(name, input, sessionId);
        answers.push(answer.ok ? "ok" : answer.error.code);
      }
      expect(answers.at(-1), name).toBe("LOCKED");
      expect(await api.ok("session.me", {}, sessionId), name).toMatchObject({ locked: true });
    }
    // The renderer's heartbeat (session.me on keyboard or pointer activity) and real calls still count.
    const working = api.dispatcher.sessions.create(user.id, api.now()).id;
    for (let t = 0; t < 150; t += 25) {
      api.advance(25_000);
      await api.ok(t % 50 ? "session.me" : "users.list", {}, working);
    }
    expect(await api.ok("session.me", {}, working)).toMatchObject({ locked: false });
  });

  it("ends a session session.maxHours after the login however active, with a reason the login screen shows", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    await api.ok("settings.update", { "session.idleMinutes": 240 }, sessionId);
    expect((await api.ok<any>("settings.get", {}, sessionId))["session.maxHours"]).toBe(12);
    for (let hour = 1; hour < 12; hour++) {
      api.advance(3_600_000);
      expect((await api.call("users.list", {}, sessionId)).ok, `hour ${hour}`).toBe(true);
    }
    api.advance(3_600_000);
    expect(await api.call("users.list", {}, sessionId)).toEqual({
      ok: false,
      error: { code: "UNAUTHENTICATED", reason: "session_expired", message: "Votre session a atteint sa durée maximale : reconnectez-vous." },
    });
    // Gone, not merely locked: the password does not bring it back.
    expect(await api.call("session.me", {}, sessionId)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", reason: "not_logged_in" } });
  });

  it("validates session.maxHours (whole hours, 1 to 24) and applies a shorter one to running sessions", async () => {
    api = openTestApi();
    const { sessionId } = await api.admin();
    for (const bad of [0, 25, 1.5, "12"]) {
      expect(await api.call("settings.update", { "session.maxHours": bad }, sessionId)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "session.maxHours" } });
    }
    await api.ok("settings.update", { "session.maxHours": 2, "session.idleMinutes": 240 }, sessionId);
    api.advance(2 * 3_600_000);
    expect(await api.call("users.list", {}, sessionId)).toMatchObject({ ok: false, error: { reason: "session_expired" } });
  });
});
