import type { Role } from "./enums";

/** Every staff role: operations any logged-in user may call. */
export const STAFF = ["agent", "support", "manager", "admin"] as const satisfies readonly Role[];
/** Those who answer for the records: exports, the privacy register's tools, the audit trail. */
export const MANAGERS = ["manager", "admin"] as const satisfies readonly Role[];
/** Error-report follow-up: technical support and the managers above them. */
export const SUPPORT_DESK = ["support", "manager", "admin"] as const satisfies readonly Role[];
