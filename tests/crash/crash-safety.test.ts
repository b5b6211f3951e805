import { expect, it } from "vitest";
import { runCrashTrials } from "./trials";

// 20 SIGKILLs at random moments of a desk writing (some while an export or a backup is being
// written); 200 in `npm run bench -- soak`. The seed changes each run; a failure names its trial's seed.
it("survives SIGKILL at random moments: integrity, every acknowledged write, the audit chain, no stray files", async () => {
  const seed = Math.floor(Math.random() * 1_000_000);
  const result = await runCrashTrials({ trials: 20, seed });
  expect(result.acknowledged).toBeGreaterThan(0);
  expect(result.failures).toEqual([]);
}, 120_000);
