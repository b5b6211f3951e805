import { accountOperations } from "./operations/account";
import { adminOperations } from "./operations/admin";
import { peopleOperations } from "./operations/people";
import { reportOperations } from "./operations/reports";
import { trainingOperations } from "./operations/training";

/**
 * Every operation the UI can ask for. This map is the API: the dispatcher serves it, both
 * transports expose it, and the renderer's client is typed from it.
 */
export const registry = {
  ...accountOperations,
  ...adminOperations,
  ...peopleOperations,
  ...reportOperations,
  ...trainingOperations,
};

export type Registry = typeof registry;
export type OperationName = keyof Registry;
