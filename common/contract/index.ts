import { diagnosticsContract } from "./diagnostics";
import { peopleContract } from "./people";
import { privacyContract } from "./privacy";
import { joinAreas, type InputOf, type OutputOf } from "./operation";

/**
 * The whole contract: every operation the screens can ask for, by name. The server implements
 * each one (electron/api/registry.ts), the renderer's client is typed from it, and
 * `capabilities` reads its roles.
 */
export const contract = joinAreas(diagnosticsContract, peopleContract, privacyContract);

export type Contract = typeof contract;
export type OperationName = keyof Contract;
/** Each operation's input (as the caller writes it) and output, by name. */
export type OperationTypes = { [N in OperationName]: { input: InputOf<Contract[N]>; output: OutputOf<Contract[N]> } };
