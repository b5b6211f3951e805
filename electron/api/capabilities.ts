import type { Db } from "../../db/open";
import type { PublicUser } from "../../db/users";
import { mayExportAs } from "./export-rights";
import { registry } from "./registry";

/**
 * What the signed-in user may do, read from the registry's roles: the screens show a button only
 * when the operation behind it would be allowed, so the renderer keeps no role list of its own.
 * (Typed as plain names: the registry's type cannot depend on the operations that report it.)
 */
export interface Capabilities {
  /** Every operation this user's role may call. */
  operations: string[];
  /** The export right: a manager's or admin's role, or a grant to this user (a setting). */
  mayExport: boolean;
}

export function capabilitiesOf(db: Db, user: PublicUser): Capabilities {
  const operations = Object.entries(registry)
    .filter(([, operation]) => operation.roles !== "public" && operation.roles.includes(user.role))
    .map(([name]) => name);
  return { operations, mayExport: mayExportAs(db, user) };
}
