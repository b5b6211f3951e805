import type { Api } from "../../api/contract";

/** Shapes the reports screens read, derived from the contract so they follow the registry. */
export type Report = Awaited<ReturnType<Api["reports"]["get"]>>;
export type ReportEvent = Report["events"][number];
export type ReportStatus = Report["status"];
export type Severity = Report["severity"];
export type Frequency = Report["frequency"];
export type CallbackOutcome = Parameters<Api["reports"]["logCallback"]>[0]["outcome"];
export type QueuePage = Awaited<ReturnType<Api["reports"]["list"]>>;
export type QueueRow = QueuePage["rows"][number];
export type QueueQuery = Parameters<Api["reports"]["list"]>[0];
export type SavedQueueFilter = Awaited<ReturnType<Api["reports"]["savedFilter"]>>;
export type QueueSort = NonNullable<QueueQuery["sort"]>;
export type DueCallback = Awaited<ReturnType<Api["reports"]["callbacksDue"]>>[number];
export type Product = Awaited<ReturnType<Api["products"]["list"]>>[number];
export type Assignee = Awaited<ReturnType<Api["reports"]["assignees"]>>[number];
export type NewReportInput = Parameters<Api["reports"]["create"]>[0];
export type PersonCard = Awaited<ReturnType<Api["people"]["get"]>>;

/** In workflow order; the type checks below fail if the contract gains a value. */
export const STATUSES = ["new", "triaged", "in_progress", "waiting_for_customer", "resolved", "closed", "reopened"] as const satisfies readonly ReportStatus[];
export const SEVERITIES = ["low", "normal", "high", "critical"] as const satisfies readonly Severity[];
export const FREQUENCIES = ["once", "sometimes", "often", "always"] as const satisfies readonly Frequency[];
export const OUTCOMES = ["reached", "no_answer", "left_message", "wrong_number"] as const satisfies readonly CallbackOutcome[];
export const QUEUE_SORTS = ["reference", "status", "severity", "nextCallbackAt", "createdAt", "updatedAt"] as const satisfies readonly QueueSort[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const listed: [
  Exhaustive<ReportStatus, (typeof STATUSES)[number]>,
  Exhaustive<Severity, (typeof SEVERITIES)[number]>,
  Exhaustive<Frequency, (typeof FREQUENCIES)[number]>,
  Exhaustive<CallbackOutcome, (typeof OUTCOMES)[number]>,
  Exhaustive<QueueSort, (typeof QUEUE_SORTS)[number]>,
] = [true, true, true, true, true];
void listed;

/** Roles that work the queue; the API refuses agents the workflow operations anyway. */
export function worksQueue(role: string): boolean {
  return role === "support" || role === "manager" || role === "admin";
}
