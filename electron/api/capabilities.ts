import { capabilitiesOf as fromContract } from "../../common/capabilities";
import type { Capabilities } from "../../common/contract/account";
import type { Dialect, Reads } from "../../db/engine";
import type { PublicUser } from "../../db/users";
import { mayExportAs } from "./export-rights";

export type { Capabilities };

/**
 * What `session.me` tells the screens the user may do: the operations from the contract's roles
 * (common/capabilities.ts), and the export right, which reads a setting (an administrator's grant).
 */
export async function capabilitiesOf(tx: Reads, user: PublicUser, dialect: Dialect): Promise<Capabilities> {
  const capabilities = fromContract(user, { mayExport: await mayExportAs(tx, user) });
  if (dialect === "sqlite") return capabilities;
  // A PostgreSQL server's backups and checks are IT's: no screen offers what would be refused (sqliteOnly).
  return { ...capabilities, operations: capabilities.operations.filter((name) => !FILE_OPERATIONS.has(name)) };
}

/** The operations on the SQLite file itself, which a team server on PostgreSQL does not have. */
const FILE_OPERATIONS: ReadonlySet<string> = new Set(["backups.list", "backups.create", "backups.restore", "diagnostics.integrityCheck"]);
