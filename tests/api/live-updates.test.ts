import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { CHANGE_ENTITIES, type ChangesAnswer } from "../../common/contract/events";
import { ChangeFeed, UNSHARED_OPERATIONS } from "../../electron/api/change-feed";
import { createDispatcher } from "../../electron/api/dispatcher";
import { openHost } from "../../electron/host";
import { op, type Operation } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";
import { MIGRATIONS_DIR, openTestApi, openTestDb, scratchDir } from "../fixtures/database";

/*
 * The live updates on the real dispatcher, the real registry and a real SQLite file: what a
 * committed write publishes (and what a refusal does not), that events carry no personal data,
 * and how a held events.wait ends (an event, the hold's end, a logout, a lock, a reset).
 */

const BASE = 1_000_000;
const HOLD_MS = 150;

type Answer = { ok: true; value: ChangesAnswer } | { ok: false; error: { code: string; reason?: string } };

let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

async function desks(feed = new ChangeFeed({ holdMs: HOLD_MS, base: BASE })) {
  const api = openTestApi({ feed });
  cleanups.push(() => api.cleanup());
  const { sessionId: admin } = await api.admin();
  const agent = await api.loginAs("agent", admin);
  const support = await api.loginAs("support", admin);
  const manager = await api.loginAs("manager", admin);
  const wait = (after: number, sessionId: string) => api.call("events.wait", { after }, sessionId) as Promise<Answer>;
  /** The events published since `after`, read straight from the feed. */
  const since = (after: number) => feed.since(after).events;
  return { api, feed, admin, agent, support, manager, wait, since };
}

describe("the change feed", () => {
  it("publishes each committed write as entity, id and operation, in order", async () => {
    const { api, feed, agent, support, wait } = await desks();
    const start = feed.current;
    const person = await api.ok("people.create", { firstName: "Jean", lastName: "Dupont" }, agent);
    await api.ok("people.update", { id: person.id, version: person.version, firstName: "Jeanne" }, agent);

    const answer = await wait(start, support);
    expect(answer).toEqual({
      ok: true,
      value: {
        seq: start + 2,
        events: [
          { seq: start + 1, entity: "person", id: person.id, op: "people.create" },
          { seq: start + 2, entity: "person", id: person.id, op: "people.update" },
        ],
      },
    });
    // The writing desk is told too, with its own writes marked: its screens refreshed with the answer.
    expect(await wait(start, agent)).toMatchObject({ ok: true, value: { events: [{ op: "people.create", mine: true }, { op: "people.update", mine: true }] } });
  });

  it("adds the other records a write changed: a report's reporter, a merge's removed person, an erasure's request", async () => {
    const { api, feed, agent, manager, admin, since } = await desks();
    const product = await api.ok("products.save", { name: "JetCompta", versions: ["5.2"] }, admin);
    const person = await api.ok("people.create", { firstName: "Jean", lastName: "Dupont" }, agent);
    const twin = await api.ok("people.create", { firstName: "Jean", lastName: "Dupond" }, agent);

    let start = feed.current;
    const report = await api.ok("reports.create", { personId: person.id, productId: product.id, productVersion: "5.2", title: "Plante", description: "Au démarrage", severity: "high" }, agent);
    expect(since(start)).toEqual([
      { seq: start + 1, entity: "error_report", id: report.id, op: "reports.create" },
      { seq: start + 2, entity: "person", id: person.id, op: "reports.create" },
    ]);

    start = feed.current;
    await api.ok("people.merge", { keepId: person.id, removeId: twin.id }, manager);
    expect(since(start).map(({ entity, id, op: name }) => [entity, id, name])).toEqual([
      ["person", person.id, "people.merge"],
      ["person", twin.id, "people.merge"],
    ]);

    const request = await api.ok("privacy.requests.create", { personId: person.id, kind: "erasure", channel: "phone" }, agent);
    await api.ok("privacy.requests.verifyIdentity", { id: request.id, method: "in_person" }, agent);
    start = feed.current;
    await api.ok("privacy.erase", { requestId: request.id, confirmLastName: "Dupont", suppressContacts: false }, agent);
    expect(since(start).map(({ entity, id, op: name }) => [entity, id, name])).toEqual([
      ["person", person.id, "privacy.erase"],
      ["privacy_request", request.id, "privacy.erase"],
    ]);
  });

  it("publishes nothing for a refusal, a stale save, a rolled-back write or a read", async () => {
    const { api, feed, agent, support } = await desks();
    const person = await api.ok("people.create", { firstName: "Jean", lastName: "Dupont" }, agent);
    await api.ok("people.update", { id: person.id, version: person.version, firstName: "Jeanne" }, agent);
    const start = feed.current;

    // The stale save: another desk's version is older than the row's.
    expect(await api.call("people.update", { id: person.id, version: person.version, firstName: "Jules" }, support)).toMatchObject({ ok: false, error: { code: "CONFLICT", reason: "stale" } });
    expect(await api.call("people.update", { id: person.id, version: person.version + 1, firstName: "J3@n" }, agent)).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await api.call("users.create", { username: "x2", displayName: "X", role: "agent", password: "password-1234" }, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await api.call("phones.remove", { id: 999_999 }, agent)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await api.ok("people.get", { id: person.id }, agent);
    await api.ok("people.search", { q: "Jeanne" }, agent);
    expect(feed.current).toBe(start);
  });

  it("publishes nothing when a write's transaction rolls back, or when it answers a refusal it commits", async () => {
    const db = openTestDb();
    cleanups.push(() => db.cleanup());
    const feed = new ChangeFeed({ base: BASE });
    const testRegistry = {
      "test.halfWrite": op({
        input: z.strictObject({}),
        roles: "public",
        mutates: true,
        handler: (ctx) => {
          ctx.changed("person", 1);
          throw new Error("disk on fire");
        },
        audit: { entity: "person", entityId: () => 1 },
      }),
    };
    const { dispatch } = createDispatcher(testRegistry as unknown as Record<string, Operation>, { db, feed, logError: () => undefined });
    expect(await dispatch("test.halfWrite", {})).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect(feed.current).toBe(BASE);

    // A wrong password is a Refusal whose throttle count is committed: still no change to publish.
    const api = openTestApi({ feed });
    cleanups.push(() => api.cleanup());
    await api.admin();
    const start = feed.current;
    expect(await api.call("session.login", { username: "admin", password: "wrong wrong wrong" })).toMatchObject({ ok: false, error: { reason: "bad_credentials" } });
    expect(feed.current).toBe(start);
  });

  it("never carries a name or a value, whatever was typed", async () => {
    const { api, feed, agent, admin } = await desks();
    const product = await api.ok("products.save", { name: "Produit-Marqueur-Qz", versions: ["1"] }, admin);
    // Markers that cannot appear in an event by chance (no digits, so not in an id or a number).
    const marker = fc.tuple(fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ]{1,20}$/), fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ]{1,20}$/)).map(([a, b]) => `Qz${a} d'${b}Qz`);
    await fc.assert(
      fc.asyncProperty(marker, marker, async (first, last) => {
        const start = feed.current;
        const person = await api.ok("people.create", { firstName: first, lastName: last, emails: [{ email: "qz.marker@example.ch" }] }, agent);
        await api.ok("people.update", { id: person.id, version: person.version, firstName: last }, agent);
        await api.ok("phones.add", { personId: person.id, number: "079 123 45 67", kind: "mobile" }, agent);
        await api.ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "comment", summary: `${first} a appelé` }, agent);
        await api.ok("reports.create", { personId: person.id, productId: product.id, productVersion: "1", title: last, description: first, severity: "low" }, agent);
        const json = JSON.stringify(feed.since(start));
        for (const value of [first, last, "qz.marker", "41791234567", "Produit-Marqueur", "Qz"]) expect(json).not.toContain(value);
        expect(feed.since(start).events.length).toBe(6);
      }),
      { numRuns: 15 },
    );
  });

  it("describes every write of the registry: each one's audit entity is a change entity, or it changes nothing shared", () => {
    const entities: readonly string[] = CHANGE_ENTITIES;
    for (const [name, operation] of Object.entries(registry) as [string, Operation][]) {
      if (!operation.mutates || UNSHARED_OPERATIONS.has(name)) continue;
      expect(operation.audit?.entity, name).toBeDefined();
      expect(entities, `${name} writes ${operation.audit?.entity}`).toContain(operation.audit!.entity);
    }
  });
});

describe("events.wait", () => {
  it("answers at once with what it missed, and holds until the next change otherwise", async () => {
    const { api, feed, agent, support, wait } = await desks();
    const person = await api.ok("people.create", { firstName: "Jean", lastName: "Dupont" }, agent);

    // Held: nothing after the current number yet. Answered by the next commit, well before the hold ends.
    const held = wait(feed.current, support);
    await new Promise((done) => setTimeout(done, 20));
    expect(feed.waiting).toBe(1);
    const asked = performance.now();
    await api.ok("people.update", { id: person.id, version: person.version, lastName: "Durand" }, agent);
    const answer = await held;
    expect(performance.now() - asked).toBeLessThan(HOLD_MS);
    expect(answer).toMatchObject({ ok: true, value: { events: [{ entity: "person", id: person.id, op: "people.update" }] } });
    expect(feed.waiting).toBe(0);
  });

  it("answers {seq, events: []} when the hold ends without a change; 0 means from now", async () => {
    const { api, feed, agent, wait } = await desks();
    await api.ok("people.create", { firstName: "Jean", lastName: "Dupont" }, agent);
    const started = performance.now();
    // A desk that just signed in read everything already: 0 does not replay what came before.
    const answer = await wait(0, agent);
    expect(performance.now() - started).toBeGreaterThanOrEqual(HOLD_MS - 5);
    expect(answer).toEqual({ ok: true, value: { seq: feed.current, events: [] } });
  });

  it("says reset when the number is too old for the buffer, from another server run, or from before a reset", async () => {
    const feed = new ChangeFeed({ holdMs: HOLD_MS, base: BASE, capacity: 3 });
    const { api, agent, wait } = await desks(feed);
    const start = feed.current;
    for (let i = 0; i < 5; i++) await api.ok("people.create", { firstName: "Jean", lastName: `Dupont${"x".repeat(i)}` }, agent);
    expect(await wait(start, agent)).toEqual({ ok: true, value: { seq: start + 5, events: [], reset: true } });
    expect(await wait(start + 2, agent)).toMatchObject({ ok: true, value: { seq: start + 5, events: [{ seq: start + 3 }, { seq: start + 4 }, { seq: start + 5 }] } });
    // Another run's numbers: below this run's base, or beyond its newest.
    expect(await wait(17, agent)).toMatchObject({ ok: true, value: { reset: true } });
    expect(await wait(start + 1_000, agent)).toMatchObject({ ok: true, value: { reset: true } });

    const held = wait(feed.current, agent);
    await new Promise((done) => setTimeout(done, 20));
    feed.reset();
    expect(await held).toEqual({ ok: true, value: { seq: start + 6, events: [], reset: true } });
  });

  it("ends at once when the session logs out or locks, and refuses a third call held by one session", async () => {
    const { api, feed, agent, support, wait } = await desks(new ChangeFeed({ holdMs: 10_000, base: BASE }));
    const loggedOut = wait(feed.current, agent);
    await new Promise((done) => setTimeout(done, 20));
    await api.ok("session.logout", {}, agent);
    expect(await loggedOut).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });

    const first = wait(feed.current, support);
    const second = wait(feed.current, support);
    await new Promise((done) => setTimeout(done, 20));
    expect(await wait(feed.current, support)).toMatchObject({ ok: false, error: { code: "CONFLICT", reason: "too_many_waits" } });
    await api.ok("session.lock", {}, support);
    expect(await first).toMatchObject({ ok: false, error: { code: "LOCKED" } });
    expect(await second).toMatchObject({ ok: false, error: { code: "LOCKED" } });
    expect(await wait(feed.current, support)).toMatchObject({ ok: false, error: { code: "LOCKED" } });
    expect(feed.waiting).toBe(0);
  });

  it("is no activity: a desk left open with its held calls still locks after the idle delay", async () => {
    const { api, agent, wait, feed } = await desks();
    const lastActivity = api.dispatcher.sessions.get(agent)!.lastActivity;
    api.advance(60_000);
    await wait(feed.current, agent);
    expect(api.dispatcher.sessions.get(agent)!.lastActivity).toBe(lastActivity);
    api.advance(24 * 60 * 60_000);
    expect(await wait(feed.current, agent)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/LOCKED|UNAUTHENTICATED/) } });
  });
});

describe("a restored backup", () => {
  it("tells every held call to read everything again", async () => {
    const scratch = scratchDir();
    const host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false });
    cleanups.push(async () => {
      await host.whenIdle();
      if (host.db.sqlite.open) host.close();
      scratch.remove();
    });
    const dispatch = host.dispatcher.dispatch;
    const created = (await dispatch("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" })) as { ok: true; value: { sessionId: string } };
    const admin = created.value.sessionId;
    const backup = (await dispatch("backups.create", {}, { sessionId: admin })) as { ok: true; value: { name: string } };
    const before = host.dispatcher.feed.current;
    expect(host.dispatcher.feed.since(before - 1).events).toMatchObject([{ entity: "backup", id: backup.value.name, op: "backups.create" }]);

    const held = dispatch("events.wait", { after: before }, { sessionId: admin });
    expect(await dispatch("backups.restore", { name: backup.value.name }, { sessionId: admin })).toMatchObject({ ok: true });
    expect(await held).toMatchObject({ ok: true, value: { events: [], reset: true } });
    expect(host.dispatcher.feed.since(before)).toMatchObject({ reset: true });
  });
});
