// `npm run bench -- soak`: the fuzz property with 5,000 generated inputs per operation and 200
// SIGKILL trials (SOAK_INPUTS and SOAK_TRIALS change them). Prints, as JSON on stdout, the inputs
// tried per operation, the trials and every distinct failure with its shortest counterexample.
import "../fixtures/export-worker-dirname";
import type { OperationName } from "../../electron/api/registry";
import { registry } from "../../electron/api/registry";
import { runCrashTrials } from "../crash/trials";
import { operationOrder, soakOperation, type SoakResult } from "../fuzz/property";
import { openWorld } from "../fuzz/world";

const INPUTS = Number(process.env.SOAK_INPUTS ?? 5000);
const TRIALS = Number(process.env.SOAK_TRIALS ?? 200);

export async function benchSoak(log: (line: string) => void) {
  // Outside a test runner an error thrown from a worker's message handler would end the process:
  // the property records it (tests/fuzz/property.ts) and the soak goes on to report it.
  const keepGoing = () => undefined;
  process.on("uncaughtException", keepGoing);
  const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000_000);
  const started = performance.now();
  const world = await openWorld();
  const operations: SoakResult[] = [];
  try {
    for (const name of operationOrder(Object.keys(registry) as OperationName[])) {
      const t0 = performance.now();
      const result = await soakOperation(world, name, INPUTS, seed, log);
      operations.push(result);
      log(`  ${name}: ${result.inputs} inputs, ${result.failures} failures (${Math.round(performance.now() - t0)} ms)`);
    }
  } finally {
    world.close();
  }
  log(`crash trials (${TRIALS})…`);
  const crash = await runCrashTrials({ trials: TRIALS, seed, log: (line) => log(`  ${line}`) });
  process.off("uncaughtException", keepGoing);
  const inputFailures = operations.reduce((n, o) => n + o.failures, 0);
  return {
    seed,
    seconds: Math.round((performance.now() - started) / 1000),
    inputsPerOperation: Object.fromEntries(operations.map((o) => [o.operation, o.inputs])),
    outcomesPerOperation: Object.fromEntries(operations.map((o) => [o.operation, o.outcomes])),
    inputs: operations.reduce((n, o) => n + o.inputs, 0),
    inputFailures,
    distinctInputFailures: operations.flatMap((o) => o.distinct),
    crashTrials: crash.trials,
    acknowledgedWrites: crash.acknowledged,
    crashFailures: crash.failures,
    failures: inputFailures + crash.failures.length,
  };
}
