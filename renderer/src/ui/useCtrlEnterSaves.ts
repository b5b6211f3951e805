import { useEffect } from "react";

/** The button a form is saved with; null when the form has none (the lookup box: Enter is its own). */
function saveButtonOf(form: HTMLFormElement): HTMLButtonElement | HTMLInputElement | null {
  return form.querySelector<HTMLButtonElement | HTMLInputElement>("button[type=submit], input[type=submit]");
}

function onKey(event: KeyboardEvent) {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
  // A field that gave Ctrl+Enter a meaning of its own has already said so.
  if (event.defaultPrevented || event.isComposing) return;
  const form = event.target instanceof Element ? event.target.closest("form") : null;
  const save = form && saveButtonOf(form);
  if (!form || !save) return;
  event.preventDefault();
  // Through the Save button: a form whose Save is disabled or busy (loading) is not sent twice.
  if (!save.disabled) form.requestSubmit(save);
}

/**
 * Ctrl+Enter (⌘+Enter on a Mac) saves the form the focus is in, from any of its fields, a
 * textarea included (where Enter alone is a new line): every form, page or dialog, without each
 * having to remember it. Mounted once at the root of the app. The form's own `onSubmit` runs, as
 * if its Save button had been clicked; a form without a submit button is left alone.
 *
 * Bubble phase on `window`: after the fields' own handlers, before the screens' window listeners
 * registered later (the person card's "Ctrl+Enter logs a call", which yields inside a form).
 */
export function useCtrlEnterSaves(): void {
  useEffect(() => {
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
