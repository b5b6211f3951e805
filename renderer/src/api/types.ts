import type { Api } from "./contract";

/** Shapes the renderer reads, derived from the contract so they follow it without importing db/. */
export type SessionInfo = Awaited<ReturnType<Api["session"]["login"]>>;
export type PublicUser = SessionInfo["user"];
export type Role = PublicUser["role"];
export type Language = PublicUser["language"];
export type AuditPage = Awaited<ReturnType<Api["audit"]["list"]>>;
export type AuditRow = AuditPage["rows"][number];
export type AuditListInput = Parameters<Api["audit"]["list"]>[0];
export type AuditVerification = Awaited<ReturnType<Api["audit"]["verify"]>>;

/** Every role, in order of reach; the type check below fails if the contract gains one. */
export const ROLES = ["agent", "support", "manager", "admin"] as const satisfies readonly Role[];
export const LANGUAGES = ["fr", "en"] as const satisfies readonly Language[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const rolesListed: Exhaustive<Role, (typeof ROLES)[number]> = true;
const languagesListed: Exhaustive<Language, (typeof LANGUAGES)[number]> = true;
void rolesListed;
void languagesListed;
