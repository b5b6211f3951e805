import { joinOperations } from "./operation";
import { accountOperations } from "./operations/account";
import { adminOperations } from "./operations/admin";
import { backupOperations } from "./operations/backups";
import { diagnosticsOperations } from "./operations/diagnostics";
import { eventsOperations } from "./operations/events";
import { exportOperations } from "./operations/exports";
import { peopleOperations } from "./operations/people";
import { privacyOperations } from "./operations/privacy";
import { reportOperations } from "./operations/reports";
import { trainingOperations } from "./operations/training";

/**
 * Every operation the UI can ask for. This map is the API: the dispatcher serves it, both
 * transports expose it, and the renderer's client is typed from it.
 */
export const registry = joinOperations(
  accountOperations,
  adminOperations,
  backupOperations,
  diagnosticsOperations,
  eventsOperations,
  exportOperations,
  peopleOperations,
  privacyOperations,
  reportOperations,
  trainingOperations,
);

export type Registry = typeof registry;
export type OperationName = keyof Registry;
