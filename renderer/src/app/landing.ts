import type { Can } from "../api/capabilities";
import type { Role } from "../../../common/enums";

/**
 * Where "/" opens first. A UX choice, not a permission: managers asked to start their day on the
 * overview (issue 8); administrators, who may read it too, start on the lookup like everyone else.
 * The overview still has to be allowed (the registry decides that part).
 */
const OVERVIEW_FIRST: readonly Role[] = ["manager"];

export function startsOnOverview(role: Role, can: Can): boolean {
  return OVERVIEW_FIRST.includes(role) && can("dashboard.summary");
}
