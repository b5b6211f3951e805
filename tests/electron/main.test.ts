import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { message } from "../../common/messages";
import { fingerprintOf } from "../../electron/team/fingerprint";
import { selfSignedCredentials, startTeamServerDouble, type Credentials, type TeamServerDouble } from "../fixtures/team-server-double";
import { listBackups } from "../../db/backups";
import { DATABASE_FILE } from "../../electron/host";
import { DESK_MODE_FILE } from "../../electron/desk/desk-mode";
import { CRASH_MESSAGE, startShell, STARTUP_REFUSED, type ShellStarted } from "../../electron/main";
import { CONTENT_SECURITY_POLICY } from "../../electron/static-files";
import { app, recorded, resetStub, StubEvent, type BrowserWindow } from "./stub-electron";

let dataDir: string;
let rendererDir: string;
let started: ShellStarted | undefined;

function launch(extraArgs: string[] = []) {
  return startShell({
    argv: ["/opt/electron", "dist/main.cjs", "--data", dataDir, ...extraArgs],
    env: {},
    paths: { preload: "/app/dist/preload.cjs", renderer: rendererDir, migrations: "db/migrations" },
  });
}

function mainWindow(): BrowserWindow {
  const window = recorded.windows[0];
  if (!window) throw new Error("no window was created");
  return window;
}

/** What the page sees calling `window.crm.invoke` from a frame at `url`. */
function invokeFrom(url: string, name: string, input: unknown = {}) {
  const handler = recorded.ipcHandlers.get("crm:invoke");
  if (!handler) throw new Error("crm:invoke is not registered");
  return handler({ sender: mainWindow().webContents, senderFrame: { url } }, name, input) as Promise<unknown>;
}

let listenersBefore = 0;
beforeEach(() => {
  listenersBefore = process.listenerCount("uncaughtException");
  resetStub();
  const root = mkdtempSync(join(tmpdir(), "jetinfo-shell-"));
  dataDir = join(root, "data");
  rendererDir = join(root, "renderer");
  mkdirSync(rendererDir);
  // A desk chosen local, as every desk was before team mode (the team tests below write their own).
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, DESK_MODE_FILE), JSON.stringify({ mode: "local" }));
  writeFileSync(join(rendererDir, "index.html"), "<!doctype html><title>Jet Info CRM</title>");
  started = undefined;
});

afterEach(() => {
  app.emit("will-quit");
  rmSync(join(dataDir, ".."), { recursive: true, force: true });
});

describe("Electron shell", () => {
  it("opens one window with context isolation, the sandbox, no Node and no webview", async () => {
    started = await launch();
    expect(recorded.windows).toHaveLength(1);
    expect(mainWindow().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: "/app/dist/preload.cjs",
    });
    expect(recorded.calls).toContain("app.enableSandbox");
    expect(mainWindow().loadedUrls).toEqual(["app://crm/index.html"]);
  });

  it("registers app:// as a privileged scheme before ready and serves the renderer with the CSP", async () => {
    started = await launch();
    expect(recorded.privilegedSchemes).toEqual([{ scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(recorded.calls.indexOf("protocol.registerSchemesAsPrivileged")).toBeLessThan(recorded.calls.indexOf("app.whenReady"));

    const serve = recorded.protocolHandlers.get("app");
    expect(serve).toBeDefined();
    const response = await serve!(new Request("app://crm/index.html"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain("<title>Jet Info CRM</title>");
  });

  it("takes the single-instance lock, and a second launch brings the window back", async () => {
    started = await launch();
    expect(recorded.calls).toContain("app.requestSingleInstanceLock");
    const window = mainWindow();
    window.minimize();
    app.emit("second-instance", {}, ["/opt/electron", "dist/main.cjs"], "/");
    expect(window.calls.slice(-3)).toEqual(["restore", "show", "focus"]);
  });

  it("quits without a window or a database when another instance holds the lock", async () => {
    resetStub({ singleInstanceLock: false });
    started = await launch();
    expect(started).toBeUndefined();
    expect(recorded.quitCalled).toBe(true);
    expect(recorded.windows).toHaveLength(0);
    expect(recorded.ipcHandlers.size).toBe(0);
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it("opens the real database in the --data folder, set before ready and before the lock", async () => {
    started = await launch();
    expect(recorded.paths.get("userData")).toBe(dataDir);
    expect(recorded.calls.indexOf("app.setPath:userData")).toBeLessThan(recorded.calls.indexOf("app.requestSingleInstanceLock"));
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true);
    expect(await invokeFrom("app://crm/index.html", "setup.status")).toEqual({ ok: true, value: { needsAdmin: true } });
  });

  it.runIf(process.platform === "linux")("without --data, uses the browser mode's data folder", async () => {
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = join(dataDir, "config");
    try {
      mkdirSync(join(dataDir, "config", "Jet Info CRM"), { recursive: true });
      writeFileSync(join(dataDir, "config", "Jet Info CRM", DESK_MODE_FILE), JSON.stringify({ mode: "local" }));
      started = await startShell({ argv: ["/opt/electron", "dist/main.cjs"], env: {}, paths: { preload: "/p.cjs", renderer: rendererDir, migrations: "db/migrations" } });
      expect(recorded.paths.get("userData")).toBe(join(dataDir, "config", "Jet Info CRM"));
      expect(existsSync(join(dataDir, "config", "Jet Info CRM", DATABASE_FILE))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });

  it("keeps navigation inside app://crm", async () => {
    started = await launch();
    const contents = mainWindow().webContents;
    const navigate = (url: string) => {
      const event = new StubEvent(url);
      contents.emit("will-navigate", event, url);
      return event.defaultPrevented;
    };
    expect(navigate("app://crm/index.html#/people")).toBe(false);
    expect(navigate("https://evil.example/")).toBe(true);
    expect(navigate("app://crm.evil.example/index.html")).toBe(true);
    expect(navigate("file:///etc/passwd")).toBe(true);
    expect(navigate("http://127.0.0.1:8080/")).toBe(true);

    const webview = new StubEvent();
    contents.emit("will-attach-webview", webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });

  it("denies every new window and hands only https, mailto and tel links to the system", async () => {
    started = await launch();
    const open = mainWindow().webContents.windowOpenHandler;
    expect(open).toBeDefined();
    const urls = [
      "https://www.jetinfo.ch/contact",
      "mailto:info@jetinfo.ch",
      "tel:+41227353392",
      "javascript:alert(1)",
      "file:///etc/passwd",
      "http://www.jetinfo.ch/",
      "app://crm/index.html",
      "https://bank.ch@evil.example/",
      "smb://server/share",
      "not a url",
    ];
    for (const url of urls) expect(open!({ url, disposition: "new-window" })).toEqual({ action: "deny" });
    expect(recorded.openedExternal).toEqual(["https://www.jetinfo.ch/contact", "mailto:info@jetinfo.ch", "tel:+41227353392"]);
  });

  it("follows an allowed link clicked in the page outside the app, and no other", async () => {
    started = await launch();
    const contents = mainWindow().webContents;
    contents.emit("will-navigate", new StubEvent("mailto:info@jetinfo.ch"), "mailto:info@jetinfo.ch");
    contents.emit("will-navigate", new StubEvent("javascript:alert(1)"), "javascript:alert(1)");
    expect(recorded.openedExternal).toEqual(["mailto:info@jetinfo.ch"]);
  });

  it("denies every permission request and check", async () => {
    started = await launch();
    const answers: boolean[] = [];
    for (const permission of ["media", "geolocation", "notifications", "clipboard-read", "openExternal"]) {
      recorded.permissionRequestHandler!(mainWindow().webContents, permission, (granted: boolean) => answers.push(granted), {});
      expect(recorded.permissionCheckHandler!(mainWindow().webContents, permission, "app://crm", {})).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false]);
  });

  it("waits for a running backup before quitting, then closes the database (issue 12 item 14)", async () => {
    started = await launch();
    const host = started!.host!;
    const backup = host.control.backupNow("manual");
    const quitted = new Promise((done) => app.once("will-quit", done));
    app.quit();
    expect(host.db.sqlite.open).toBe(true); // the quit waits
    const made = await backup;
    await quitted;
    expect(host.db.sqlite.open).toBe(false);
    expect(listBackups(join(dataDir, "backups")).map((b) => b.name)).toContain(made.name);
    expect(readFileSync(join(dataDir, "logs", "jetinfo-crm.log"), "utf8")).not.toMatch(/backup\.(failed|abandoned)/);
  });

  it("remembers the window's size and place in window-state.json", async () => {
    started = await launch();
    const window = mainWindow();
    window.setBounds({ x: 40, y: 30, width: 1400, height: 900 });
    window.close();
    app.emit("will-quit");
    const file = join(dataDir, "window-state.json");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ x: 40, y: 30, width: 1400, height: 900, maximized: false });

    resetStub();
    started = await launch();
    expect(mainWindow().options).toMatchObject({ x: 40, y: 30, width: 1400, height: 900 });
  });

  it("ends the window's session when the window goes away", async () => {
    started = await launch();
    const created = await invokeFrom("app://crm/index.html", "setup.createAdmin", {
      username: "admin",
      displayName: "Admin",
      password: "correct horse battery staple",
    });
    const sessionId = (created as { value: { sessionId: string } }).value.sessionId;
    expect(started!.host!.dispatcher.sessions.get(sessionId)).toBeDefined();
    mainWindow().close();
    expect(started!.host!.dispatcher.sessions.get(sessionId)).toBeUndefined();
  });

  it("answers an unexpected main-process error with a plain message, never the error's text", async () => {
    started = await launch();
    const emit = process.emit.bind(process) as (event: string, ...args: unknown[]) => boolean;
    emit("uncaughtException", new Error("constraint failed: Dupont +41791234567"), "uncaughtException");
    expect(recorded.errorBoxes).toHaveLength(1);
    expect(recorded.errorBoxes[0]?.content).toBe(CRASH_MESSAGE.fr); // the stub's system locale is fr-CH
    expect(recorded.errorBoxes[0]?.content).not.toMatch(/Dupont|41791234567|constraint/);
    app.emit("will-quit");
    expect(process.listenerCount("uncaughtException")).toBe(listenersBefore);
  });

  it("refuses a database written by a newer version with a message instead of a window", async () => {
    mkdirSync(dataDir, { recursive: true });
    const future = new Database(join(dataDir, DATABASE_FILE));
    future.pragma("user_version = 999");
    future.close();

    // The refusal is logged as an error and echoed to stderr: caught, so a green run prints no ERROR line.
    const echoed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    started = await launch();
    const lines = echoed.mock.calls.map(([line]) => String(line));
    echoed.mockRestore();
    expect(lines).toEqual([expect.stringMatching(/ERROR database.openFailed error=DatabaseFromFutureError/)]);
    expect(started).toBeUndefined();
    expect(recorded.windows).toHaveLength(0);
    expect(recorded.errorBoxes).toHaveLength(1);
    expect(recorded.exitCode).toBe(STARTUP_REFUSED);
    expect(recorded.errorBoxes[0]?.content).toMatch(/999/);
  });
});

describe("the desk's mode (issue 15)", () => {
  let credentials: Credentials;
  let server: TeamServerDouble | undefined;
  beforeAll(async () => {
    credentials = await selfSignedCredentials();
  });
  afterEach(async () => {
    app.emit("will-quit");
    await server?.close();
    server = undefined;
  });

  /** A team server that logs anyone in as session "server-session-1" and echoes every other call. */
  async function teamServer(): Promise<TeamServerDouble> {
    return startTeamServerDouble(credentials, {
      answer: (operation, input, sessionId) => {
        const user = { role: "agent", language: "fr" };
        if (operation === "session.login") return { ok: true, value: { sessionId: "server-session-1", user } };
        if (operation === "session.me") return sessionId === "server-session-1" ? { ok: true, value: { user } } : { ok: false, error: { code: "UNAUTHENTICATED", reason: "not_logged_in", message: "Veuillez vous connecter." } };
        return { ok: true, value: { operation, input } };
      },
    });
  }
  const fingerprint = () => fingerprintOf(credentials.cert);
  const teamDesk = (url: string, pinned = fingerprint()) => writeFileSync(join(dataDir, DESK_MODE_FILE), JSON.stringify({ mode: "team", url, fingerprint: pinned }));

  it("asks at first start, opening no database until local is chosen", async () => {
    rmSync(join(dataDir, DESK_MODE_FILE));
    started = await launch();
    expect(recorded.windows).toHaveLength(1);
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
    expect(await invokeFrom("app://crm/index.html", "desk.mode")).toEqual({ ok: true, value: { mode: "unset", unreadable: false } });
    expect(await invokeFrom("app://crm/index.html", "setup.status")).toMatchObject({ ok: false, error: { reason: "desk_not_configured" } });

    expect(await invokeFrom("app://crm/index.html", "desk.choose", { mode: "local" })).toEqual({ ok: true, value: { mode: "local" } });
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true);
    expect(JSON.parse(readFileSync(join(dataDir, DESK_MODE_FILE), "utf8"))).toEqual({ mode: "local" });
    expect(await invokeFrom("app://crm/index.html", "setup.status")).toEqual({ ok: true, value: { needsAdmin: true } });
  });

  it("in team mode opens no database and forwards the page's calls, with the window's session, to the server", async () => {
    server = await teamServer();
    teamDesk(server.url);
    started = await launch();
    expect(started!.host).toBeUndefined();
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
    expect(await invokeFrom("app://crm/index.html", "desk.mode")).toEqual({ ok: true, value: { mode: "team", url: server.url, trust: "fingerprint", fingerprint: fingerprint() } });

    expect(await invokeFrom("app://crm/index.html", "session.login", { username: "agent", password: "secret password" })).toMatchObject({ ok: true });
    expect(await invokeFrom("app://crm/index.html", "people.search", { q: "Dupont" })).toEqual({ ok: true, value: { operation: "people.search", input: { q: "Dupont" } } });
    expect(server.calls.map((c) => [c.operation, c.sessionId])).toEqual([
      ["session.login", undefined],
      ["people.search", "server-session-1"],
    ]);
    // A page from elsewhere still gets nothing, in team mode as in local mode.
    expect(await invokeFrom("https://evil.example/", "people.search", { q: "Dupont" })).toMatchObject({ ok: false, error: { reason: "sender_not_allowed" } });
    expect(server.calls).toHaveLength(2);

    // The window goes away: its session ends on the server too.
    mainWindow().close();
    await vi.waitFor(() => expect(server!.calls.at(-1)).toMatchObject({ operation: "session.logout", sessionId: "server-session-1" }));
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
  });

  it("opens the caller's lookup on a team desk, against the server (the phone system's pop-up)", async () => {
    server = await teamServer();
    teamDesk(server.url);
    started = await launch(["--", "jetinfo-crm://call?from=%2B41227353392"]);
    expect(mainWindow().loadedUrls).toEqual(["app://crm/index.html#/call?from=%2B41227353392"]);
    await invokeFrom("app://crm/index.html#/call?from=%2B41227353392", "session.login", { username: "agent", password: "secret password" });
    // What the call route's lookup asks, from the page, reaches the team server with the agent's session.
    expect(await invokeFrom("app://crm/index.html#/call?from=%2B41227353392", "people.search", { q: "+41227353392" })).toMatchObject({ ok: true });
    expect(server.calls.at(-1)).toEqual({ operation: "people.search", input: { q: "+41227353392" }, sessionId: "server-session-1", clientVersion: server.version });

    // A second call while running: to the front, then the call route, as on a local desk.
    app.emit("second-instance", new StubEvent(), ["/opt/jet", "--", "jetinfo-crm://call?from=%2B41791234567"], "/");
    expect(mainWindow().webContents.executedScripts.at(-1)).toBe('window.location.hash = "#/call?from=%2B41791234567";');
  });

  it("refuses a server with another certificate: the page gets a sentence, the server gets nothing", async () => {
    server = await teamServer();
    teamDesk(server.url, "AB:".repeat(31) + "AB");
    started = await launch();
    expect(await invokeFrom("app://crm/index.html", "session.login", { username: "agent", password: "secret password" })).toMatchObject({
      ok: false,
      error: { reason: "team_certificate_changed", message: message("team_certificate_changed", "fr") },
    });
    expect(server.calls).toEqual([]);
  });

  it("chooses the team server at first start only once it answered with the confirmed certificate", async () => {
    server = await teamServer();
    rmSync(join(dataDir, DESK_MODE_FILE));
    started = await launch();
    const probed = await invokeFrom("app://crm/index.html", "desk.probe", { url: server.url.replace("https://", "") });
    expect(probed).toMatchObject({ ok: true, value: { url: server.url, fingerprint: fingerprint() } });

    const wrong = await invokeFrom("app://crm/index.html", "desk.choose", { mode: "team", url: server.url, trust: { kind: "fingerprint", fingerprint: "CD".repeat(32) } });
    expect(wrong).toMatchObject({ ok: false, error: { field: "url", reason: "team_certificate_changed" } });
    expect(await invokeFrom("app://crm/index.html", "desk.mode")).toEqual({ ok: true, value: { mode: "unset", unreadable: false } });

    const chosen = await invokeFrom("app://crm/index.html", "desk.choose", { mode: "team", url: server.url, trust: { kind: "fingerprint", fingerprint: `SHA256:${fingerprint()}` } });
    expect(chosen).toMatchObject({ ok: true, value: { mode: "team", url: server.url } });
    expect(JSON.parse(readFileSync(join(dataDir, DESK_MODE_FILE), "utf8"))).toEqual({ mode: "team", url: server.url, fingerprint: fingerprint() });
    expect(await invokeFrom("app://crm/index.html", "people.search", { q: "x" })).toMatchObject({ ok: true, value: { operation: "people.search" } });
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);

    // Chosen: changing it again takes an administrator, as the team server says — not anyone at the desk.
    expect(await invokeFrom("app://crm/index.html", "desk.choose", { mode: "local" })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    await invokeFrom("app://crm/index.html", "session.login", { username: "agent", password: "secret password" });
    expect(await invokeFrom("app://crm/index.html", "desk.choose", { mode: "local" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN", reason: "forbidden" } });
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
  });
});
