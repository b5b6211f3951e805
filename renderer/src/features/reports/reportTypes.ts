import type { OpInput, OpOutput } from "../../api/queries";

/** Shapes the reports screens read, derived from the contract so they follow the registry. */
export type Report = OpOutput<"reports.get">;
export type ReportEvent = Report["events"][number];
export type QueuePage = OpOutput<"reports.list">;
export type QueueRow = QueuePage["rows"][number];
export type QueueQuery = OpInput<"reports.list">;
export type SavedQueueFilter = OpOutput<"reports.savedFilter">;
export type DueCallback = OpOutput<"reports.callbacksDue">[number];
export type Product = OpOutput<"products.list">[number];
export type Assignee = OpOutput<"reports.assignees">[number];
export type NewReportInput = OpInput<"reports.create">;
export type PersonCard = OpOutput<"people.get">;
