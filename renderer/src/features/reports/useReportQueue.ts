import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import { api } from "../../api/client";
import { notifyError } from "../../ui/toasts";
import { DEFAULT_FILTER, fromSaved, toQuery, type QueueFilterState } from "./queueFilter";
import type { QueuePage, QueueQuery } from "./reportTypes";

/** The queue follows new reports and call-backs falling due without anyone pressing a key. */
const REFRESH_MS = 60_000;

/**
 * The queue's filter, saved per user: read once when the screen opens, written back (debounced)
 * whenever it changes, so the queue opens tomorrow as it was left today.
 */
export function useQueueFilter() {
  const [filter, setFilter] = useState<QueueFilterState | null>(null);
  const lastSaved = useRef<string | null>(null);

  useEffect(() => {
    let current = true;
    api.reports
      .savedFilter({})
      .then((saved) => {
        if (!current) return;
        const state = fromSaved(saved);
        lastSaved.current = JSON.stringify(toQuery(state, 0));
        setFilter(state);
      })
      .catch((error: unknown) => {
        notifyError(error);
        if (current) setFilter(DEFAULT_FILTER);
      });
    return () => {
      current = false;
    };
  }, []);

  // Typing in the text filter queries (and saves) once the typing pauses.
  const [text] = useDebouncedValue(filter?.text ?? "", 300);
  const effective = filter ? { ...filter, text } : null;
  const saveKey = effective ? JSON.stringify(toQuery(effective, 0)) : null;

  useEffect(() => {
    if (saveKey === null || saveKey === lastSaved.current) return;
    const timer = setTimeout(() => {
      lastSaved.current = saveKey;
      api.reports.saveFilter(JSON.parse(saveKey) as QueueQuery).catch(notifyError);
    }, 400);
    return () => clearTimeout(timer);
  }, [saveKey]);

  return { filter, setFilter, effective };
}

/** One server page for a query; the previous page stays on screen while the next one loads. */
export function useQueuePage(query: (QueueQuery & { page: number }) | null) {
  const key = query ? JSON.stringify(query) : null;
  /** `at`: when the page arrived, the "now" its dates are shown against. */
  const [loaded, setLoaded] = useState<{ key: string; page: QueuePage; at: number } | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    api.reports
      .list(JSON.parse(key) as QueueQuery)
      .then((page) => {
        if (current) setLoaded({ key, page, at: Date.now() });
      })
      .catch((error: unknown) => {
        if (!current) return;
        setFailedKey(key);
        notifyError(error);
      });
    return () => {
      current = false;
    };
  }, [key, tick]);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return {
    page: loaded?.page ?? null,
    loadedAt: loaded?.at ?? 0,
    loading: key !== null && loaded?.key !== key && failedKey !== key,
    reload: () => setTick((n) => n + 1),
    tick,
  };
}

/** How many open reports have a call-back past due, whatever the other filters: the queue's alarm. */
export function useOverdueCount(tick: number): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    api.reports
      .list({ overdue: true, pageSize: 1 })
      .then((page) => {
        if (current) setCount(page.total);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [tick]);
  return count;
}
