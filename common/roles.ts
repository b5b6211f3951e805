import type { Role } from "./enums";

/** Every staff role: operations any logged-in user may call. */
export const STAFF = ["agent", "support", "manager", "admin"] as const satisfies readonly Role[];
/** Those who answer for the records: exports, the privacy register's tools, the audit trail. */
export const MANAGERS = ["manager", "admin"] as const satisfies readonly Role[];
/** Error-report follow-up: technical support and the managers above them. */
export const SUPPORT_DESK = ["support", "manager", "admin"] as const satisfies readonly Role[];
/**
 * The privacy register's decisions and tools (extending or refusing a request, mailing lists,
 * the disclosure log, retention): the managers who answer for the requests, without the
 * administrators. Administrators run accounts, settings and backups; keeping them out of the
 * people's data is deliberate (DESIGN.md: managers watch the register), and the screens say so.
 */
export const PRIVACY_OFFICERS = ["manager"] as const satisfies readonly Role[];
/**
 * Handing out or destroying one person's data (the access report, erasure): the agent on the
 * call and the managers. Neither support (the error-report queue) nor the administrators.
 */
export const PRIVACY_DESK = ["agent", "manager"] as const satisfies readonly Role[];
