import { PASSWORD_OPERATIONS, fuzzOperations } from "./suite";

/** Generated input for the operations that hash or check a password (see suite.ts for why apart). */
fuzzOperations(PASSWORD_OPERATIONS);
