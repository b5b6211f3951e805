import { useEffect, useEffectEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { useSignedIn } from "../session/SessionContext";

/** Where Ctrl+T leads from a given screen: the open person card's person, or the person picker. */
export function newRequestPath(pathname: string): string {
  const card = /^\/people\/(\d+)(?:\/|$)/.exec(pathname);
  return card ? `/training/new?personId=${card[1]}` : "/training/new";
}

/**
 * Ctrl+T from any screen: a new training request, for the person whose card is open. Mounted by
 * the workspace for the whole session; off while the session is locked. Listening in the capture
 * phase wins over fields that handle keys themselves and, in the desktop app, over the browser's
 * "new tab" (a plain browser keeps Ctrl+T for itself).
 */
export function TrainingShortcut() {
  const { state } = useSignedIn();
  const navigate = useNavigate();
  const location = useLocation();

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const ctrl = event.ctrlKey || event.metaKey;
    if (!ctrl || event.altKey || event.shiftKey || event.key.toLowerCase() !== "t") return;
    event.preventDefault();
    const target = newRequestPath(location.pathname);
    if (`${location.pathname}${location.search}` !== target) void navigate(target);
  });

  useEffect(() => {
    if (state.locked) return;
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener("keydown", listener, { capture: true });
    return () => window.removeEventListener("keydown", listener, { capture: true });
  }, [state.locked]);

  return null;
}
