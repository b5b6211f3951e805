import type { QueueSort, ReportStatus, Severity } from "../../../../common/enums";
import type { QueueQuery, SavedQueueFilter } from "./reportTypes";

/** Whose reports: everyone's, the signed-in user's, nobody's yet, or one person's (user id). */
export type AssigneeChoice = "all" | "mine" | "unassigned" | number;

/** The queue's filter as the screen holds it; the page number is kept apart (it is never saved). */
export interface QueueFilterState {
  status: ReportStatus[];
  severity: Severity[];
  productId: number | null;
  assignee: AssigneeChoice;
  overdue: boolean;
  text: string;
  sort: QueueSort;
  direction: "asc" | "desc";
  pageSize: number;
}

export const DEFAULT_FILTER: QueueFilterState = {
  status: [],
  severity: [],
  productId: null,
  assignee: "all",
  overdue: false,
  text: "",
  sort: "createdAt",
  direction: "desc",
  pageSize: 50,
};

export const PAGE_SIZES = [25, 50, 100, 200] as const;

export function fromSaved(saved: SavedQueueFilter): QueueFilterState {
  const assignee: AssigneeChoice = saved.mine ? "mine" : saved.assigneeId === null ? "unassigned" : (saved.assigneeId ?? "all");
  return {
    status: saved.status ?? [],
    severity: saved.severity ?? [],
    productId: saved.productId ?? null,
    assignee,
    overdue: saved.overdue ?? false,
    text: saved.text ?? "",
    sort: saved.sort,
    direction: saved.direction,
    pageSize: (PAGE_SIZES as readonly number[]).includes(saved.pageSize) ? saved.pageSize : DEFAULT_FILTER.pageSize,
  };
}

/** The API's filter; empty choices are left out rather than sent empty. */
export function toQuery(f: QueueFilterState, page: number): QueueQuery & { page: number } {
  return {
    ...(f.status.length ? { status: f.status } : {}),
    ...(f.severity.length ? { severity: f.severity } : {}),
    ...(f.productId !== null ? { productId: f.productId } : {}),
    ...(f.assignee === "mine" ? { mine: true } : f.assignee === "unassigned" ? { assigneeId: null } : f.assignee !== "all" ? { assigneeId: f.assignee } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    sort: f.sort,
    direction: f.direction,
    page,
    pageSize: f.pageSize,
  };
}

/** Whether anything narrows the list (sort and page size do not). */
export function isFiltered(f: QueueFilterState): boolean {
  return f.status.length > 0 || f.severity.length > 0 || f.productId !== null || f.assignee !== "all" || f.overdue || f.text.trim() !== "";
}
