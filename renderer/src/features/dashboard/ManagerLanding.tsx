import type { ReactNode } from "react";
import { Navigate } from "react-router";

// Once per page load: after the overview has been shown, "/" is the lookup for managers too.
const landing = { shown: false };

/** Called by the overview once it is on screen. */
export function markOverviewShown(): void {
  landing.shown = true;
}

/**
 * A manager's first screen after signing in is the overview; "/" is the lookup after that.
 * `lookup`: the lookup screen, given by the shell (the dashboard does not import another feature).
 */
export function ManagerLanding({ lookup }: { lookup: ReactNode }) {
  return landing.shown ? lookup : <Navigate to="/dashboard" replace />;
}
