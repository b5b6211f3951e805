import { useEffect, useEffectEvent } from "react";

export interface ShortcutHandlers {
  focusLookup(): void;
  lock(): void;
  /** Alt+1…9: the n-th entry of the navigation rail (0-based). */
  goToSection(index: number): void;
}

/**
 * Shortcuts that work from every screen, even inside a text field. Listening in the capture phase
 * lets them win over fields that handle keys themselves, and over the browser's own Ctrl+K / Ctrl+L.
 */
export function useShortcuts(enabled: boolean, handlers: ShortcutHandlers) {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const ctrl = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if ((ctrl && !event.altKey && !event.shiftKey && key === "k") || (event.key === "F2" && !ctrl && !event.altKey)) {
      event.preventDefault();
      handlers.focusLookup();
    } else if (ctrl && !event.altKey && !event.shiftKey && key === "l") {
      event.preventDefault();
      handlers.lock();
    } else if (event.altKey && !ctrl && !event.shiftKey && /^Digit[1-9]$/.test(event.code)) {
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
