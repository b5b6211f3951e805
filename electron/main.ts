import { join, resolve } from "node:path";
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from "electron";
import type { BrowserWindowConstructorOptions, Session, WebContents } from "electron";
import { APP_ENTRY_URL, APP_SCHEME, isAppUrl } from "./app-origin";
import { CALL_SCHEME, callFromArgv, callRouteHash, parseCallUrl, showCallScript, type CallRequest } from "./cti";
import { openExternalIfAllowed } from "./external-links";
import { lockDataFolder } from "../db/data-folder-lock";
import { openDeskConnection, type DeskConnection } from "./desk/desk-connection";
import { APP_NAME, argValue, defaultDataDir, openHost, settleBeforeQuit, type Host } from "./host";
import { createLogger } from "./log";
import { registerIpc } from "./ipc";
import { buildMenuTemplate, menuLanguage, pressKeyScript, type AppShortcut } from "./menu";
import { resolveMigrationsDir } from "./migrations-path";
import { startupMessage } from "./startup-message";
import { createAppProtocolHandler } from "./protocol";
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState, WINDOW_STATE_FILE, type WindowState } from "./window-state";

/**
 * The Electron main process: a thin shell that puts the desk's connection (electron/desk/: the
 * database in the user's data folder, or the team server through the forwarder, or the first-start
 * choice between them) behind one IPC channel and shows the renderer from `app://crm/`. Everything
 * here is wiring; the rules live in the dispatcher and db/. Bundled to dist/main.cjs, next to
 * preload.cjs, renderer/ and migrations/ (inside app.asar once packaged).
 */

/**
 * Exit status when the app refuses to start for a reason it has shown the user (the database is
 * from a newer version, unreadable…): build/start.mjs must not read it as "Electron cannot run
 * here" and fall back to the browser mode. EX_CONFIG from sysexits.h.
 */
export const STARTUP_REFUSED = 78;

/** Shown instead of Electron's stack-trace dialog when the main process hits an unexpected error. */
export const CRASH_MESSAGE = {
  fr: "Une erreur inattendue s'est produite. Elle a été consignée dans le journal de l'application ; vous pouvez continuer. Si l'application se comporte mal, fermez-la et rouvrez-la.",
  en: "An unexpected error occurred. It has been recorded in the application log; you can carry on. If the application misbehaves, close and reopen it.",
} as const;

export interface ShellPaths {
  preload: string;
  renderer: string;
  /** Resolved at ready when absent: dist/migrations, or inside app.asar once packaged. */
  migrations?: string;
}

export interface ShellOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  paths?: ShellPaths;
}

export interface ShellStarted {
  window: BrowserWindow;
  desk: DeskConnection;
  /** The local database's host, when the desk started local (none in team mode, none before the choice). */
  host: Host | undefined;
  ipc: ReturnType<typeof registerIpc>;
}

export function defaultShellPaths(distDir: string): ShellPaths {
  return { preload: join(distDir, "preload.cjs"), renderer: join(distDir, "renderer") };
}

export function browserWindowOptions(preload: string, state: WindowState): BrowserWindowConstructorOptions {
  return {
    title: APP_NAME,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** The page stays on app://crm; links elsewhere go to the system (if allowed) or nowhere. */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => Promise<void>): void {
  contents.on("will-navigate", (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openExternalIfAllowed(event.url, openExternal);
  });
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url, openExternal);
    return { action: "deny" };
  });
}

/** Camera, microphone, notifications, geolocation…: a CRM form needs none of them. */
export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}

/** `--call <number>` or a `jetinfo-crm://call?from=…` launch opens the app on that caller's lookup. */
export function entryUrl(call: CallRequest): string {
  return call.kind === "call" ? `${APP_ENTRY_URL}${callRouteHash(call.e164)}` : APP_ENTRY_URL;
}

/** Brings the window to the front, over whatever the agent had open, as a ringing phone should. */
function bringToFront(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Shows an incoming call in the running page by changing its hash: no reload, so nothing on screen
 * is lost, and no new IPC channel — the page's router does the rest (the `/call` route).
 */
function showCall(window: BrowserWindow, e164: string): void {
  const contents = window.webContents;
  const run = () => {
    contents.executeJavaScript(showCallScript(e164)).catch((error: unknown) => console.error("Could not show the incoming call:", error instanceof Error ? error.message : error));
  };
  if (contents.isLoading()) contents.once("did-finish-load", run);
  else run();
}

/** A menu item chosen: the same key the page answers in the browser mode (see menu.ts). */
function pressKey(window: BrowserWindow | undefined, shortcut: AppShortcut): void {
  if (!window || window.isDestroyed()) return;
  window.webContents.executeJavaScript(pressKeyScript(shortcut)).catch((error: unknown) => console.error("Could not send the shortcut:", error instanceof Error ? error.message : error));
}

/**
 * The system opens `jetinfo-crm://` links with this app. Only the installed app registers itself:
 * a development checkout must not take the links from the installed one. On Windows the URL
 * comes after "--", so nothing in it can be read as a Chromium switch.
 */
function registerCallProtocol(): void {
  if (!app.isPackaged) return;
  if (!app.setAsDefaultProtocolClient(CALL_SCHEME, process.execPath, ["--"])) console.error(`Could not register the ${CALL_SCHEME}:// protocol.`);
}

/**
 * Registers everything that must precede `ready` synchronously, then resolves once the window is
 * created — or with undefined when another instance already runs or the database cannot open.
 */
export function startShell(options: ShellOptions = {}): Promise<ShellStarted | undefined> {
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const paths = options.paths ?? defaultShellPaths(__dirname);

  // Always set, because `electron dist/main.cjs` would otherwise use a folder named "Electron", not
  // the one the browser mode and the packaged app use. Before the lock: the lock lives in the data
  // folder, so two different --data folders can run side by side.
  const dataArg = argValue(argv, "data");
  app.setPath("userData", dataArg ? resolve(dataArg) : defaultDataDir());

  // One writer per database file; a second launch brings the running window forward instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(undefined);
  }

  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  registerCallProtocol();

  let window: BrowserWindow | undefined;
  let desk: DeskConnection | undefined;
  // The call the app was started for, until the window exists to show it.
  let pendingCall = callFromArgv(argv);

  const receiveCall = (call: CallRequest) => {
    if (!window || window.isDestroyed()) {
      if (call.kind === "call") pendingCall = call;
      return;
    }
    bringToFront(window);
    if (call.kind === "call") showCall(window, call.e164);
  };
  // Windows and Linux: a second launch (the phone system opening a link, or `--call`) hands its
  // command line to this instance.
  app.on("second-instance", (_event: unknown, secondArgv: string[]) => receiveCall(callFromArgv(secondArgv)));
  // macOS delivers links to the running app, even before ready when they started it.
  app.on("open-url", (event: { preventDefault(): void }, url: string) => {
    event.preventDefault();
    receiveCall(parseCallUrl(url));
  });
  app.on("window-all-closed", () => app.quit());
  // The host's log records the error (ids and codes only); the agent gets words, not a stack.
  const onCrash = () => dialog.showErrorBox(APP_NAME, CRASH_MESSAGE[menuLanguage(app.getLocale())]);
  process.on("uncaughtException", onCrash);
  // A quit waits for a running backup or restore (bounded), then goes on: closing the database
  // mid-copy would abandon the backup, or leave a restore half done.
  // A desk in team mode has no local database: nothing to wait for.
  let settled: Host | undefined;
  let settling: Host | undefined;
  app.on("before-quit", (event: { preventDefault(): void }) => {
    const host = desk?.host;
    if (!host || settled === host) return;
    event.preventDefault();
    if (settling === host) return;
    const waiting = (settling = host);
    void settleBeforeQuit(waiting).then(() => {
      // Already closed meanwhile (will-quit came another way, or the mode changed): nothing left to quit for.
      if (desk?.host !== waiting) return;
      settled = waiting;
      app.quit();
    });
  });
  app.on("will-quit", () => {
    process.off("uncaughtException", onCrash);
    // Stops a running export's worker (it reads the database), then closes the database or the
    // connection to the team server.
    desk?.close();
    desk = undefined;
  });

  return app
    .whenReady()
    .then((): ShellStarted => {
      denyAllPermissions(session.defaultSession);
      // Finished exports download from app://crm/exports/download/<key>, as from the loopback
      // server: from this desk's database, or from the team server that wrote them.
      const serveApp = createAppProtocolHandler(paths.renderer);
      protocol.handle(APP_SCHEME, (request) => desk?.exportDownload(request) ?? serveApp(request));

      const dataDir = app.getPath("userData");
      const migrationsDir = paths.migrations ?? resolveMigrationsDir({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, distDir: __dirname });
      const nativeBinding = env.JETINFO_SQLITE_BINDING || undefined;
      // Created on the first desk event only: a local desk's host keeps its own log in the same file.
      let deskLog: ReturnType<typeof createLogger> | undefined;
      const opened = openDeskConnection({
        dataDir,
        openLocal: () => openHost({ dataDir, migrationsDir, nativeBinding }),
        lockFolder: () => lockDataFolder(dataDir, { nativeBinding }),
        // The installed app asks a fresh desk where its data is: on this PC or on the team server.
        askOnFirstStart: true,
        log: (event, fields) => (deskLog ??= createLogger({ dir: join(dataDir, "logs") })).info(event, fields),
      });
      desk = opened;
      // In team mode the dispatch is the forwarder's: the IPC channel, the preload and the page are the same.
      const ipc = registerIpc(ipcMain, opened.dispatch, { endSession: (id) => opened.endSession(id) });

      const template = buildMenuTemplate({
        language: menuLanguage(app.getLocale()),
        isPackaged: app.isPackaged,
        platform: process.platform,
        sendShortcut: (shortcut) => pressKey(window, shortcut),
      });
      Menu.setApplicationMenu(Menu.buildFromTemplate(template));

      window = createMainWindow(paths.preload, join(dataDir, WINDOW_STATE_FILE), entryUrl(pendingCall));
      pendingCall = { kind: "none" };
      return { window, desk: opened, host: opened.host, ipc };
    })
    .catch((error: unknown) => {
      // A database from a newer version, a locked or unreadable file: say so instead of a blank window.
      dialog.showErrorBox(APP_NAME, startupMessage(error, menuLanguage(app.getLocale())));
      desk?.close();
      desk = undefined;
      app.exit(STARTUP_REFUSED);
      return undefined;
    });
}

function createMainWindow(preload: string, stateFile: string, url: string): BrowserWindow {
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow(browserWindowOptions(preload, state));
  hardenWebContents(window.webContents, (target) => shell.openExternal(target));
  if (state.maximized) window.maximize();
  window.once("ready-to-show", () => window.show());
  window.on("close", () => {
    try {
      saveWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      // Losing the window size is no reason to keep the window from closing.
      console.error("Could not save the window state:", error);
    }
  });
  window.loadURL(url).catch((error: unknown) => console.error(`Could not load ${url}:`, error));
  return window;
}

// Electron runs the bundle; tests import the module and call startShell with the stub.
if (process.versions.electron) void startShell();
