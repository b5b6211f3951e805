import type { OpInput, OpOutput } from "../../../api/queries";

/** Shapes the manager tools read, as the contract declares them. */
export type DisclosurePage = OpOutput<"disclosures.list">;
export type Disclosure = DisclosurePage["rows"][number];
export type NewDisclosure = OpInput<"disclosures.create">;
export type RetentionLine = OpOutput<"retention.review">[number];
export type RetentionResult = OpOutput<"retention.apply">;
