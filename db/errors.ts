import { message, type Reason } from "../common/messages";

export { message, type Reason } from "../common/messages";

export const ERROR_CODES = ["VALIDATION", "UNAUTHENTICATED", "LOCKED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "INTERNAL"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected refusal: becomes `{ok:false, error}` at the dispatcher, never a crash. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: Reason,
    readonly params: Record<string, string> = {},
    readonly field?: string,
  ) {
    super(message(reason, "en", params));
    this.name = "AppError";
  }
}
