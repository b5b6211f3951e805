import { useEffect, useEffectEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { useSignedIn } from "../session/SessionContext";

/** Where Ctrl+E leads from a route: the report form for the person whose card is open, if any. */
export function newReportPath(pathname: string): string {
  const person = /^\/people\/(\d+)(?:\/|$)/.exec(pathname);
  return person ? `/reports/new?personId=${person[1]}` : "/reports/new";
}

/**
 * Ctrl+E, from every screen: take an error report. Mounted once by the workspace; listens in the
 * capture phase like the shell's shortcuts, so it works inside text fields too.
 */
export function NewReportShortcut() {
  const { state } = useSignedIn();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    const ctrl = event.ctrlKey || event.metaKey;
    if (!ctrl || event.altKey || event.shiftKey || event.key.toLowerCase() !== "e") return;
    event.preventDefault();
    // Already taking a report: a second press must not wipe what was typed.
    if (pathname === "/reports/new") return;
    void navigate(newReportPath(pathname));
  });

  useEffect(() => {
    if (state.locked) return;
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener("keydown", listener, { capture: true });
    return () => window.removeEventListener("keydown", listener, { capture: true });
  }, [state.locked]);

  return null;
}
