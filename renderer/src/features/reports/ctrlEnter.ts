import type { KeyboardEvent } from "react";

/**
 * Ctrl+Enter (⌘+Enter) saves from any field of a form that is not a dialog (the dialogs have it
 * from the kit's FormDialog), a textarea included, where Enter alone is a new line.
 */
export function saveOnCtrlEnter(event: KeyboardEvent, save: () => void) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    save();
  }
}
