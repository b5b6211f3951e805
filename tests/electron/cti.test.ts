import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { browserCallUrl, callFromArgv, callRouteHash, parseCallNumber, parseCallUrl, showCallScript } from "../../electron/cti";
import { startShell } from "../../electron/main";
import { app, recorded, resetStub, StubEvent, type BrowserWindow } from "./stub-electron";

const JET_INFO = "+41227353392";

describe("jetinfo-crm://call?from=… from the phone system", () => {
  it.each([
    ["jetinfo-crm://call?from=%2B41227353392", JET_INFO],
    // Unencoded "+": URLSearchParams would read a space; the caller's number must survive.
    ["jetinfo-crm://call?from=+41227353392", JET_INFO],
    ["jetinfo-crm://call/?from=%2B41227353392", JET_INFO],
    ["JETINFO-CRM://CALL?from=0227353392", JET_INFO],
    ["jetinfo-crm://call?from=022%20735%2033%2092", JET_INFO],
    ["jetinfo-crm://call?from=0041227353392", JET_INFO],
    ["jetinfo-crm://call?from=%2B33142685300", "+33142685300"],
    // Everything but `from` is ignored.
    ["jetinfo-crm://call?line=3&from=%2B41227353392&agent=alice#/admin", JET_INFO],
  ])("%s → %s", (url, e164) => {
    expect(parseCallUrl(url)).toEqual({ kind: "call", e164 });
  });

  it.each([
    ["no number", "jetinfo-crm://call"],
    ["an empty number", "jetinfo-crm://call?from="],
    ["two numbers", "jetinfo-crm://call?from=0227353392&from=0791234567"],
    ["another action", "jetinfo-crm://erase?from=0227353392"],
    ["another host through userinfo", "jetinfo-crm://call@evil.example?from=0227353392"],
    ["a port", "jetinfo-crm://call:80?from=0227353392"],
    ["a path", "jetinfo-crm://call/admin?from=0227353392"],
    ["an opaque path", "jetinfo-crm:call?from=0227353392"],
    ["another scheme", "https://call?from=0227353392"],
    ["a number too short to be one", "jetinfo-crm://call?from=1234"],
    ["letters", "jetinfo-crm://call?from=anna"],
    ["a script after the number", "jetinfo-crm://call?from=0227353392%3Cscript%3Ealert(1)%3C%2Fscript%3E"],
    ["a quote to break out of a string", 'jetinfo-crm://call?from=0227353392%22%3Balert(1)%2F%2F'],
    ["a hash to reroute the page", "jetinfo-crm://call?from=0227353392%23%2Fadmin%2Fusers"],
    ["a second query smuggled in the number", "jetinfo-crm://call?from=0227353392%26from%3D0791234567"],
    ["a Chromium switch", 'jetinfo-crm://call?from=0227353392" --gpu-launcher="calc.exe'],
    ["a newline", "jetinfo-crm://call?from=0227353392%0A--inspect"],
    ["a null byte", "jetinfo-crm://call?from=0227353392%00"],
    ["broken percent-encoding", "jetinfo-crm://call?from=%E0%A4%A"],
    ["a tel: URL", "jetinfo-crm://call?from=tel%3A%2B41227353392"],
    ["an absurdly long URL", `jetinfo-crm://call?from=${"1".repeat(5000)}`],
  ])("refuses %s", (_what, url) => {
    expect(parseCallUrl(url)).toEqual({ kind: "invalid" });
  });
});

describe("--call on the command line", () => {
  it("reads --call <number> and --call=<number>", () => {
    expect(callFromArgv(["/opt/jet", "--call", "022 735 33 92"])).toEqual({ kind: "call", e164: JET_INFO });
    expect(callFromArgv(["/opt/jet", "--call=+41227353392"])).toEqual({ kind: "call", e164: JET_INFO });
  });

  it("reads a protocol URL wherever Chromium put it among its own switches", () => {
    expect(callFromArgv(["/opt/jet", "--allow-file-access-from-files", "--", "jetinfo-crm://call?from=%2B41227353392", "--original-process-start-time=1"])).toEqual({ kind: "call", e164: JET_INFO });
  });

  it("asks for nothing on a plain launch, whatever other switches there are", () => {
    expect(callFromArgv(["/opt/jet", "dist/main.cjs", "--data", "/tmp/x", "--caller", "0227353392"])).toEqual({ kind: "none" });
  });

  it("refuses what is not a phone number", () => {
    expect(callFromArgv(["/opt/jet", "--call"])).toEqual({ kind: "invalid" });
    expect(callFromArgv(["/opt/jet", "--call", "--data"])).toEqual({ kind: "invalid" });
    expect(callFromArgv(["/opt/jet", "--call", "'; rm -rf /"])).toEqual({ kind: "invalid" });
    expect(callFromArgv(["/opt/jet", "--call", "022 735 33 92 <b>"])).toEqual({ kind: "invalid" });
    expect(callFromArgv(["/opt/jet", "jetinfo-crm://call?from=nope"])).toEqual({ kind: "invalid" });
  });

  it("accepts only numbers libphonenumber calls valid", () => {
    expect(parseCallNumber("022 735 33 92")).toBe(JET_INFO);
    expect(parseCallNumber("+41 (0)22 735 33 92")).toBe(JET_INFO);
    expect(parseCallNumber("022 735 33 9")).toBeNull();
    expect(parseCallNumber("+99 123 456 789")).toBeNull();
  });
});

describe("the page route for a call", () => {
  it("is the /call route with the E.164 number encoded", () => {
    expect(callRouteHash(JET_INFO)).toBe("#/call?from=%2B41227353392");
    expect(showCallScript(JET_INFO)).toBe('window.location.hash = "#/call?from=%2B41227353392";');
  });

  it("in the browser mode, is printed with the launch token after the route", () => {
    expect(browserCallUrl("http://127.0.0.1:8080/#token=abc123", JET_INFO)).toBe("http://127.0.0.1:8080/#/call?from=%2B41227353392&token=abc123");
  });

  it("refuses to build a script from anything but an E.164 number", () => {
    expect(() => showCallScript('+41"; alert(1); "')).toThrow();
    expect(() => callRouteHash("0227353392")).toThrow();
  });
});

describe("the running app receives calls (stub electron)", () => {
  let root: string;

  function launch(extraArgs: string[] = []) {
    return startShell({
      argv: ["/opt/jet", "dist/main.cjs", "--data", join(root, "data"), ...extraArgs],
      env: {},
      paths: { preload: "/app/dist/preload.cjs", renderer: join(root, "renderer"), migrations: "db/migrations" },
    });
  }

  function mainWindow(): BrowserWindow {
    const window = recorded.windows[0];
    if (!window) throw new Error("no window was created");
    return window;
  }

  beforeEach(() => {
    resetStub();
    root = mkdtempSync(join(tmpdir(), "jetinfo-cti-"));
    mkdirSync(join(root, "renderer"));
    writeFileSync(join(root, "renderer", "index.html"), "<!doctype html><title>Jet Info CRM</title>");
  });

  afterEach(() => {
    app.emit("will-quit");
    rmSync(root, { recursive: true, force: true });
  });

  it("opens on the caller's route when started with --call", async () => {
    await launch(["--call", "022 735 33 92"]);
    expect(mainWindow().loadedUrls).toEqual(["app://crm/index.html#/call?from=%2B41227353392"]);
  });

  it("opens on the caller's route when started by a jetinfo-crm:// link", async () => {
    await launch(["--", "jetinfo-crm://call?from=%2B41227353392"]);
    expect(mainWindow().loadedUrls).toEqual(["app://crm/index.html#/call?from=%2B41227353392"]);
  });

  it("opens the plain app when started with an invalid number", async () => {
    await launch(["--call", "<script>"]);
    expect(mainWindow().loadedUrls).toEqual(["app://crm/index.html"]);
  });

  it("hands a second launch's number to the running window: to the front, then the call route, without a reload", async () => {
    await launch();
    const window = mainWindow();
    window.minimize();
    app.emit("second-instance", new StubEvent(), ["/opt/jet", "--", "jetinfo-crm://call?from=%2B41227353392", "--original-process-start-time=1"], "/");
    expect(window.calls.slice(-3)).toEqual(["restore", "show", "focus"]);
    expect(window.webContents.executedScripts).toEqual(['window.location.hash = "#/call?from=%2B41227353392";']);
    expect(window.loadedUrls).toEqual(["app://crm/index.html"]);
    expect(recorded.windows).toHaveLength(1);

    app.emit("second-instance", new StubEvent(), ["/opt/jet", "--call", "079 123 45 67"], "/");
    expect(window.webContents.executedScripts.at(-1)).toBe('window.location.hash = "#/call?from=%2B41791234567";');
  });

  it("brings the window forward but runs nothing in the page for an invalid or injected number", async () => {
    await launch();
    const window = mainWindow();
    for (const argv of [
      ["/opt/jet", "jetinfo-crm://call?from=0227353392%22%3Blocation%3D%22https%3A%2F%2Fevil.example"],
      ["/opt/jet", "--call", "javascript:alert(1)"],
      ["/opt/jet", "jetinfo-crm://call?from=0227353392&from=0791234567"],
    ]) {
      app.emit("second-instance", new StubEvent(), argv, "/");
    }
    expect(window.calls.filter((c) => c === "focus")).toHaveLength(3);
    expect(window.webContents.executedScripts).toEqual([]);
  });

  it("waits for the page to finish loading before showing the call", async () => {
    await launch();
    const contents = mainWindow().webContents;
    contents.loading = true;
    app.emit("second-instance", new StubEvent(), ["/opt/jet", "--call", "+41227353392"], "/");
    expect(contents.executedScripts).toEqual([]);
    contents.finishLoad();
    expect(contents.executedScripts).toEqual(['window.location.hash = "#/call?from=%2B41227353392";']);
  });

  it("macOS: a link that starts the app before ready opens on the caller; a later one goes to the running window", async () => {
    const started = launch();
    const early = new StubEvent();
    app.emit("open-url", early, "jetinfo-crm://call?from=%2B41227353392");
    expect(early.defaultPrevented).toBe(true);
    await started;
    const window = mainWindow();
    expect(window.loadedUrls).toEqual(["app://crm/index.html#/call?from=%2B41227353392"]);

    app.emit("open-url", new StubEvent(), "jetinfo-crm://call?from=%2B41791234567");
    expect(window.webContents.executedScripts).toEqual(['window.location.hash = "#/call?from=%2B41791234567";']);
    app.emit("open-url", new StubEvent(), "jetinfo-crm://call?from=%3Cimg%20src%3Dx%3E");
    expect(window.webContents.executedScripts).toHaveLength(1);
  });

  it("registers the jetinfo-crm protocol in the installed app only, with the URL after --", async () => {
    await launch();
    expect(recorded.protocolClients).toEqual([]);

    app.emit("will-quit");
    resetStub({ isPackaged: true });
    await launch();
    expect(recorded.protocolClients).toEqual([{ protocol: "jetinfo-crm", path: process.execPath, args: ["--"] }]);
  });
});
