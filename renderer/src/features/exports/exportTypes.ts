import type { OpInput, OpOutput } from "../../api/queries";

/** Shapes of the export operations, as the contract declares them. */
export type RecordSetInfo = OpOutput<"exports.recordSets">["recordSets"][number];
export type RecordSetKey = RecordSetInfo["key"];
export type ExportFilters = NonNullable<OpInput<"exports.preview">["filters"]>;
export type FilterKey = keyof ExportFilters;
export type ExportPreview = OpOutput<"exports.preview">;
export type ExportJob = OpOutput<"exports.progress">;
export type ExportFormat = OpInput<"exports.start">["format"];
export type ExportCodeStyle = NonNullable<OpInput<"exports.start">["codes"]>;
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
  codes: ExportCodeStyle;
}
