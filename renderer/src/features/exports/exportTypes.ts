import type { Api } from "../../api/contract";

/** Shapes of the export operations, derived from the contract. */
export type RecordSetInfo = Awaited<ReturnType<Api["exports"]["recordSets"]>>["recordSets"][number];
export type RecordSetKey = RecordSetInfo["key"];
export type ExportFilters = NonNullable<Parameters<Api["exports"]["preview"]>[0]["filters"]>;
export type FilterKey = keyof ExportFilters;
export type ExportPreview = Awaited<ReturnType<Api["exports"]["preview"]>>;
export type ExportJob = Awaited<ReturnType<Api["exports"]["progress"]>>;
export type ExportFormat = Parameters<Api["exports"]["start"]>[0]["format"];
export type ColumnType = RecordSetInfo["columns"][number]["type"];

/** What the form holds; dates as YYYY-MM-DD days (Geneva), turned into instants when sent. */
export interface ExportChoice {
  recordSet: RecordSetKey;
  columns: string[];
  lists: Partial<Record<FilterKey, string[]>>;
  ids: Partial<Record<FilterKey, number>>;
  from: string | null;
  to: string | null;
  format: ExportFormat;
  delimiter: ";" | ",";
  dateStyle: "swiss" | "iso";
}
