import { useEffect, useEffectEvent } from "react";
import { useNavigate } from "react-router";
import { useSignedIn } from "../api/session";
import { isShortcut, type AppShortcut } from "../../../common/shortcuts";

/** The route as it is now. Read at key time: router state can lag a hash change by a render. */
function currentRoute(): { pathname: string; search: string } {
  const [pathname = "/", search = ""] = window.location.hash.replace(/^#/, "").split("?");
  return { pathname: pathname || "/", search: search ? `?${search}` : "" };
}

/** `/people/42/…` → 42: the person whose card is open, if any. */
export function openCardPersonId(pathname: string): string | undefined {
  return /^\/people\/(\d+)(?:\/|$)/.exec(pathname)?.[1];
}

/**
 * A shortcut of common/shortcuts.ts (Alt+P, Alt+R, Alt+T) from every screen, for the person whose
 * card is open: navigates to `target(personId)`.
 * Listens in the capture phase so it works inside text fields; off while the session is locked;
 * does nothing when already there (a second press must not wipe a half-filled form).
 */
export function usePersonShortcut(shortcut: AppShortcut, target: (personId: string | undefined) => string): void {
  const { state } = useSignedIn();
  const navigate = useNavigate();

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (!isShortcut(event, shortcut)) return;
    event.preventDefault();
    const { pathname, search } = currentRoute();
    const destination = target(openCardPersonId(pathname));
    if (`${pathname}${search}` !== destination && pathname !== destination.split("?")[0]) void navigate(destination);
  });

  useEffect(() => {
    if (state.locked) return;
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener("keydown", listener, { capture: true });
    return () => window.removeEventListener("keydown", listener, { capture: true });
  }, [state.locked]);
}
