import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import fc from "fast-check";
import { ERROR_CODES } from "../../db/errors";
import type { Envelope } from "../../common/envelope";
import type { OperationName } from "../../electron/api/registry";
import { sampleArb, type Sample } from "./generators/operations";
import type { World } from "./world";

/**
 * The property every operation keeps under any input, from any role: the answer is ok or a
 * declared error code (never INTERNAL, never a rejection or a crash); a refused call commits
 * nothing; the audit chain verifies.
 */

const DECLARED = new Set<string>(ERROR_CODES.filter((c) => c !== "INTERNAL"));
/** A failed login commits its failure count (and its audit entry): a refusal that writes, on purpose. */
const REFUSALS_THAT_WRITE = new Set<string>(["session.login"]);
// A liveness bound, not a performance budget: an export of a few seeded rows that has not ended by
// then is hung (its worker lost), which is what this reports.
const EXPORT_WAIT_MS = 60_000;

/** Errors thrown outside any call's promise (a worker's message handler, a timer), as they happen. */
const uncaught: unknown[] = [];
let listening = false;
export function watchUncaught(): void {
  if (listening) return;
  listening = true;
  process.on("uncaughtExceptionMonitor", (error) => uncaught.push(error));
}

/** An input as a reader wants it: long strings cut, deep values flattened. */
export function describeValue(value: unknown, depth = 0): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 40)}…` : value) + (value.length > 60 ? `(${value.length} chars)` : "");
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value === undefined || value === null || typeof value !== "object") return String(value);
  if (depth >= 4) return Array.isArray(value) ? "[…deep]" : "{…deep}";
  if (Array.isArray(value)) return `[${value.slice(0, 8).map((v) => describeValue(v, depth + 1)).join(", ")}${value.length > 8 ? `, …${value.length} items` : ""}]`;
  const entries = Object.entries(value);
  return `{${entries
    .slice(0, 12)
    .map(([k, v]) => `${JSON.stringify(k.length > 40 ? `${k.slice(0, 20)}…` : k)}: ${describeValue(v, depth + 1)}`)
    .join(", ")}${entries.length > 12 ? `, …${entries.length} keys` : ""}}`;
}

/** The class, message and first frame in the project: enough to tell two defects apart. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `non-Error thrown: ${describeValue(error)}`;
  const frame = error.stack?.split("\n").find((l) => l.includes("/electron/") || l.includes("/db/"));
  const code = "code" in error ? ` [${String(error.code)}]` : "";
  return `${error.constructor.name}${code}: ${error.message.split("\n")[0]!.slice(0, 160)}${frame ? ` ${frame.trim().replace(/^at /, "at ").replace(/\(.*\/(electron|db)\//, "($1/")}` : ""}`;
}

export interface Problem {
  /** Groups occurrences of one defect (operation, code, error class and place). */
  signature: string;
  detail: string;
}

/** One call through the real dispatcher and every check the property makes; undefined when it held. */
export async function checkSample(world: World, name: OperationName, sample: Sample, outcomes?: Record<string, number>): Promise<Problem | undefined> {
  const before = { dataVersion: world.dataVersion(), db: world.host.db, crashes: uncaught.length };
  const settings = name === "settings.update" ? world.host.db.sqlite.prepare("SELECT key, value FROM settings").all() : undefined;
  const sessionId = world.sessionFor(sample.caller);
  let result: Envelope<unknown>;
  try {
    result = await world.dispatch(name, sample.input, { sessionId });
  } catch (error) {
    return { signature: `${name} rejected ${describeError(error)}`, detail: `the call rejected: ${describeError(error)}` };
  }
  const crashed = () => {
    if (uncaught.length === before.crashes) return undefined;
    const error = describeError(uncaught[before.crashes]);
    return { signature: `${name} crashed ${error}`, detail: `an uncaught exception (the process would exit): ${error}` };
  };
  if (!result || typeof result !== "object" || typeof result.ok !== "boolean") return { signature: `${name} malformed`, detail: `malformed answer ${describeValue(result)}` };
  if (outcomes) {
    const outcome = result.ok ? "ok" : result.error.code;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  if (!result.ok) {
    const { code } = result.error;
    if (code === "INTERNAL") {
      const incident = /\(([0-9a-f]{8})\)/.exec(result.error.message)?.[1];
      const error = describeError(incident ? world.incidents.get(incident) : undefined);
      return { signature: `${name} INTERNAL ${error.replace(/:\d+:\d+\)/, ")")}`, detail: `INTERNAL: ${error}` };
    }
    if (!DECLARED.has(code)) return { signature: `${name} code ${code}`, detail: `undeclared error code ${code}` };
    if (/SQLITE_|SqliteError|constraint failed/.test(result.error.message)) return { signature: `${name} sqlite-text ${code}`, detail: `SQLite's own text shown to the user: ${result.error.message.slice(0, 160)}` };
    // A restore that failed reopens the file on a new connection: its counter starts afresh.
    const sameConnection = world.host.db === before.db;
    if (!REFUSALS_THAT_WRITE.has(name) && sameConnection && world.dataVersion() !== before.dataVersion) return { signature: `${name} refused-but-wrote ${code}`, detail: `refused with ${code} yet committed a change` };
    return crashed();
  }
  if (name === "exports.start") {
    const problem = await exportFinishes(world, (result.value as { id: string }).id, sessionId);
    if (problem) return problem;
  }
  if (name === "settings.update" && settings) {
    const problem = await settingsStayUsable(world);
    const db = world.host.db.sqlite;
    db.transaction(() => {
      db.prepare("DELETE FROM settings").run();
      for (const row of settings as { key: string; value: string }[]) db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)").run(row.key, row.value);
    })();
    if (problem) return problem;
  }
  return crashed();
}

/** A started export ends (done, or failed with its file gone) without taking the process down. */
async function exportFinishes(world: World, id: string, sessionId: string | undefined): Promise<Problem | undefined> {
  world.seeded.exportJobs.push(id);
  const started = Date.now();
  for (;;) {
    const r = (await world.dispatch("exports.progress", { id }, { sessionId })) as Envelope<{ status: string }>;
    if (!r.ok) return { signature: `exports.start progress ${r.error.code}`, detail: `exports.progress of the started job answered ${r.error.code}` };
    if (r.value.status !== "running") {
      // The worker's last message is handled in the same turn as the status change; let it settle.
      await sleep(5);
      const exportsDir = join(dirname(world.host.db.file), "exports");
      if (r.value.status === "failed" && existsSync(exportsDir) && readdirSync(exportsDir).some((f) => f.startsWith(id))) return { signature: "exports.start failed-file-left", detail: "a failed export left its file in exports/" };
      return undefined;
    }
    if (Date.now() - started > EXPORT_WAIT_MS) return { signature: "exports.start stuck", detail: `the export was still running after ${EXPORT_WAIT_MS} ms` };
    await sleep(20);
  }
}

/** A setting accepted must not break the screens that read it (backups, diagnostics). */
async function settingsStayUsable(world: World): Promise<Problem | undefined> {
  const sessionId = world.sessionFor("admin");
  for (const reader of ["settings.get", "backups.list", "diagnostics.get"]) {
    const r = await world.dispatch(reader, {}, { sessionId });
    if (!r.ok && !DECLARED.has(r.error.code)) {
      const incident = /\(([0-9a-f]{8})\)/.exec(r.error.message)?.[1];
      const error = describeError(incident ? world.incidents.get(incident) : undefined);
      return { signature: `settings.update then ${reader} ${r.error.code} ${error.replace(/:\d+:\d+\)/, ")")}`, detail: `accepted, then ${reader} answered ${r.error.code}: ${error}` };
    }
  }
  return undefined;
}

function auditProblem(world: World): Problem | undefined {
  const verified = world.verifyAudit();
  return verified.ok ? undefined : { signature: "audit chain broken", detail: `the audit chain no longer verifies (first broken entry ${verified.firstBrokenId})` };
}

/**
 * `npm test`: fast-check runs the property and, on failure, shrinks to a minimal counterexample
 * printed with the seed to replay it.
 */
export async function assertOperation(world: World, name: OperationName, numRuns: number): Promise<void> {
  watchUncaught();
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(sampleArb(name, world.seeded), async (sample) => {
      const problem = (await checkSample(world, name, sample)) ?? (++calls % 50 === 0 ? auditProblem(world) : undefined);
      if (problem) throw new Error(problem.detail);
    }),
    {
      numRuns,
      reporter: (run) => {
        if (!run.failed) return;
        const [sample] = run.counterexample ?? [];
        throw new Error(
          `${name} broke its promise after ${run.numRuns} inputs (seed ${run.seed}, path "${run.counterexamplePath}", shrunk ${run.numShrinks} times):\n` +
            `  caller: ${sample?.caller}\n  input: ${describeValue(sample?.input)}\n  ${run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance)}`,
        );
      },
    },
  );
  const problem = auditProblem(world);
  if (problem) throw new Error(`${name}: ${problem.detail}`);
}

export interface SoakResult {
  operation: string;
  inputs: number;
  failures: number;
  /** How the inputs were answered (ok, VALIDATION, FORBIDDEN…): shows the generators reach the handlers. */
  outcomes: Record<string, number>;
  /** Each distinct problem once, with the shortest input that showed it. */
  distinct: { signature: string; detail: string; count: number; caller: string; input: string }[];
}

/** The soak: every input run, every distinct problem kept with its shortest counterexample. */
export async function soakOperation(world: World, name: OperationName, numRuns: number, seed: number, log?: (line: string) => void): Promise<SoakResult> {
  watchUncaught();
  const arb = sampleArb(name, world.seeded);
  const distinct = new Map<string, SoakResult["distinct"][number]>();
  let failures = 0;
  let done = 0;
  const outcomes: Record<string, number> = {};
  const note = (problem: Problem, sample: Sample) => {
    failures++;
    const input = describeValue(sample.input);
    const seen = distinct.get(problem.signature);
    if (!seen) {
      distinct.set(problem.signature, { signature: problem.signature, detail: problem.detail, count: 1, caller: sample.caller, input });
      log?.(`    new failure: ${problem.detail} (caller ${sample.caller}, input ${input})`);
    }
    else if ((seen.count++, input.length < seen.input.length)) Object.assign(seen, { caller: sample.caller, input });
  };
  // In chunks: a sample can hold a megabyte string, so they are not all kept at once.
  while (done < numRuns) {
    const chunk = fc.sample(arb, { numRuns: Math.min(100, numRuns - done), seed: seed + done });
    for (const sample of chunk) {
      const problem = await checkSample(world, name, sample, outcomes);
      if (problem) note(problem, sample);
    }
    done += chunk.length;
    const audit = auditProblem(world);
    if (audit) note(audit, { caller: "anonymous", input: "(after this chunk)" });
  }
  return { operation: name, inputs: done, failures, outcomes, distinct: [...distinct.values()] };
}

/**
 * Operations that read everything stored about people run after every operation that stores
 * (so a value accepted earlier, a far-future date say, reaches the exports and the access report).
 */
const READERS: readonly OperationName[] = ["reports.callbacksDue", "dashboard.summary", "mailing.export", "exports.preview", "exports.start", "exports.progress", "exports.cancel", "privacy.accessReport", "privacy.erasePreview"];
/** Operations that change what later operations find (people, the whole file) run last. */
const LAST: readonly OperationName[] = ["privacy.erase", "people.merge", "retention.apply", "backups.restore"];

export function operationOrder(names: readonly OperationName[]): OperationName[] {
  const late = [...READERS, ...LAST];
  return [...names.filter((n) => !late.includes(n)), ...late.filter((n) => names.includes(n))];
}
