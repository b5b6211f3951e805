import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Dispatch } from "../../electron/api/dispatcher";
import type { Envelope } from "../../common/envelope";
import { registry } from "../../electron/api/registry";
import { openHost, type Host } from "../../electron/host";
import { registerIpc, type InvokeEvent } from "../../electron/ipc";
import { StubWebContents } from "./stub-electron";

const APP_PAGE = "app://crm/index.html";
const ADMIN = { username: "admin", displayName: "Admin", password: "correct horse battery staple" };

let dataDir: string;
let host: Host;
let reached: { name: string; input: unknown; sessionId: string | undefined }[];
let handler: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;
let ipc: ReturnType<typeof registerIpc>;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "jetinfo-ipc-"));
  host = openHost({ dataDir, migrationsDir: "db/migrations" });
  reached = [];
  const dispatch: Dispatch = (name, input, call) => {
    reached.push({ name, input, sessionId: call?.sessionId });
    return host.dispatcher.dispatch(name, input, call);
  };
  const handlers = new Map<string, typeof handler>();
  ipc = registerIpc({ handle: (channel, listener) => handlers.set(channel, listener) }, dispatch, {
    endSession: (id) => host.dispatcher.sessions.delete(id),
  });
  expect([...handlers.keys()]).toEqual(["crm:invoke"]);
  handler = handlers.get("crm:invoke")!;
});

afterEach(() => {
  host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function call(sender: StubWebContents, name: unknown, input: unknown = {}, url: string | null = APP_PAGE) {
  return handler({ sender, senderFrame: url === null ? null : { url } }, name, input) as Promise<Envelope<Record<string, unknown>>>;
}

function sessionIdOf(envelope: Envelope<Record<string, unknown>>): string {
  if (!envelope.ok) throw new Error(`expected a session, got ${envelope.error.code}`);
  return envelope.value.sessionId as string;
}

describe("IPC transport", () => {
  it("reaches every operation of the registry from the app's page", async () => {
    const page = new StubWebContents();
    const names = Object.keys(registry);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const envelope = await call(page, name, {});
      expect(typeof envelope.ok, name).toBe("boolean");
      if (!envelope.ok) {
        expect(envelope.error.reason, name).not.toBe("sender_not_allowed");
        expect(envelope.error.reason, name).not.toBe("unknown_operation");
        expect(["UNAUTHENTICATED", "VALIDATION", "FORBIDDEN"], `${name}: ${envelope.error.code}`).toContain(envelope.error.code);
      }
      // What crosses the process boundary must survive structured cloning unchanged.
      expect(structuredClone(envelope)).toEqual(envelope);
    }
    expect(reached.map((r) => r.name)).toEqual(names);
  });

  it("passes the operation name and input through to the dispatcher untouched", async () => {
    const page = new StubWebContents();
    const envelope = await call(page, "session.login", { username: "nobody", password: "wrong password" });
    expect(reached).toEqual([{ name: "session.login", input: { username: "nobody", password: "wrong password" }, sessionId: undefined }]);
    expect(envelope).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("refuses pages from any other origin without reaching the dispatcher", async () => {
    const page = new StubWebContents();
    for (const url of ["https://evil.example/", "app://crm.evil.example/index.html", "file:///tmp/index.html", "http://127.0.0.1:5173/", "app://other/index.html", "", null]) {
      const envelope = await call(page, "setup.status", {}, url);
      expect(envelope, String(url)).toEqual({
        ok: false,
        error: { code: "FORBIDDEN", message: expect.any(String), reason: "sender_not_allowed" },
      });
    }
    expect(reached).toEqual([]);
  });

  it("refuses a call without an operation name, as an envelope", async () => {
    const page = new StubWebContents();
    for (const name of [undefined, 42, { toString: () => "setup.status" }, ""]) {
      expect(await call(page, name)).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "name" } });
    }
    expect(reached).toEqual([]);
    expect(await call(page, "nothing.here")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("binds the login to the window that logged in, and logout forgets it", async () => {
    const desk = new StubWebContents();
    const other = new StubWebContents();

    const created = await call(desk, "setup.createAdmin", ADMIN);
    expect(created.ok).toBe(true);
    expect(await call(desk, "session.me")).toMatchObject({ ok: true, value: { user: { username: "admin", role: "admin" } } });
    expect(await call(other, "session.me")).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });

    expect(await call(desk, "session.logout")).toMatchObject({ ok: true });
    expect(ipc.sessionFor(desk.id)).toBeUndefined();
    expect(await call(desk, "session.me")).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });

    const login = await call(other, "session.login", { username: ADMIN.username, password: ADMIN.password });
    expect(login.ok).toBe(true);
    expect(await call(other, "session.me")).toMatchObject({ ok: true });
    expect(await call(desk, "session.me")).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("does not bind anything when the login fails", async () => {
    const desk = new StubWebContents();
    await call(desk, "setup.createAdmin", ADMIN);
    await call(desk, "session.logout");
    expect(await call(desk, "session.login", { username: ADMIN.username, password: "not the password" })).toMatchObject({ ok: false });
    expect(ipc.sessionFor(desk.id)).toBeUndefined();
  });

  it("ends the session when the window's webContents is destroyed", async () => {
    const desk = new StubWebContents();
    const created = await call(desk, "setup.createAdmin", ADMIN);
    const sessionId = sessionIdOf(created);
    expect(ipc.sessionFor(desk.id)).toBe(sessionId);

    desk.destroy();
    expect(ipc.sessionFor(desk.id)).toBeUndefined();
    expect(host.dispatcher.sessions.get(sessionId)).toBeUndefined();
  });

  it("ends the previous session when the same window logs in again", async () => {
    const desk = new StubWebContents();
    const first = sessionIdOf(await call(desk, "setup.createAdmin", ADMIN));
    const second = await call(desk, "session.login", { username: ADMIN.username, password: ADMIN.password });
    expect(host.dispatcher.sessions.get(first)).toBeUndefined();
    expect(ipc.sessionFor(desk.id)).toBe(sessionIdOf(second));
  });
});
