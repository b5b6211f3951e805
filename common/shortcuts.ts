/**
 * The app's keyboard shortcuts: one table for the page's listeners (renderer/src/app/useShortcuts.ts,
 * ui/usePersonShortcut.ts), the help ("?") and the desktop menu (electron/menu.ts), so the keys, what
 * the help says and what the menu shows cannot drift apart.
 *
 * Every key here reaches a web page in a plain browser as well as in the desktop app: the same keys
 * in both modes. Chromium keeps Ctrl+N, Ctrl+T, Ctrl+W (and their Shift forms) for itself before a
 * page can see them, so "new …" uses Alt+letter: no browser binds Alt+P, Alt+R or Alt+T, and
 * none is a mnemonic of the desktop menu (&Fichier, &Édition, &Affichage, Fe&nêtre, A&ide; &File,
 * &Edit, &View, &Window, &Help). Ctrl+K, Ctrl+L and F2 are not reserved: the page's
 * preventDefault wins over the browser's own use of them.
 */

export type AppShortcut = "lookup" | "newPerson" | "newReport" | "newTraining" | "lock" | "help";

/** A chord: the modifier (Ctrl, or ⌘ on a Mac; Alt / ⌥) and the key. */
export interface ShortcutKey {
  /** `KeyboardEvent.key` as sent (lower case for letters). */
  key: string;
  /** `KeyboardEvent.code`: the physical key. Alt chords match on it, since ⌥+P types "π" on a Mac. */
  code: string;
  ctrl: boolean;
  alt: boolean;
}

export const SHORTCUT_KEYS: Record<AppShortcut, ShortcutKey> = {
  lookup: { key: "k", code: "KeyK", ctrl: true, alt: false },
  newPerson: { key: "p", code: "KeyP", ctrl: false, alt: true },
  newReport: { key: "r", code: "KeyR", ctrl: false, alt: true },
  newTraining: { key: "t", code: "KeyT", ctrl: false, alt: true },
  lock: { key: "l", code: "KeyL", ctrl: true, alt: false },
  help: { key: "?", code: "Slash", ctrl: false, alt: false },
};

/** The lookup's second key, alone: F2 is free in every browser. */
export const LOOKUP_FUNCTION_KEY = "F2";

/** Alt+1…9: the n-th section of the navigation rail. */
export const SECTION_KEY_CODES = /^Digit[1-9]$/;

interface PressedKey {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * Whether `event` is the shortcut. Ctrl and ⌘ count alike. Ctrl+Alt is AltGr on a Windows Swiss
 * keyboard (@, #, €…): never a shortcut of ours, so an Alt chord requires Ctrl up.
 */
export function isShortcut(event: PressedKey, id: AppShortcut): boolean {
  const chord = SHORTCUT_KEYS[id];
  const ctrl = event.ctrlKey || event.metaKey;
  if (id === "help") return event.key === "?" && !ctrl && !event.altKey;
  if (ctrl !== chord.ctrl || event.altKey !== chord.alt || event.shiftKey) return false;
  return chord.alt ? event.code === chord.code : event.key.toLowerCase() === chord.key;
}

/** The chord as Electron's menu shows it ("CmdOrCtrl+K", "Alt+P"). */
export function acceleratorOf(id: AppShortcut): string {
  const chord = SHORTCUT_KEYS[id];
  return `${chord.ctrl ? "CmdOrCtrl+" : ""}${chord.alt ? "Alt+" : ""}${chord.key.toUpperCase()}`;
}

/** The chord as a page names it in `aria-keyshortcuts` and on its key caps ("Control+K", "Alt+R"). */
export function ariaKeysOf(id: AppShortcut): string {
  const chord = SHORTCUT_KEYS[id];
  return `${chord.ctrl ? "Control+" : ""}${chord.alt ? "Alt+" : ""}${chord.key.toUpperCase()}`;
}
