import type { Can } from "../api/capabilities";
import type { OpName } from "../api/queries";

/**
 * What each administration tab opens on: the tab (and so the screen, its rail entry and its route)
 * shows to whoever may call it. Kept apart from the tabs' panels so the rail can ask without
 * loading them.
 */
export const ADMIN_TAB_NEEDS = {
  users: "users.list",
  settings: "settings.update",
  privacy: "settings.update",
  products: "products.save",
  audit: "audit.list",
  backups: "backups.list",
  diagnostics: "diagnostics.get",
  desk: "desk.choose",
} as const satisfies Record<string, OpName>;

/** The administration screen exists for whoever may open one of its tabs. */
export function mayAdminister(can: Can): boolean {
  return Object.values(ADMIN_TAB_NEEDS).some((operation) => can(operation));
}
