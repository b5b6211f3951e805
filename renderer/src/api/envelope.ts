import type { Envelope } from "../../../common/envelope";

/** Anything that did not come from the dispatcher (a refused request, a broken bridge) is not one. */
export function isEnvelope(body: unknown): body is Envelope<unknown> {
  if (typeof body !== "object" || body === null) return false;
  const { ok } = body as { ok?: unknown };
  if (ok === true) return "value" in body;
  if (ok !== false) return false;
  const error = (body as { error?: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}
