export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: round(at(50)), p95: round(at(95)), p99: round(at(99)) };
}

/**
 * Times `viaDispatcher` and `raw` alternately on the same inputs, after a warm-up. With
 * `takeTurns`, each goes first on every other input: the second to run an input finds in SQLite's
 * page cache what the first just read, an edge that otherwise always goes to `raw`.
 */
export async function compare<Q>(queries: Q[], iterations: number, viaDispatcher: (q: Q) => Promise<unknown>, raw: (q: Q) => unknown, options: { takeTurns?: boolean } = {}) {
  for (let i = 0; i < Math.min(50, iterations); i++) {
    await viaDispatcher(queries[i % queries.length]!);
    raw(queries[i % queries.length]!);
  }
  const d: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const q = queries[i % queries.length]!;
    const rawFirst = options.takeTurns === true && i % 2 === 1;
    let t = process.hrtime.bigint();
    if (rawFirst) {
      raw(q);
      r.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
    }
    await viaDispatcher(q);
    d.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!rawFirst) {
      t = process.hrtime.bigint();
      raw(q);
      r.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  const dispatcherMs = percentiles(d);
  const rawMs = percentiles(r);
  return { dispatcherMs, rawMs, ratioP99: round(dispatcherMs.p99 / rawMs.p99) };
}
