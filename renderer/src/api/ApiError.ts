import type { ApiErrorBody, ErrorCode } from "../../../common/envelope";
import { isReason, message, reasonParameters } from "../../../common/messages";
import { currentLanguage } from "../i18n/i18n";

/** What a failed operation throws in the renderer: the dispatcher's error, plus which call failed. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** Input field at fault (VALIDATION, some CONFLICTs), as a dotted path. */
  readonly field?: string;
  /** With `field`: the sentence for under the field (`message` names the field as well). */
  readonly fieldMessage?: string;
  /** Stable key of the message, for texts the renderer translates itself. */
  readonly reason?: string;

  constructor(
    body: ApiErrorBody,
    readonly operation: string,
  ) {
    super(readerMessage(body));
    this.name = "ApiError";
    this.code = body.code;
    this.field = body.field;
    this.fieldMessage = body.fieldMessage;
    this.reason = body.reason;
  }
}

/**
 * The server answers in the user's language; before login (or when no server answered) only the
 * page knows the reader's language, so a reason whose message needs no parameter is worded here
 * from the same catalogue. Messages with parameters (and validation sentences) stay the server's.
 */
function readerMessage(body: ApiErrorBody): string {
  if (!isReason(body.reason) || body.reason === "internal" || body.reason === "validation") return body.message;
  if (reasonParameters(body.reason).length > 0) return body.message;
  return message(body.reason, currentLanguage());
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
