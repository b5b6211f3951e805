import { useCallback, useState, type KeyboardEvent } from "react";

export interface ActiveRowOptions {
  /** A new value (new results) puts the marker back on `initial`. */
  resetKey?: unknown;
  /** -1: no row active until ↓ is pressed. */
  initial?: number;
}

/**
 * One active row in a list, moved by ↑/↓ (Home/End jump), opened by Enter. The same keys work from
 * the focused table itself and, for the lookup, from the search box above it.
 */
export function useActiveRow(count: number, open: (index: number) => void, { resetKey, initial = -1 }: ActiveRowOptions = {}) {
  const [state, setState] = useState({ key: resetKey, index: initial });
  // Adjusting state while rendering (not in an effect) so the new rows never show the old marker.
  if (state.key !== resetKey) setState({ key: resetKey, index: initial });
  const raw = state.key === resetKey ? state.index : initial;
  // A shorter list keeps the marker inside it.
  const active = raw >= count ? count - 1 : raw;

  const setActive = useCallback((index: number) => setState((s) => ({ ...s, index })), []);

  const move = useCallback(
    (delta: number) => {
      if (count === 0) return;
      setState((s) => {
        const from = s.index >= count ? count - 1 : s.index;
        return { ...s, index: Math.min(count - 1, Math.max(0, from + delta)) };
      });
    },
    [count],
  );

  /** Arrow keys, Home/End (when `withHomeEnd`) and Enter; true when the key was used. */
  const handleKey = (event: KeyboardEvent | globalThis.KeyboardEvent, withHomeEnd = true): boolean => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
    switch (event.key) {
      case "ArrowDown":
        move(1);
        return count > 0;
      case "ArrowUp":
        move(-1);
        return count > 0;
      case "Home":
        if (withHomeEnd && count > 0) setActive(0);
        return withHomeEnd && count > 0;
      case "End":
        if (withHomeEnd && count > 0) setActive(count - 1);
        return withHomeEnd && count > 0;
      case "Enter":
        if (active < 0) return false;
        open(active);
        return true;
      default:
        return false;
    }
  };

  return { active, setActive, move, handleKey };
}
