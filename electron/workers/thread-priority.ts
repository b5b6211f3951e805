import { getPriority, setPriority } from "node:os";

/**
 * Called first thing in a worker thread doing heavy work: it yields the CPU to the main thread,
 * which answers the desks' lookups, whenever both want it. On Linux a thread has its own nice
 * value, and setpriority(0) changes only the calling thread's. Elsewhere (Windows, macOS) the same
 * call would lower the whole process: nothing is done there.
 */
export function yieldToMainThread(): void {
  if (process.platform !== "linux") return;
  try {
    setPriority(0, Math.min(19, getPriority(0) + 10));
  } catch {
    // Not allowed (a sandbox): the jobs run at the process's priority.
  }
}
