import type { OpOutput } from "./queries";

/** The session's shapes, as the contract declares them (enums and roles come from common/enums). */
export type SessionInfo = OpOutput<"session.login">;
export type PublicUser = SessionInfo["user"];
