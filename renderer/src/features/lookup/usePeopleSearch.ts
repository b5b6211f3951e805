import { useEffect, useRef, useState } from "react";
import { api } from "../../api/client";
import { notifyError } from "../../ui/toasts";
import type { SearchHit } from "../people/types";

/** Keystrokes closer together than this make one request. */
export const DEBOUNCE_MS = 150;

export interface SearchResult {
  q: string;
  hits: SearchHit[];
}

/**
 * people.search for what is typed, debounced. Answers can come back out of order (a short prefix
 * is slower than the full number): only the answer to the latest request is kept.
 * `q === null`: nothing to search (a report reference, for instance).
 */
export function usePeopleSearch(q: string | null) {
  const [result, setResult] = useState<SearchResult | null>(null);
  const [failedFor, setFailedFor] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (q === null) return;
    const request = ++latest.current;
    const timer = setTimeout(
      () => {
        api.people.search({ q }).then(
          (hits) => {
            if (request === latest.current) setResult({ q, hits });
          },
          (error: unknown) => {
            if (request !== latest.current) return;
            setFailedFor(q);
            notifyError(error);
          },
        );
      },
      q === "" ? 0 : DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [q]);

  const pending = q !== null && result?.q !== q && failedFor !== q;
  return { result, pending };
}
