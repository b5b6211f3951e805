import type { Api } from "../../api/contract";

export type DashboardSummary = Awaited<ReturnType<Api["dashboard"]["summary"]>>;
