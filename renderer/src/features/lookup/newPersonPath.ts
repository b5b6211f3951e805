import { formatTyped, looksLikeEmail, looksLikePhone } from "../../../../common/phone";

/**
 * The form for a caller nobody knows yet, with what was typed (a number, an email) already filled
 * in. A whole number comes as the app writes numbers ("(022) 735 33 92" → "022 735 33 92"); a
 * partial one as typed, for the agent to complete.
 */
export function newPersonPath(q: string): string {
  if (looksLikePhone(q)) return `/people/new?phone=${encodeURIComponent(formatTyped(q))}`;
  if (looksLikeEmail(q)) return `/people/new?email=${encodeURIComponent(q.trim())}`;
  return "/people/new";
}
