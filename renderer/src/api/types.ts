import type { OpOutput } from "./queries";

/** The session's shapes, as the contract declares them (enums and roles come from common/enums). */
export type SessionInfo = OpOutput<"session.login">;
export type PublicUser = SessionInfo["user"];
/** Left for features/training/trainingRoles.ts until that feature asks `useCan()`; use common/enums. */
export type Role = PublicUser["role"];
