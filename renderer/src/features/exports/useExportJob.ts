import { useEffect, useRef, useState } from "react";
import { queryClient, queryKeyOf, useApiMutation, useApiQuery, type OpInput } from "../../api/queries";
import { downloadUrl } from "../../ui/fileDownload";
import { notifyError } from "../../ui/toasts";
import type { ExportJob } from "./exportTypes";

const POLL_MS = 250;

/**
 * One export at a time: start it, follow its progress until it ends, download the file when it
 * is done, or cancel it (the server stops the worker and removes the partial file). Starting and
 * cancelling change no data on screen, so they leave the cache alone.
 */
export function useExportJob() {
  const [started, setStarted] = useState<ExportJob | null>(null);
  const [cancelled, setCancelled] = useState<ExportJob | null>(null);
  const start = useApiMutation("exports.start", { keepCache: true });
  const cancel = useApiMutation("exports.cancel", { keepCache: true, onSuccess: setCancelled });
  const input = { id: started?.id ?? "" };
  // A progress question that failed ends the follow-up (the user is told, below, and may start again).
  const failed = queryClient.getQueryState(queryKeyOf("exports.progress", input))?.status === "error";
  const progress = useApiQuery(
    "exports.progress",
    input,
    // Polled while it runs; its last answer stays once it has ended.
    { enabled: started !== null && cancelled === null && !failed, staleTime: 0, refetchInterval: POLL_MS },
  );
  const job = failed ? null : (cancelled ?? (progress.data?.id === started?.id ? progress.data : undefined) ?? started);
  const running = job?.status === "running";

  // The file is fetched once, when its job is done.
  const downloaded = useRef<string | null>(null);
  useEffect(() => {
    if (job?.status !== "done" || !job.downloadUrl || downloaded.current === job.id) return;
    downloaded.current = job.id;
    downloadUrl(job.downloadUrl, job.fileName);
  }, [job]);

  const failure = progress.error;
  useEffect(() => {
    if (failure) notifyError(failure);
  }, [failure]);

  return {
    job: job ?? null,
    running,
    start: async (input: OpInput<"exports.start">) => {
      const next = await start.mutateAsync(input);
      setCancelled(null);
      setStarted(next);
    },
    cancel: async () => {
      if (!job) return;
      await cancel.mutateAsync({ id: job.id }).catch(notifyError);
    },
    clear: () => {
      setStarted(null);
      setCancelled(null);
    },
  };
}
