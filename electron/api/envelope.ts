import type { ErrorCode } from "../../db/errors";

export type { ErrorCode };

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Dotted path of the input field at fault (VALIDATION, some CONFLICTs). */
  field?: string;
  /** With `field`: the sentence to show under that field (`message` also names the field). */
  fieldMessage?: string;
  /** Stable key of the message, for clients that translate themselves. */
  reason?: string;
}

/** What crosses every process boundary: never a thrown Error, never a stack. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
