import type { ApiErrorBody, ErrorCode } from "../../../common/envelope";

/** What a failed operation throws in the renderer: the dispatcher's error, plus which call failed. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** Input field at fault (VALIDATION, some CONFLICTs), as a dotted path. */
  readonly field?: string;
  /** Stable key of the message, for texts the renderer translates itself. */
  readonly reason?: string;

  constructor(
    body: ApiErrorBody,
    readonly operation: string,
  ) {
    super(body.message);
    this.name = "ApiError";
    this.code = body.code;
    this.field = body.field;
    this.reason = body.reason;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
