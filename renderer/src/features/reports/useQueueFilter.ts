import { useDebouncedCallback, useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { queryClient, queryKeyOf, TYPING_PAUSE_MS, useApiMutation, useApiQuery } from "../../api/queries";
import { DEFAULT_FILTER, fromSaved, toQuery, type QueueFilterState } from "./queueFilter";

/**
 * The queue's filter, saved per user: read when the screen opens, written back after a pause
 * whenever the user changes it, so the queue opens tomorrow as it was left today. `effective` is
 * the filter with the text as it stood at the last typing pause: the one the queue asks for.
 */
export function useQueueFilter() {
  const saved = useApiQuery("reports.savedFilter", {});
  const [edited, setEdited] = useState<QueueFilterState | null>(null);
  // Saving the filter changes nothing another screen shows: only the saved filter is re-read.
  const save = useApiMutation("reports.saveFilter", {
    keepCache: true,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeyOf("reports.savedFilter", {}) }),
  });
  const saveLater = useDebouncedCallback((next: QueueFilterState) => save.mutate(toQuery(next, 0)), TYPING_PAUSE_MS);

  // A filter that cannot be read is no reason to keep the queue closed: the default one serves.
  const filter = edited ?? (saved.data ? fromSaved(saved.data) : saved.isError ? DEFAULT_FILTER : null);
  const [text] = useDebouncedValue(filter?.text ?? "", TYPING_PAUSE_MS);
  const effective = filter ? { ...filter, text } : null;

  function setFilter(next: QueueFilterState) {
    setEdited(next);
    saveLater(next);
  }

  return { filter, setFilter, effective };
}
