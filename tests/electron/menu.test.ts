import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MenuItemConstructorOptions } from "electron";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startShell } from "../../electron/main";
import { buildMenuTemplate, menuLanguage, pressKeyScript, type AppShortcut, type MenuOptions } from "../../electron/menu";
import { app, recorded, resetStub } from "./stub-electron";

type Item = MenuItemConstructorOptions;

function template(options: Partial<MenuOptions> = {}, sent: AppShortcut[] = []): Item[] {
  return buildMenuTemplate({ language: "fr", isPackaged: true, platform: "win32", sendShortcut: (s) => sent.push(s), ...options });
}

/** Every item, submenus flattened. */
function items(menu: Item[]): Item[] {
  return menu.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu as Item[]) : [])]);
}

const byId = (menu: Item[], id: string) => items(menu).find((item) => item.id === id);
const roles = (menu: Item[]) => items(menu).flatMap((item) => (item.role ? [item.role] : []));
const topLabels = (menu: Item[]) => menu.map((item) => item.label ?? item.role);

describe("application menu", () => {
  it("lists the app's shortcuts with their keys, in French", () => {
    const menu = template();
    expect(topLabels(menu)).toEqual(["&Fichier", "&Édition", "&Affichage", "Fe&nêtre", "A&ide"]);
    const shown = Object.fromEntries(items(menu).filter((item) => item.accelerator).map((item) => [item.label, item.accelerator]));
    expect(shown).toEqual({
      "Rechercher un appelant": "CmdOrCtrl+K",
      "Nouvelle personne": "Alt+P",
      "Nouveau rapport d'erreur": "Alt+R",
      "Nouvelle demande de formation": "Alt+T",
      "Verrouiller la session": "CmdOrCtrl+L",
    });
  });

  it("in English too, every label translated", () => {
    const fr = items(template({ language: "fr" })).map((item) => item.label);
    const en = items(template({ language: "en" })).map((item) => item.label);
    expect(en).toHaveLength(fr.length);
    expect(topLabels(template({ language: "en" }))).toEqual(["&File", "&Edit", "&View", "&Window", "&Help"]);
    expect(byId(template({ language: "en" }), "newPerson")?.label).toBe("New person");
    // No French left in the English menu (separators have no label).
    en.forEach((label, i) => {
      if (label !== undefined) expect(label).not.toBe(fr[i]);
    });
  });

  it("leaves the app's keys to the page, which answers them as in the browser, and sends the same key when clicked", () => {
    const sent: AppShortcut[] = [];
    const menu = template({}, sent);
    for (const id of ["lookup", "newPerson", "newReport", "newTraining", "lock", "help"] as const) {
      const item = byId(menu, id)!;
      if (item.accelerator) expect(item.registerAccelerator).toBe(false);
      (item.click as () => void)();
    }
    expect(sent).toEqual(["lookup", "newPerson", "newReport", "newTraining", "lock", "help"]);
  });

  it("the key sent is a keydown the page's shortcut listeners recognise", () => {
    expect(pressKeyScript("newPerson")).toBe('window.dispatchEvent(new KeyboardEvent("keydown", {"key":"p","code":"KeyP","ctrlKey":false,"altKey":true,"bubbles":true,"cancelable":true}));');
    expect(pressKeyScript("lookup")).toContain('"key":"k","code":"KeyK","ctrlKey":true,"altKey":false');
    expect(pressKeyScript("help")).toContain('"key":"?"');
    expect(pressKeyScript("help")).toContain('"ctrlKey":false');
  });

  it("shows no key a browser keeps for itself (Ctrl+N, T, W) and no Alt key a menu title answers", () => {
    for (const language of ["fr", "en"] as const) {
      const menu = template({ language });
      const accelerators = items(menu).flatMap((item) => (item.accelerator ? [String(item.accelerator)] : []));
      expect(accelerators).not.toEqual(expect.arrayContaining([expect.stringMatching(/^CmdOrCtrl\+[NTW]$/)]));
      const mnemonics = topLabels(menu).map((label) => /&(.)/.exec(String(label))?.[1]?.toUpperCase());
      for (const accelerator of accelerators.filter((a) => a.startsWith("Alt+"))) expect(mnemonics).not.toContain(accelerator.slice(-1));
    }
  });

  it("has copy and paste through the system's roles, and zoom in and out", () => {
    const menu = template();
    expect(roles(menu)).toEqual(expect.arrayContaining(["undo", "redo", "cut", "copy", "paste", "selectAll", "zoomIn", "zoomOut", "resetZoom"]));
    expect(items(menu).find((item) => item.role === "copy")?.label).toBe("Copier");
    expect(items(menu).find((item) => item.role === "paste")?.label).toBe("Coller");
  });

  it("offers reload and developer tools in development only", () => {
    expect(roles(template({ isPackaged: true }))).not.toEqual(expect.arrayContaining(["reload"]));
    expect(roles(template({ isPackaged: true }))).not.toContain("forceReload");
    expect(roles(template({ isPackaged: true }))).not.toContain("toggleDevTools");
    expect(roles(template({ isPackaged: false }))).toEqual(expect.arrayContaining(["reload", "toggleDevTools"]));
  });

  it("on macOS: the application menu first, no mnemonics shown, Quit where macOS puts it", () => {
    const menu = template({ platform: "darwin" });
    expect(menu[0]?.role).toBe("appMenu");
    expect(items(menu).some((item) => item.label?.includes("&"))).toBe(false);
    expect(roles(menu)).not.toContain("quit");
    expect(roles(template({ platform: "linux" }))).toContain("quit");
  });

  it("speaks English only to English systems", () => {
    expect(menuLanguage("en-GB")).toBe("en");
    expect(menuLanguage("en")).toBe("en");
    expect(menuLanguage("fr-CH")).toBe("fr");
    expect(menuLanguage("de-CH")).toBe("fr");
  });
});

describe("the shell installs the menu (stub electron)", () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "jetinfo-menu-"));
    mkdirSync(join(root, "renderer"));
    writeFileSync(join(root, "renderer", "index.html"), "<!doctype html>");
  });

  afterEach(() => {
    app.emit("will-quit");
    rmSync(root, { recursive: true, force: true });
  });

  async function launch(options: Parameters<typeof resetStub>[0]) {
    resetStub(options);
    await startShell({ argv: ["/opt/jet", "--data", join(root, "data")], env: {}, paths: { preload: "/p.cjs", renderer: join(root, "renderer"), migrations: "db/migrations" } });
    const menu = recorded.applicationMenu?.template as Item[] | undefined;
    if (!menu) throw new Error("no application menu was set");
    return menu;
  }

  it("sets a French menu without reload in the installed app, whose items press the key in the window's page", async () => {
    const menu = await launch({ isPackaged: true, locale: "fr-CH" });
    expect(topLabels(menu)[0]).toBe("&Fichier");
    expect(roles(menu)).not.toContain("reload");
    (byId(menu, "lock")!.click as () => void)();
    expect(recorded.windows[0]!.webContents.executedScripts).toEqual([pressKeyScript("lock")]);
  });

  it("sets an English menu with reload on an English development machine", async () => {
    const menu = await launch({ isPackaged: false, locale: "en-US" });
    expect(topLabels(menu)[0]).toBe("&File");
    expect(roles(menu)).toContain("reload");
  });
});
