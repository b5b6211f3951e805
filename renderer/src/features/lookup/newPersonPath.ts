import { looksLikeEmail, looksLikePhone } from "../../../../common/phone";

/** The form for a caller nobody knows yet, with what was typed (a number, an email) already filled in. */
export function newPersonPath(q: string): string {
  if (looksLikePhone(q)) return `/people/new?phone=${encodeURIComponent(q)}`;
  if (looksLikeEmail(q)) return `/people/new?email=${encodeURIComponent(q)}`;
  return "/people/new";
}
