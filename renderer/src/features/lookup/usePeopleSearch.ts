import { useEffect, useMemo } from "react";
import { useTypedQuery } from "../../api/queries";
import { notifyError } from "../../ui/toasts";
import type { SearchHit } from "./types";

export interface SearchResult {
  q: string;
  hits: SearchHit[];
}

/**
 * people.search for what is typed, after a pause in typing (the query layer's one debounce).
 * `result` is the answer to the text now in the box and nothing else: null while that answer is on
 * its way, so no row of an older answer is shown or can be opened. `q === null`: nothing to search
 * (a report reference, for instance); the empty text asks for the recent callers.
 */
export function usePeopleSearch(q: string | null): { result: SearchResult | null; pending: boolean } {
  const search = useTypedQuery("people.search", q ?? "", (text) => ({ q: text.trim() }), { minLength: 0 });
  const { error } = search;
  useEffect(() => {
    if (error) notifyError(error);
  }, [error]);
  const { data, settledText } = search;
  // One object per answer: the screen resets its active row when the answer changes, not per render.
  const result = useMemo(() => (data ? { q: settledText, hits: data } : null), [data, settledText]);
  if (q === null) return { result: null, pending: false };
  return { result, pending: search.isFetching };
}
