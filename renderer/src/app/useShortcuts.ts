import { useEffect, useEffectEvent } from "react";
import { isShortcut, LOOKUP_FUNCTION_KEY, SECTION_KEY_CODES } from "../../../common/shortcuts";

export interface ShortcutHandlers {
  focusLookup(): void;
  lock(): void;
  /** Alt+1…9: the n-th entry of the navigation rail (0-based). */
  goToSection(index: number): void;
}

/**
 * Shortcuts that work from every screen, even inside a text field (keys: common/shortcuts.ts).
 * Listening in the capture phase lets them win over fields that handle keys themselves, and over
 * the browser's own Ctrl+K / Ctrl+L.
 */
export function useShortcuts(enabled: boolean, handlers: ShortcutHandlers) {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const modified = event.ctrlKey || event.metaKey || event.altKey;
    if (isShortcut(event, "lookup") || (event.key === LOOKUP_FUNCTION_KEY && !modified)) {
      event.preventDefault();
      handlers.focusLookup();
    } else if (isShortcut(event, "lock")) {
      event.preventDefault();
      handlers.lock();
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && SECTION_KEY_CODES.test(event.code)) {
      event.preventDefault();
      handlers.goToSection(Number(event.code.slice(5)) - 1);
    }
  });

  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener("keydown", listener, { capture: true });
    return () => window.removeEventListener("keydown", listener, { capture: true });
  }, [enabled]);
}
