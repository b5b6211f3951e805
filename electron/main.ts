import { join, resolve } from "node:path";
import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session, shell } from "electron";
import type { BrowserWindowConstructorOptions, Session, WebContents } from "electron";
import { APP_ENTRY_URL, APP_SCHEME, isAppUrl } from "./app-origin";
import { openExternalIfAllowed } from "./external-links";
import { APP_NAME, argValue, defaultDataDir, openHost, type Host } from "./host";
import { registerIpc } from "./ipc";
import { createAppProtocolHandler } from "./protocol";
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState, WINDOW_STATE_FILE, type WindowState } from "./window-state";

/**
 * The Electron main process: a thin shell that opens the database in the user's data folder,
 * puts the dispatcher behind one IPC channel and shows the renderer from `app://crm/`. Everything
 * here is wiring; the rules live in the dispatcher and db/. Bundled to dist/main.cjs, next to
 * preload.cjs, renderer/ and migrations/.
 */

/**
 * Exit status when the app refuses to start for a reason it has shown the user (the database is
 * from a newer version, unreadable…): build/start.mjs must not read it as "Electron cannot run
 * here" and fall back to the browser mode. EX_CONFIG from sysexits.h.
 */
export const STARTUP_REFUSED = 78;

export interface ShellPaths {
  preload: string;
  renderer: string;
  migrations: string;
}

export interface ShellOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  paths?: ShellPaths;
}

export interface ShellStarted {
  window: BrowserWindow;
  host: Host;
  ipc: ReturnType<typeof registerIpc>;
}

export function defaultShellPaths(distDir: string): ShellPaths {
  return { preload: join(distDir, "preload.cjs"), renderer: join(distDir, "renderer"), migrations: join(distDir, "migrations") };
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

/** `--call <number>` opens the app on that caller, as in the browser mode. */
export function entryUrl(argv: readonly string[]): string {
  const call = argValue(argv, "call");
  return call ? `${APP_ENTRY_URL}#call=${encodeURIComponent(call)}` : APP_ENTRY_URL;
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

  let window: BrowserWindow | undefined;
  let host: Host | undefined;

  app.on("second-instance", () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  app.on("window-all-closed", () => app.quit());
  app.on("will-quit", () => {
    host?.close();
    host = undefined;
  });

  return app
    .whenReady()
    .then((): ShellStarted => {
      denyAllPermissions(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.renderer));

      const dataDir = app.getPath("userData");
      const opened = openHost({ dataDir, migrationsDir: paths.migrations, nativeBinding: env.JETINFO_SQLITE_BINDING || undefined });
      host = opened;
      const ipc = registerIpc(ipcMain, opened.dispatcher.dispatch, { endSession: (id) => opened.dispatcher.sessions.delete(id) });

      window = createMainWindow(paths.preload, join(dataDir, WINDOW_STATE_FILE), entryUrl(argv));
      return { window, host: opened, ipc };
    })
    .catch((error: unknown) => {
      // A database from a newer version, a locked or unreadable file: say so instead of a blank window.
      dialog.showErrorBox(APP_NAME, error instanceof Error ? error.message : String(error));
      host?.close();
      host = undefined;
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
