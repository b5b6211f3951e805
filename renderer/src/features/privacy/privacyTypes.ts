import type { OpInput, OpOutput } from "../../api/queries";
import type { PrivacyRequestKind, PrivacyStatus } from "../../../../common/enums";

/** Shapes of the privacy operations, as the contract declares them. */
export type RequestPage = OpOutput<"privacy.requests.list">;
export type RequestRow = RequestPage["rows"][number];
export type RequestCounts = OpOutput<"privacy.requests.counts">;
export type RequestDetail = OpOutput<"privacy.requests.get">;
export type RequestListInput = OpInput<"privacy.requests.list">;
export type AccessReportResult = OpOutput<"privacy.accessReport">;
export type AccessReport = AccessReportResult["report"];
export type AccessReportSection = AccessReport["sections"][number];
export type ErasurePreview = OpOutput<"privacy.erasePreview">;
export type ErasureResult = OpOutput<"privacy.erase">;

/** The register's tabs (a filter of the list operation, not a stored value). */
export { REGISTER_FILTERS, type RegisterFilter } from "../../../../common/contract/privacy";
/** What follows an erasure, by engine: the journal emptied (SQLite) or the tables vacuumed (PostgreSQL). */
export type { ErasureCleanup } from "../../../../common/contract/privacy";

/** Requests that still need an answer. */
export const isPending = (status: PrivacyStatus) => status === "open" || status === "extended";

/** Kinds whose data is handed out: the access report. */
export const REPORT_KINDS: readonly PrivacyRequestKind[] = ["access", "portability"];
/** Kinds that hand out or remove data: nothing runs before the identity check (as the server decides). */
export const NEEDS_IDENTITY: readonly PrivacyRequestKind[] = ["access", "portability", "erasure", "rectification"];

/** The register lists "First Last"; a person without a first name comes back with a leading space. */
export const rowPerson = (name: string | null) => name?.trim() || null;
