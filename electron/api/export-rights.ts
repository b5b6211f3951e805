import type { Reads } from "../../db/engine";
import { RECORD_SET_KEYS, type RecordSetKey } from "../../db/export/record-sets";
import { getSetting } from "../../db/settings";
import type { PublicUser } from "../../db/users";
import type { Role } from "./operation";
import { adminOperations } from "./operations/admin";
import { peopleOperations } from "./operations/people";
import { privacyOperations } from "./operations/privacy";
import { reportOperations } from "./operations/reports";
import { trainingOperations } from "./operations/training";

/**
 * An export shows the same rows an operation shows on screen, so it may only go to someone who may
 * call that operation: the export right (role or grant, exports.ts) never widens what a user reads.
 * Each record set names its reader here, and its roles are that operation's roles, read from the
 * operation itself: a change to `audit.list`'s or `mailing.export`'s roles changes who may export
 * the audit log or the mailing list, with no second list to keep in step.
 */
const readers = { ...adminOperations, ...peopleOperations, ...privacyOperations, ...reportOperations, ...trainingOperations };

const RECORD_SET_READERS = {
  people: "people.get",
  companies: "companies.get",
  interactions: "interactions.list",
  errorReports: "reports.list",
  errorReportEvents: "reports.get",
  trainingRequests: "training.list",
  trainingSessions: "sessions.list",
  privacyRequests: "privacy.requests.list",
  mailingList: "mailing.export",
  auditLog: "audit.list",
} as const satisfies Record<RecordSetKey, keyof typeof readers>;

/** The roles that may read a record set through the API, hence export it. */
export function recordSetRoles(recordSet: RecordSetKey): readonly Role[] {
  const roles = readers[RECORD_SET_READERS[recordSet]].roles;
  // A public reader would need no session; none is, and an export never goes to no one in particular.
  return roles === "public" ? [] : roles;
}

export function mayReadRecordSet(role: Role, recordSet: RecordSetKey): boolean {
  return recordSetRoles(recordSet).includes(role);
}

/**
 * The export right itself: managers and admins by role, others by an admin's grant (a setting, so it
 * can be given and taken back without changing anyone's role).
 */
export async function hasExportRight(tx: Reads, user: PublicUser): Promise<boolean> {
  return byRole(user) || (await getSetting(tx, "exports.grantedUserIds")).includes(user.id);
}

const byRole = (user: PublicUser) => user.role === "manager" || user.role === "admin";

/** The right, and at least one record set this user may read: what the screens need to know. */
export async function mayExportAs(tx: Reads, user: PublicUser): Promise<boolean> {
  return (await hasExportRight(tx, user)) && RECORD_SET_KEYS.some((key) => mayReadRecordSet(user.role, key));
}
