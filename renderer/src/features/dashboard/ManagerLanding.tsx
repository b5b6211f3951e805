import { Navigate } from "react-router";
import { LookupScreen } from "../lookup/LookupScreen";

// Once per page load: after the overview has been shown, "/" is the lookup for managers too.
const landing = { shown: false };

/** Called by the overview once it is on screen. */
export function markOverviewShown(): void {
  landing.shown = true;
}

/** A manager's first screen after signing in is the overview; "/" is the lookup after that. */
export function ManagerLanding() {
  return landing.shown ? <LookupScreen /> : <Navigate to="/dashboard" replace />;
}
