 
/**
 * A stand-in for the `electron` module (aliased in vitest.config.ts), since the Electron binary
 * cannot run on the build machines. It records what the shell asks of Electron so tests can
 * inspect the wiring and play the events Electron would emit.
 */
type Listener = (...args: any[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }

  emit(event: string, ...args: unknown[]): boolean {
    const listeners = this.listeners.get(event) ?? [];
    for (const listener of listeners) listener(...args);
    return listeners.length > 0;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  removeAllListeners(): void {
    this.listeners.clear();
  }
}

/** What Electron passes as the first argument of cancellable events (`will-navigate`, …). */
export class StubEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

let nextWebContentsId = 1;

export class StubWebContents extends Emitter {
  readonly id = nextWebContentsId++;
  windowOpenHandler: ((details: { url: string; disposition: string }) => { action: "allow" | "deny" }) | undefined;
  /** Scripts run in the page through executeJavaScript, in order. */
  readonly executedScripts: string[] = [];
  /** Set by tests to play a page still loading; `finishLoad()` ends it. */
  loading = false;
  private destroyed = false;

  executeJavaScript(code: string): Promise<unknown> {
    this.executedScripts.push(code);
    return Promise.resolve(undefined);
  }

  isLoading(): boolean {
    return this.loading;
  }

  /** Plays the page finishing its load. */
  finishLoad(): void {
    this.loading = false;
    this.emit("did-finish-load");
  }

  setWindowOpenHandler(handler: NonNullable<StubWebContents["windowOpenHandler"]>): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Plays the end of a webContents (window closed, renderer gone). */
  destroy(): void {
    this.destroyed = true;
    this.emit("destroyed");
  }
}

export class BrowserWindow extends Emitter {
  readonly webContents = new StubWebContents();
  readonly loadedUrls: string[] = [];
  readonly calls: string[] = [];
  private bounds: Rect;
  private minimized = false;
  private maximized = false;
  private destroyed = false;

  constructor(readonly options: Record<string, any> = {}) {
    super();
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
    recorded.windows.push(this);
  }

  static getAllWindows(): BrowserWindow[] {
    return recorded.windows.filter((w) => !w.destroyed);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }

  getBounds(): Rect {
    return { ...this.bounds };
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.calls.push("minimize");
    this.minimized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.calls.push("maximize");
    this.maximized = true;
  }
  restore(): void {
    this.calls.push("restore");
    this.minimized = false;
  }
  show(): void {
    this.calls.push("show");
  }
  focus(): void {
    this.calls.push("focus");
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Plays a user closing the window: `close`, then the webContents and the window go away. */
  close(): void {
    const event = new StubEvent();
    this.emit("close", event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit("closed");
  }
}

type InvokeHandler = (event: any, ...args: any[]) => unknown;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export interface Recorded {
  /** Every API call in order, as `object.method`, for ordering checks (e.g. "before ready"). */
  calls: string[];
  windows: BrowserWindow[];
  ipcHandlers: Map<string, InvokeHandler>;
  privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[];
  protocolHandlers: Map<string, ProtocolHandler>;
  permissionRequestHandler: ((...args: any[]) => void) | null | undefined;
  permissionCheckHandler: ((...args: any[]) => boolean) | null | undefined;
  openedExternal: string[];
  exposedInMainWorld: Map<string, unknown>;
  rendererInvokes: unknown[][];
  errorBoxes: { title: string; content: string }[];
  paths: Map<string, string>;
  exitCode: number | undefined;
  quitCalled: boolean;
  /** `app.setAsDefaultProtocolClient` calls: protocol, path, args. */
  protocolClients: { protocol: string; path?: string; args?: string[] }[];
  /** The template of each Menu built, and the one set as the application menu. */
  menuTemplates: any[][];
  applicationMenu: StubMenu | null | undefined;
}

export const recorded: Recorded = freshRecord();

let singleInstanceLock = true;
let isReady = false;
let isPackaged = false;
let locale = "fr-CH";
let displays: Rect[] = [{ x: 0, y: 0, width: 1920, height: 1040 }];

function freshRecord(): Recorded {
  return {
    calls: [],
    windows: [],
    ipcHandlers: new Map(),
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    permissionRequestHandler: undefined,
    permissionCheckHandler: undefined,
    openedExternal: [],
    exposedInMainWorld: new Map(),
    rendererInvokes: [],
    errorBoxes: [],
    paths: new Map([["userData", "/nonexistent/stub-user-data"]]),
    exitCode: undefined,
    quitCalled: false,
    protocolClients: [],
    menuTemplates: [],
    applicationMenu: undefined,
  };
}

/** Forgets everything recorded and every listener; options set how the stub will answer. */
export function resetStub(options: { singleInstanceLock?: boolean; displays?: Rect[]; isPackaged?: boolean; locale?: string } = {}): void {
  Object.assign(recorded, freshRecord());
  appEmitter.removeAllListeners();
  singleInstanceLock = options.singleInstanceLock ?? true;
  isPackaged = options.isPackaged ?? false;
  locale = options.locale ?? "fr-CH";
  displays = options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1040 }];
  isReady = false;
}

const appEmitter = new Emitter();

export const app = {
  on: (event: string, listener: Listener) => {
    recorded.calls.push(`app.on:${event}`);
    appEmitter.on(event, listener);
    return app;
  },
  once: (event: string, listener: Listener) => {
    appEmitter.once(event, listener);
    return app;
  },
  /** Test helper: plays an app event (`second-instance`, `will-quit`, …). */
  emit: (event: string, ...args: unknown[]) => appEmitter.emit(event, ...args),
  whenReady: () => {
    recorded.calls.push("app.whenReady");
    isReady = true;
    return Promise.resolve();
  },
  isReady: () => isReady,
  get isPackaged() {
    return isPackaged;
  },
  getLocale: () => locale,
  setAsDefaultProtocolClient: (protocol: string, path?: string, args?: string[]) => {
    recorded.calls.push("app.setAsDefaultProtocolClient");
    recorded.protocolClients.push({ protocol, ...(path === undefined ? {} : { path }), ...(args === undefined ? {} : { args }) });
    return true;
  },
  requestSingleInstanceLock: () => {
    recorded.calls.push("app.requestSingleInstanceLock");
    return singleInstanceLock;
  },
  enableSandbox: () => {
    recorded.calls.push("app.enableSandbox");
  },
  getPath: (name: string) => {
    const path = recorded.paths.get(name);
    if (path === undefined) throw new Error(`stub electron: no path "${name}"`);
    return path;
  },
  setPath: (name: string, path: string) => {
    recorded.calls.push(`app.setPath:${name}`);
    recorded.paths.set(name, path);
  },
  /** As Electron: `before-quit` (cancellable), then unless prevented `will-quit` and `quit`. */
  quit: () => {
    recorded.calls.push("app.quit");
    recorded.quitCalled = true;
    const event = new StubEvent();
    appEmitter.emit("before-quit", event);
    if (event.defaultPrevented) return;
    appEmitter.emit("will-quit", new StubEvent());
    appEmitter.emit("quit");
  },
  exit: (code = 0) => {
    recorded.calls.push("app.exit");
    recorded.exitCode = code;
  },
};

export const ipcMain = {
  handle: (channel: string, handler: InvokeHandler) => {
    recorded.calls.push(`ipcMain.handle:${channel}`);
    if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.ipcHandlers.set(channel, handler);
  },
  removeHandler: (channel: string) => {
    recorded.ipcHandlers.delete(channel);
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: Recorded["privilegedSchemes"]) => {
    recorded.calls.push("protocol.registerSchemesAsPrivileged");
    // Electron only honours this before ready.
    if (isReady) throw new Error("protocol.registerSchemesAsPrivileged called after ready");
    recorded.privilegedSchemes.push(...schemes);
  },
  handle: (scheme: string, handler: ProtocolHandler) => {
    recorded.calls.push(`protocol.handle:${scheme}`);
    if (!isReady) throw new Error("protocol.handle called before ready");
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: Recorded["permissionRequestHandler"]) => {
      recorded.calls.push("session.setPermissionRequestHandler");
      recorded.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler: Recorded["permissionCheckHandler"]) => {
      recorded.calls.push("session.setPermissionCheckHandler");
      recorded.permissionCheckHandler = handler;
    },
  },
};

export const screen = {
  getAllDisplays: () => displays.map((workArea, id) => ({ id, bounds: workArea, workArea })),
};

export const shell = {
  openExternal: (url: string) => {
    recorded.openedExternal.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  showErrorBox: (title: string, content: string) => {
    recorded.errorBoxes.push({ title, content });
  },
};

/** Keeps the template it was built from, so tests can read the menu the shell made. */
export class StubMenu {
  constructor(readonly template: any[]) {}

  static buildFromTemplate(template: any[]): StubMenu {
    recorded.menuTemplates.push(template);
    return new StubMenu(template);
  }

  static setApplicationMenu(menu: StubMenu | null): void {
    recorded.calls.push("Menu.setApplicationMenu");
    recorded.applicationMenu = menu;
  }
}

export const Menu = StubMenu;

export const contextBridge = {
  exposeInMainWorld: (key: string, api: unknown) => {
    recorded.exposedInMainWorld.set(key, api);
  },
};

export const ipcRenderer = {
  invoke: (...args: unknown[]) => {
    recorded.rendererInvokes.push(args);
    return Promise.resolve(undefined);
  },
};

export default { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, Menu, protocol, screen, session, shell };
