import { useEffect, useState } from "react";
import { notifyError } from "../../../ui/toasts";

/**
 * One server page for a query: keeps the previous page on screen while the next loads (no flash
 * of an empty table); `loading` says the rows shown are not yet the query's.
 */
export function usePagedQuery<Q, P>(query: Q, load: (query: Q) => Promise<P>) {
  const key = JSON.stringify(query);
  const [loaded, setLoaded] = useState<{ key: string; page: P } | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [loader] = useState(() => load);

  useEffect(() => {
    let current = true;
    loader(JSON.parse(key) as Q)
      .then((page) => {
        if (current) setLoaded({ key, page });
      })
      .catch((error: unknown) => {
        if (!current) return;
        setFailedKey(key);
        notifyError(error);
      });
    return () => {
      current = false;
    };
  }, [key, reloads, loader]);

  return {
    page: loaded?.page ?? null,
    loading: loaded?.key !== key && failedKey !== key,
    reload: () => setReloads((n) => n + 1),
  };
}
