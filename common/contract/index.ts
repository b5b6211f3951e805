import { accountContract } from "./account";
import { adminContract } from "./admin";
import { backupsContract } from "./backups";
import { diagnosticsContract } from "./diagnostics";
import { eventsContract } from "./events";
import { exportsContract } from "./exports";
import { peopleContract } from "./people";
import { privacyContract } from "./privacy";
import { joinAreas, type InputOf, type OutputOf } from "./operation";
import { reportsContract } from "./reports";
import { trainingContract } from "./training";

/**
 * The whole contract: every operation the screens can ask for, by name. The server implements
 * each one (electron/api/registry.ts), the renderer's client is typed from it, and
 * `capabilities` reads its roles.
 */
export const contract = joinAreas(
  accountContract,
  adminContract,
  backupsContract,
  diagnosticsContract,
  eventsContract,
  exportsContract,
  peopleContract,
  privacyContract,
  reportsContract,
  trainingContract,
);

export type Contract = typeof contract;
export type OperationName = keyof Contract;
/** Each operation's input (as the caller writes it) and output, by name. */
export type OperationTypes = { [N in OperationName]: { input: InputOf<Contract[N]>; output: OutputOf<Contract[N]> } };
