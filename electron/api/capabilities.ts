import { capabilitiesOf as fromContract } from "../../common/capabilities";
import type { Capabilities } from "../../common/contract/account";
import type { ReadableDb } from "../../db/open";
import type { PublicUser } from "../../db/users";
import { mayExportAs } from "./export-rights";

export type { Capabilities };

/**
 * What `session.me` tells the screens the user may do: the operations from the contract's roles
 * (common/capabilities.ts), and the export right, which reads a setting (an administrator's grant).
 */
export function capabilitiesOf(db: ReadableDb, user: PublicUser): Capabilities {
  return fromContract(user, { mayExport: mayExportAs(db, user) });
}
