import type { MenuItemConstructorOptions } from "electron";
import { acceleratorOf, SHORTCUT_KEYS, type AppShortcut } from "../common/shortcuts";

/**
 * The native application menu, French or English. Built by a pure function so its content is
 * unit-tested; main.ts turns it into a Menu.
 *
 * The app's own shortcuts (common/shortcuts.ts: Ctrl+K, Alt+P, Alt+R, Alt+T, Ctrl+L) are handled by
 * the page's keyboard listeners, the same ones the browser mode uses (renderer/src/app/useShortcuts.ts,
 * usePersonShortcut.ts). The menu shows them but does not register them with the system
 * (`registerAccelerator: false`), so a key press reaches the page exactly as in the browser. Choosing the item with the mouse (or,
 * on macOS, where the menu always takes its key equivalents) sends that same key to the page:
 * one path for every way of asking.
 */

export type MenuLanguage = "fr" | "en";

/** A key the page's shortcut listeners answer, sent as a keydown to the page. */
export interface PageKey {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
}

export type { AppShortcut };

/** The keydown each item sends: the chord of common/shortcuts.ts, as the keyboard would send it. */
export function pageKeyOf(shortcut: AppShortcut): PageKey {
  const { key, code, ctrl, alt } = SHORTCUT_KEYS[shortcut];
  return { key, code, ctrlKey: ctrl, altKey: alt };
}

const LABELS = {
  fr: {
    file: "&Fichier",
    lookup: "Rechercher un appelant",
    newPerson: "Nouvelle personne",
    newReport: "Nouveau rapport d'erreur",
    newTraining: "Nouvelle demande de formation",
    lock: "Verrouiller la session",
    quit: "Quitter",
    edit: "&Édition",
    undo: "Annuler",
    redo: "Rétablir",
    cut: "Couper",
    copy: "Copier",
    paste: "Coller",
    selectAll: "Tout sélectionner",
    view: "&Affichage",
    zoomIn: "Zoom avant",
    zoomOut: "Zoom arrière",
    resetZoom: "Taille réelle",
    fullScreen: "Plein écran",
    reload: "Recharger",
    devTools: "Outils de développement",
    window: "Fe&nêtre",
    minimize: "Réduire",
    help: "A&ide",
    shortcuts: "Raccourcis clavier (?)",
  },
  en: {
    file: "&File",
    lookup: "Find a caller",
    newPerson: "New person",
    newReport: "New error report",
    newTraining: "New training request",
    lock: "Lock session",
    quit: "Quit",
    edit: "&Edit",
    undo: "Undo",
    redo: "Redo",
    cut: "Cut",
    copy: "Copy",
    paste: "Paste",
    selectAll: "Select all",
    view: "&View",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    resetZoom: "Actual size",
    fullScreen: "Full screen",
    reload: "Reload",
    devTools: "Developer tools",
    window: "&Window",
    minimize: "Minimise",
    help: "&Help",
    shortcuts: "Keyboard shortcuts (?)",
  },
} as const satisfies Record<MenuLanguage, Record<string, string>>;

export interface MenuOptions {
  language: MenuLanguage;
  /** Reload and developer tools exist only in development: in production a reload loses a form. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Sends the shortcut's key to the page (main.ts: a keydown dispatched in the focused window). */
  sendShortcut(shortcut: AppShortcut): void;
}

/** French unless the system speaks English: the call centre works in French. */
export function menuLanguage(locale: string): MenuLanguage {
  return locale.toLowerCase().startsWith("en") ? "en" : "fr";
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === "darwin";
  // "&" marks the Alt+letter mnemonic on Windows and Linux; macOS has none and would show it.
  const l = Object.fromEntries(Object.entries(LABELS[options.language]).map(([k, v]) => [k, mac ? v.replace(/&/g, "") : v])) as Record<keyof (typeof LABELS)["fr"], string>;
  const shortcut = (id: AppShortcut, label: string): MenuItemConstructorOptions => {
    // No accelerator for help: on macOS a bare "?" key equivalent would be taken from text fields.
    const accelerator = id === "help" ? undefined : acceleratorOf(id);
    return {
      id,
      label,
      ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
      click: () => options.sendShortcut(id),
    };
  };

  const file: MenuItemConstructorOptions = {
    label: l.file,
    submenu: [
      shortcut("lookup", l.lookup),
      { type: "separator" },
      shortcut("newPerson", l.newPerson),
      shortcut("newReport", l.newReport),
      shortcut("newTraining", l.newTraining),
      { type: "separator" },
      shortcut("lock", l.lock),
      // macOS has Quit in the application menu.
      ...(mac ? [] : [{ type: "separator" } as const, { role: "quit", label: l.quit } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: l.edit,
    submenu: [
      { role: "undo", label: l.undo },
      { role: "redo", label: l.redo },
      { type: "separator" },
      { role: "cut", label: l.cut },
      { role: "copy", label: l.copy },
      { role: "paste", label: l.paste },
      { type: "separator" },
      { role: "selectAll", label: l.selectAll },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: l.view,
    submenu: [
      { role: "zoomIn", label: l.zoomIn },
      { role: "zoomOut", label: l.zoomOut },
      { role: "resetZoom", label: l.resetZoom },
      { type: "separator" },
      { role: "togglefullscreen", label: l.fullScreen },
      ...(options.isPackaged ? [] : [{ type: "separator" } as const, { role: "reload", label: l.reload } as const, { role: "toggleDevTools", label: l.devTools } as const]),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: l.window,
    submenu: [{ role: "minimize", label: l.minimize }, ...(mac ? [{ role: "front" } as const] : [])],
  };

  const help: MenuItemConstructorOptions = { label: l.help, role: "help", submenu: [shortcut("help", l.shortcuts)] };

  const appMenu: MenuItemConstructorOptions[] = mac ? [{ role: "appMenu" }] : [];
  return [...appMenu, file, edit, view, windowMenu, help];
}

/**
 * The script that presses `key` in the page. A synthetic event goes only to the page's listeners —
 * never back to the menu or to the browser's own shortcuts — so it cannot loop. Built from the
 * fixed table of common/shortcuts.ts, JSON-encoded.
 */
export function pressKeyScript(shortcut: AppShortcut): string {
  const init = { ...pageKeyOf(shortcut), bubbles: true, cancelable: true };
  return `window.dispatchEvent(new KeyboardEvent("keydown", ${JSON.stringify(init)}));`;
}
