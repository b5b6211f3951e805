import { deskContract, type DeskOperationTypes } from "./desk";
import { contract, type OperationTypes } from "./index";
import { joinAreas } from "./operation";

/**
 * Everything a desk's page can call: the server's contract (served by the local dispatcher or the
 * team server) and the desk shell's own `desk.*` operations (served by the shell in front of
 * either). Joined, so a name cannot be declared on both sides.
 */
export const pageContract = joinAreas(contract, deskContract);

export type PageOperationName = keyof typeof pageContract;
export type PageOperationTypes = OperationTypes & DeskOperationTypes;
