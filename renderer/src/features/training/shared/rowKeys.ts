import type { KeyboardEvent } from "react";

/**
 * Keyboard for clickable table rows: Enter opens, ↑/↓ move between rows, Home/End jump.
 * Rows carry tabIndex=0, so Tab reaches them too.
 */
export function rowKeyHandler(open: () => void) {
  return (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.target !== event.currentTarget) return;
    const row = event.currentTarget;
    const move = (target: Element | null | undefined) => {
      if (target instanceof HTMLElement && target.tabIndex >= 0) {
        event.preventDefault();
        target.focus();
      }
    };
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open();
    } else if (event.key === "ArrowDown") move(row.nextElementSibling);
    else if (event.key === "ArrowUp") move(row.previousElementSibling);
    else if (event.key === "Home") move(row.parentElement?.firstElementChild);
    else if (event.key === "End") move(row.parentElement?.lastElementChild);
  };
}

/** Row styling for rows that open something. */
export const clickableRow = { cursor: "pointer" } as const;
