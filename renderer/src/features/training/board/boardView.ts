import { zurichDayEnd, zurichDayStart } from "../../../i18n/zurichTime";
import { PAGE_SIZES } from "../../../ui/TablePager";
import { TRAINING_STATUSES, type TrainingStatus } from "../../../../../common/enums";
import type { RequestListInput } from "../trainingTypes";

export type BoardSort = "createdAt" | "updatedAt" | "status";
export const BOARD_SORTS: readonly BoardSort[] = ["createdAt", "updatedAt", "status"];

/** Everything the board shows, kept in the address so "back" from a request finds it as it was. */
export interface BoardView {
  courseId: number | null;
  statuses: TrainingStatus[];
  /** Created from / to, YYYY-MM-DD in Geneva. */
  from: string | null;
  to: string | null;
  company: { id: number; name: string } | null;
  sort: BoardSort;
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
}

export const DEFAULT_VIEW: BoardView = { courseId: null, statuses: [], from: null, to: null, company: null, sort: "createdAt", direction: "desc", page: 0, pageSize: 50 };

const positive = (text: string | null) => {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : null;
};
const isoDay = (text: string | null) => (text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null);

export function readView(params: URLSearchParams): BoardView {
  const companyId = positive(params.get("company"));
  const sort = params.get("sort") as BoardSort | null;
  const pageSize = Number(params.get("size"));
  return {
    courseId: positive(params.get("course")),
    statuses: (params.get("status") ?? "").split(",").filter((s): s is TrainingStatus => (TRAINING_STATUSES as readonly string[]).includes(s)),
    from: isoDay(params.get("from")),
    to: isoDay(params.get("to")),
    company: companyId ? { id: companyId, name: params.get("companyName") ?? `#${companyId}` } : null,
    sort: sort && BOARD_SORTS.includes(sort) ? sort : DEFAULT_VIEW.sort,
    direction: params.get("dir") === "asc" ? "asc" : params.get("dir") === "desc" ? "desc" : DEFAULT_VIEW.direction,
    page: Math.max(0, Number.parseInt(params.get("page") ?? "0", 10) || 0),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_VIEW.pageSize,
  };
}

export function writeView(view: BoardView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.courseId !== null) params.set("course", String(view.courseId));
  if (view.statuses.length) params.set("status", view.statuses.join(","));
  if (view.from) params.set("from", view.from);
  if (view.to) params.set("to", view.to);
  if (view.company) {
    params.set("company", String(view.company.id));
    params.set("companyName", view.company.name);
  }
  if (view.sort !== DEFAULT_VIEW.sort || view.direction !== DEFAULT_VIEW.direction) {
    params.set("sort", view.sort);
    params.set("dir", view.direction);
  }
  if (view.page) params.set("page", String(view.page));
  if (view.pageSize !== DEFAULT_VIEW.pageSize) params.set("size", String(view.pageSize));
  return params;
}

function calendarDay(iso: string) {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

export function toQuery(view: BoardView): RequestListInput {
  return {
    sort: view.sort,
    direction: view.direction,
    page: view.page,
    pageSize: view.pageSize,
    ...(view.courseId !== null ? { courseId: view.courseId } : {}),
    ...(view.statuses.length ? { status: view.statuses } : {}),
    ...(view.company ? { companyId: view.company.id } : {}),
    // A period is whole Geneva days: from the first day's midnight to the last day's end.
    ...(view.from ? { from: zurichDayStart(calendarDay(view.from)) } : {}),
    ...(view.to ? { to: zurichDayEnd(calendarDay(view.to)) } : {}),
  };
}

export function hasFilters(view: BoardView): boolean {
  return view.courseId !== null || view.statuses.length > 0 || view.from !== null || view.to !== null || view.company !== null;
}
