import { capabilitiesOf as fromContract } from "../../common/capabilities";
import type { Capabilities } from "../../common/contract/account";
import type { Reads } from "../../db/engine";
import type { PublicUser } from "../../db/users";
import { mayExportAs } from "./export-rights";

export type { Capabilities };

/**
 * What `session.me` tells the screens the user may do: the operations from the contract's roles
 * (common/capabilities.ts), and the export right, which reads a setting (an administrator's grant).
 */
export async function capabilitiesOf(tx: Reads, user: PublicUser): Promise<Capabilities> {
  return fromContract(user, { mayExport: await mayExportAs(tx, user) });
}
