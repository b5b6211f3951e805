import { useEffect, useRef, useState } from "react";
import { api } from "../../api/client";
import { downloadUrl } from "../../ui/fileDownload";
import { notifyError } from "../../ui/toasts";
import type { ExportJob } from "./exportTypes";

const POLL_MS = 250;

/**
 * One export at a time: start it, follow its progress until it ends, download the file when it
 * is done, or cancel it (the server stops the worker and removes the partial file).
 */
export function useExportJob() {
  const [job, setJob] = useState<ExportJob | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopPolling = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => stopPolling, []);

  const follow = (id: string) => {
    timer.current = setTimeout(() => {
      api.exports
        .progress({ id })
        .then((next) => {
          setJob(next);
          if (next.status === "running") follow(id);
          else if (next.status === "done" && next.downloadUrl) downloadUrl(next.downloadUrl, next.fileName);
        })
        .catch((error: unknown) => {
          notifyError(error);
          setJob(null);
        });
    }, POLL_MS);
  };

  return {
    job,
    running: job?.status === "running",
    start: async (input: Parameters<typeof api.exports.start>[0]) => {
      stopPolling();
      const started = await api.exports.start(input);
      setJob(started);
      follow(started.id);
    },
    cancel: async () => {
      if (!job) return;
      stopPolling();
      try {
        setJob(await api.exports.cancel({ id: job.id }));
      } catch (error) {
        notifyError(error);
      }
    },
    clear: () => {
      stopPolling();
      setJob(null);
    },
  };
}
