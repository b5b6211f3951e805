import { useEffect, useState } from "react";
import { api } from "../../../api/client";
import type { AuditListInput, AuditPage } from "../../../api/types";
import { notifyError } from "../../../ui/toasts";

/**
 * One server page of the audit log for a query. The previous page stays on screen while the next
 * one loads (no flash of an empty table); `loading` says the rows are not yet the query's.
 */
export function useAuditPage(query: AuditListInput) {
  const key = JSON.stringify(query);
  const [loaded, setLoaded] = useState<{ key: string; page: AuditPage } | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    api.audit
      .list(JSON.parse(key) as AuditListInput)
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
  }, [key, reloads]);

  return {
    page: loaded?.page ?? null,
    loading: loaded?.key !== key && failedKey !== key,
    reload: () => setReloads((n) => n + 1),
  };
}
