import { accountOperations } from "./operations/account";
import { adminOperations } from "./operations/admin";

/**
 * Every operation the UI can ask for. This map is the API: the dispatcher serves it, both
 * transports expose it, and the renderer's client is typed from it.
 */
export const registry = {
  ...accountOperations,
  ...adminOperations,
};

export type Registry = typeof registry;
export type OperationName = keyof Registry;
