import { message, type Reason } from "../common/messages";

export { message, type Reason } from "../common/messages";

import type { ErrorCode } from "../common/envelope";
export { ERROR_CODES, type ErrorCode } from "../common/envelope";

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
