/**
 * The `from` of `#/call?from=…`, decoded by hand: URLSearchParams turns an unencoded "+41…" into
 * " 41…", and phone systems often send the "+" raw. `null` when there is none; the first when
 * there are several is not guessed: two numbers are refused.
 */
export function rawCallNumber(search: string): string | null {
  const values = search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair.split("=", 1)[0] === "from")
    .map((pair) => pair.slice("from=".length));
  if (values.length !== 1) return values.length === 0 ? null : "";
  try {
    return decodeURIComponent(values[0]!);
  } catch {
    return "";
  }
}
