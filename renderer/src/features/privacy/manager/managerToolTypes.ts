import type { Api } from "../../../api/contract";

/** Shapes the manager tools read, derived from the contract so they follow the registry. */
export type DisclosurePage = Awaited<ReturnType<Api["disclosures"]["list"]>>;
export type Disclosure = DisclosurePage["rows"][number];
export type NewDisclosure = Parameters<Api["disclosures"]["create"]>[0];
export type Category = NewDisclosure["categories"][number];
export type RetentionLine = Awaited<ReturnType<Api["retention"]["review"]>>[number];
export type RetentionRule = RetentionLine["rule"];
export type RetentionResult = Awaited<ReturnType<Api["retention"]["apply"]>>;

/** The personal-data categories of the access report, in its order. */
export const CATEGORIES = ["identity", "contact", "interactions", "history", "error_reports", "training", "preferences", "privacy", "disclosures"] as const satisfies readonly Category[];
export const RETENTION_RULES = ["interactions", "closed_reports", "training_requests", "inactive_people"] as const satisfies readonly RetentionRule[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const listed: [Exhaustive<Category, (typeof CATEGORIES)[number]>, Exhaustive<RetentionRule, (typeof RETENTION_RULES)[number]>] = [true, true];
void listed;
