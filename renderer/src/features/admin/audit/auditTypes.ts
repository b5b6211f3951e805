import type { OpInput, OpOutput } from "../../../api/queries";

/** Shapes the audit log reads, as the contract declares them. */
export type AuditListInput = OpInput<"audit.list">;
export type AuditPage = OpOutput<"audit.list">;
export type AuditRow = AuditPage["rows"][number];
/** The staff directory the log carries: names only, for the user column and filter. */
export type AuditDirectoryEntry = AuditPage["users"][number];
export type AuditVerification = OpOutput<"audit.verify">;
