import { useEffect, useMemo } from "react";
import { useTypedQuery } from "../../api/queries";
import { notifyError } from "../../ui/toasts";
import type { SearchHit } from "./types";

export interface SearchResult {
  q: string;
  hits: SearchHit[];
}

/**
 * people.search for what is typed, asked at every keystroke (the query layer's typed search).
 * `result` is the answer to the text now in the box and nothing else: null while that answer is on
 * its way, so no row of an older answer can be opened. `shown` is the latest answer there is, for
 * the screen to keep on view (dimmed, inert) until the new one comes. `q === null`: nothing to
 * search (a report reference, for instance); the empty text asks for the recent callers.
 */
export function usePeopleSearch(q: string | null): { result: SearchResult | null; shown: SearchResult | null; pending: boolean } {
  const text = q ?? "";
  const search = useTypedQuery("people.search", text, (typed) => ({ q: typed.trim() }), { minLength: 0 });
  const { error, data, shown } = search;
  useEffect(() => {
    if (error) notifyError(error);
  }, [error]);
  // One object per answer: the screen resets its active row when the answer changes, not per render.
  const result = useMemo(() => (data ? { q: text, hits: data } : null), [data, text]);
  const latest = useMemo(() => (shown ? { q: shown.text, hits: shown.data } : null), [shown]);
  if (q === null) return { result: null, shown: null, pending: false };
  return { result, shown: result ?? latest, pending: search.isFetching && result === null };
}
