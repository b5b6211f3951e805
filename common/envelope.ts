/** What crosses every process boundary: a result or a refusal, never a thrown Error, never a stack. */
export const ERROR_CODES = ["VALIDATION", "UNAUTHENTICATED", "LOCKED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "INTERNAL"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  /** A sentence in the user's language. */
  message: string;
  /** Dotted path of the input field at fault (VALIDATION, some CONFLICTs). */
  field?: string;
  /** With `field`: the sentence to show under that field (`message` also names the field). */
  fieldMessage?: string;
  /** Stable key of the message, for clients that translate themselves (before login). */
  reason?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Anything that did not come from a dispatcher (a refused request, a broken bridge, another server) is not one. */
export function isEnvelope(body: unknown): body is Envelope<unknown> {
  if (typeof body !== "object" || body === null) return false;
  const { ok } = body as { ok?: unknown };
  if (ok === true) return "value" in body;
  if (ok !== false) return false;
  const error = (body as { error?: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}
