import { useEffect, useRef, useState } from "react";

/** Where the focus goes back to, and the way up to a part of the screen that is still there. */
interface Return {
  opener: HTMLElement;
  ancestors: HTMLElement[];
}

/** A control the user can reach with Tab. */
const FOCUSABLE = "button:not(:disabled), a[href], input:not(:disabled):not([type=hidden]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex='-1'])";

/**
 * What has the focus as a dialog opens. An item of a menu is about to vanish with its menu, so the
 * button that opened the menu (the one naming it in `aria-controls`) stands in for it.
 */
function captureReturn(): Return | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  let opener: HTMLElement = active;
  const menu = active.closest<HTMLElement>("[role=menu]");
  if (menu?.id) opener = document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`) ?? active;
  const ancestors: HTMLElement[] = [];
  for (let node = opener.parentElement; node && node !== document.body; node = node.parentElement) ancestors.push(node);
  return { opener, ancestors };
}

/** The first control of the nearest part of the screen that remains: the next row, or the section's own button. */
function focusNearby(ancestors: HTMLElement[]) {
  for (const place of ancestors) {
    if (!place.isConnected) continue;
    const control = place.querySelector<HTMLElement>(FOCUSABLE);
    if (control) {
      control.focus();
      return;
    }
  }
}

/** How long a removal may lag the dialog's closing (the save's refetch is still painting). */
const SETTLE_MS = 3000;

/**
 * The opener if it is still on the page, else a control near where it was. The opener may also
 * vanish a moment later (the row of a removed entry goes when the card's refetch paints): until
 * then, a focus that falls to the page's body is put back near it.
 */
function giveFocusBack({ opener, ancestors }: Return) {
  if (!opener.isConnected) {
    focusNearby(ancestors);
    return;
  }
  opener.focus();
  const watch = new MutationObserver(() => {
    if (opener.isConnected) return;
    watch.disconnect();
    if (document.activeElement === document.body || document.activeElement === null) focusNearby(ancestors);
  });
  watch.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => watch.disconnect(), SETTLE_MS);
}

/**
 * Gives the focus back to what opened a dialog when it closes (Esc, Cancel, Save, the close button)
 * whether the caller sets `opened` to false or unmounts the dialog. Mantine's own `returnFocus`
 * covers only the first (and only when `opened` was false first), so the kit's dialogs turn it off
 * and use this: after a dialog the user carries on where they were, not at the top of the page.
 */
export function useReturnFocus(opened: boolean): void {
  // Taken while rendering: the modal's focus trap (a child's effect, run before ours) would
  // already have moved the focus inside it.
  const [opening, setOpening] = useState(() => ({ opened, back: opened ? captureReturn() : null }));
  if (opening.opened !== opened) setOpening({ opened, back: opened ? captureReturn() : null });
  const back = opening.back;
  // Which return is armed now: React's development double effect re-arms the same one before the
  // frame, and must not move the focus out of a dialog that is still open.
  const armed = useRef<Return | null>(null);
  useEffect(() => {
    if (!back) return;
    armed.current = back;
    return () => {
      armed.current = null;
      // After the modal's own focus handling and the caller's re-render (a removed row is gone).
      requestAnimationFrame(() => {
        if (armed.current !== back) giveFocusBack(back);
      });
    };
  }, [back]);
}
