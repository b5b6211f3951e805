import type { Api } from "../../api/contract";

/** Shapes of the privacy operations, derived from the contract (types only cross into the renderer). */
type Privacy = Api["privacy"];
export type RequestPage = Awaited<ReturnType<Privacy["requests.list"]>>;
export type RequestRow = RequestPage["rows"][number];
export type RequestCounts = Awaited<ReturnType<Privacy["requests.counts"]>>;
export type RequestDetail = Awaited<ReturnType<Privacy["requests.get"]>>;
export type RequestListInput = Parameters<Privacy["requests.list"]>[0];
export type NewRequestInput = Parameters<Privacy["requests.create"]>[0];
export type AccessReportResult = Awaited<ReturnType<Privacy["accessReport"]>>;
export type AccessReport = AccessReportResult["report"];
export type AccessReportSection = AccessReport["sections"][number];
export type ErasurePreview = Awaited<ReturnType<Privacy["erasePreview"]>>;
export type ErasureResult = Awaited<ReturnType<Privacy["erase"]>>;

export type RequestKind = RequestRow["kind"];
export type RequestChannel = RequestRow["channel"];
export type RequestStatus = RequestRow["status"];
export type IdentityMethod = NonNullable<RequestDetail["identityMethod"]>;
export type RegisterFilter = NonNullable<RequestListInput["status"]>;

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;

export const REQUEST_KINDS = ["access", "rectification", "erasure", "portability", "objection", "information"] as const satisfies readonly RequestKind[];
export const REQUEST_CHANNELS = ["phone", "email", "letter", "in_person"] as const satisfies readonly RequestChannel[];
export const REQUEST_STATUSES = ["open", "extended", "completed", "refused"] as const satisfies readonly RequestStatus[];
export const IDENTITY_METHODS = ["callback_on_file", "email_on_file", "identity_document", "in_person"] as const satisfies readonly IdentityMethod[];
export const REGISTER_FILTERS = ["pending", "overdue", "closed", "all"] as const satisfies readonly RegisterFilter[];

// A value added to the contract fails here until it has its place (and its label) in the UI.
const listed: [
  Exhaustive<RequestKind, (typeof REQUEST_KINDS)[number]>,
  Exhaustive<RequestChannel, (typeof REQUEST_CHANNELS)[number]>,
  Exhaustive<RequestStatus, (typeof REQUEST_STATUSES)[number]>,
  Exhaustive<IdentityMethod, (typeof IDENTITY_METHODS)[number]>,
  Exhaustive<RegisterFilter, (typeof REGISTER_FILTERS)[number]>,
] = [true, true, true, true, true];
void listed;

/** Requests that still need an answer. */
export const isPending = (status: RequestStatus) => status === "open" || status === "extended";

/** Kinds whose data is handed out: the access report. */
export const REPORT_KINDS: readonly RequestKind[] = ["access", "portability"];
/** Kinds that hand out or remove data: nothing runs before the identity check (as the server decides). */
export const NEEDS_IDENTITY: readonly RequestKind[] = ["access", "portability", "erasure", "rectification"];

/** The register lists "First Last"; a person without a first name comes back with a leading space. */
export const rowPerson = (name: string | null) => name?.trim() || null;
