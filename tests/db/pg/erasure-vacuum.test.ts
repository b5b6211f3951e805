import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openPgDb } from "../../../db/pg/served";
import { createDispatcher } from "../../../electron/api/dispatcher";
import type { HostControl } from "../../../electron/api/host-control";
import type { Operation } from "../../../electron/api/operation";
import { registry } from "../../../electron/api/registry";
import { inThisThread } from "../../../electron/workers/pool";
import { fixturePasswordHash } from "../../fixtures/database";
import { createAppLogin, createTestDatabase, type AppLogin, type TestDatabase } from "../../fixtures/postgres";

// What only a team server on PostgreSQL has after an erasure or a retention run: the vacuum of the
// changed tables on the schema owner's connection, and what the user and the log are told when it
// cannot happen (no owner's connection, an "owner" that owns nothing, a server restarted since).

/** Who the server was given as the schema's owner (`--database-owner`). */
type OwnerGiven = "owner" | "none" | "not the owner";

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A team server's database and dispatcher, as `npm run server -- --database … [--database-owner …]` opens it. */
async function teamServer(owner: OwnerGiven, existing?: { database: TestDatabase; login: AppLogin }) {
  const database = existing?.database ?? (await createTestDatabase());
  const login = existing?.login ?? (await createAppLogin(database));
  const other = owner === "not the owner" ? await createAppLogin(database) : undefined;
  const folder = mkdtempSync(join(tmpdir(), "jetinfo-pg-vacuum-"));
  const ownerUrl = owner === "owner" ? database.url : other?.url;
  const db = await openPgDb({ url: login.url, ownerUrl, keyFolder: folder, poolSize: 2 });
  cleanups.push(async () => {
    await db.close();
    rmSync(folder, { recursive: true, force: true });
    await other?.drop();
    if (!existing) {
      await login.drop();
      await database.drop();
    }
  });
  const logged: { level: string; event: string; fields: Record<string, unknown> }[] = [];
  const log = (level: string) => (event: string, fields: Record<string, unknown> = {}) => logged.push({ level, event, fields });
  // Only the log of a host: the vacuum's outcome is written there.
  const host = { log: { dir: folder, file: join(folder, "test.log"), info: log("INFO"), warn: log("WARN"), error: log("ERROR") } } as unknown as HostControl;
  const clock = Date.UTC(2026, 10, 25, 9, 0, 0);
  const dispatcher = createDispatcher(registry as unknown as Record<string, Operation>, { db, workers: inThisThread(() => db), now: () => clock, host, logError: () => {} });
  const ok = async <T = any>(name: string, input: unknown, sessionId: string): Promise<T> => {
    const result = await dispatcher.dispatch(name, input, { sessionId });
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const loginAs = async (role: "agent" | "manager") => {
    const row = await db.engine.transaction("write", (tx) =>
      tx.one<{ id: number }>(
        sql`INSERT INTO users (username, display_name, role, language, password_hash, created_at, updated_at) VALUES (${`${role}${Math.random().toString(36).slice(2, 8)}`}, ${role}, ${role}, 'en', ${fixturePasswordHash()}, ${clock}, ${clock}) RETURNING id`,
      ),
    );
    return dispatcher.sessions.create(row!.id, clock).id;
  };
  return { db, database, login, ok, loginAs, logged };
}

/** A person with an erasure request whose identity was checked. */
async function erasureRequest(server: Awaited<ReturnType<typeof teamServer>>, agent: string) {
  const person = await server.ok<{ id: number }>("people.create", { firstName: "Søren", lastName: "Straße", phones: [{ number: "022 735 33 92" }], emails: [{ email: "soren@example.ch" }] }, agent);
  const request = await server.ok<{ id: number }>("privacy.requests.create", { personId: person.id, kind: "erasure", channel: "phone" }, agent);
  await server.ok("privacy.requests.verifyIdentity", { id: request.id, method: "callback_on_file" }, agent);
  return { person, request };
}

async function lastVacuum(db: TestDatabase, table: string): Promise<Date | null> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<{ at: Date | null }>("SELECT last_vacuum AS at FROM pg_stat_user_tables WHERE relname = $1", [table])).rows[0]?.at ?? null;
  } finally {
    await client.end();
  }
}

async function settled(server: Awaited<ReturnType<typeof teamServer>>, requestId: number, agent: string) {
  return vi.waitFor(
    async () => {
      const status = await server.ok<{ done: boolean; vacuumFailed?: string }>("privacy.erasureStatus", { requestId }, agent);
      if (!status.done && !status.vacuumFailed) throw new Error("still vacuuming");
      return status;
    },
    { timeout: 10_000, interval: 50 },
  );
}

describe("the vacuum after an erasure on a team server's PostgreSQL", () => {
  it("runs on the owner's connection after the answer, and the log says so with ids and counts", async () => {
    const server = await teamServer("owner");
    const agent = await server.loginAs("agent");
    const { request } = await erasureRequest(server, agent);
    expect(await server.ok("privacy.erase", { requestId: request.id, confirmLastName: "Strasse" }, agent)).toMatchObject({ cleanup: "vacuum", done: false });
    expect(await settled(server, request.id, agent)).toEqual({ requestId: request.id, cleanup: "vacuum", done: true });
    expect(await lastVacuum(server.database, "people")).not.toBeNull();
    expect(server.logged).toEqual([{ level: "INFO", event: "vacuum.done", fields: { keys: `erasure:${request.id}`, tables: expect.any(Number), ms: expect.any(Number) } }]);
  });

  it("says the vacuum did not happen on a server started without the owner's connection, the person being gone all the same", async () => {
    const server = await teamServer("none");
    const agent = await server.loginAs("agent");
    const { person, request } = await erasureRequest(server, agent);
    const erased = await server.ok("privacy.erase", { requestId: request.id, confirmLastName: "Strasse" }, agent);
    expect(erased).toMatchObject({ cleanup: "vacuum", done: false, vacuumFailed: "no_owner" });
    expect(await server.ok("privacy.erasureStatus", { requestId: request.id }, agent)).toEqual({ requestId: request.id, cleanup: "vacuum", done: false, vacuumFailed: "no_owner" });
    expect(await server.ok("people.search", { q: "soren strasse" }, agent)).toEqual([]);
    expect(await server.ok("people.search", { q: "022 735 33 92" }, agent)).toEqual([]);
    expect((await server.db.engine.transaction("read", (tx) => tx.one(sql`SELECT 1 AS found FROM people WHERE id = ${person.id}`))) ?? null).toBeNull();
    expect(await lastVacuum(server.database, "people")).toBeNull();
    expect(server.logged).toEqual([{ level: "WARN", event: "vacuum.noOwner", fields: { key: `erasure:${request.id}`, tables: expect.any(Number) } }]);
  });

  it("says the vacuum did not happen when PostgreSQL skipped it: the role given as owner owns no table", async () => {
    const server = await teamServer("not the owner");
    const agent = await server.loginAs("agent");
    const { request } = await erasureRequest(server, agent);
    await server.ok("privacy.erase", { requestId: request.id, confirmLastName: "Strasse" }, agent);
    expect(await settled(server, request.id, agent)).toEqual({ requestId: request.id, cleanup: "vacuum", done: false, vacuumFailed: "skipped" });
    expect(await lastVacuum(server.database, "people")).toBeNull();
    expect(server.logged).toEqual([{ level: "ERROR", event: "vacuum.skipped", fields: { keys: `erasure:${request.id}`, tables: expect.any(Number), skipped: expect.any(Number) } }]);
  });

  it("does not claim a vacuum it has no record of, after the server restarted", async () => {
    const first = await teamServer("owner");
    const agent = await first.loginAs("agent");
    const { request } = await erasureRequest(first, agent);
    await first.ok("privacy.erase", { requestId: request.id, confirmLastName: "Strasse" }, agent);
    await settled(first, request.id, agent);
    const restarted = await teamServer("owner", { database: first.database, login: first.login });
    const again = await restarted.loginAs("agent");
    expect(await restarted.ok("privacy.erasureStatus", { requestId: request.id }, again)).toEqual({ requestId: request.id, cleanup: "vacuum", done: false, vacuumFailed: "not_recorded" });
  });

  it.each(["owner", "none"] as const)("vacuums what a retention run removed, or says at once it cannot (owner's connection: %s)", async (owner) => {
    const server = await teamServer(owner);
    const agent = await server.loginAs("agent");
    const manager = await server.loginAs("manager");
    const person = await server.ok<{ id: number }>("people.create", { lastName: "Rochat" }, agent);
    await server.ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "information", summary: "Un vieil appel", at: Date.UTC(2012, 0, 10, 9, 0, 0) }, agent);
    const applied = await server.ok("retention.apply", { rules: ["interactions"] }, manager);
    const done = { interactions: 1, closed_reports: 0, training_requests: 0, inactive_people: 0 };
    if (owner === "none") {
      expect(applied).toEqual({ done, cleanup: "vacuum", vacuumFailed: "no_owner" });
      expect(await lastVacuum(server.database, "interactions")).toBeNull();
      return;
    }
    expect(applied).toEqual({ done, cleanup: "vacuum" });
    await vi.waitFor(async () => expect(await lastVacuum(server.database, "interactions")).not.toBeNull(), { timeout: 10_000, interval: 50 });
    // Only the table the run changed.
    expect(await lastVacuum(server.database, "people")).toBeNull();
  });
});
