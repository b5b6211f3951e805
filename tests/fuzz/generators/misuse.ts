import fc from "fast-check";
import { hostileValue } from "./hostile";

/**
 * Turns an arbitrary of valid input into one of valid and misused input: one field replaced by a
 * hostile value or a wrong type, a field missing, an unknown field added, or no object at all.
 */

type Path = (string | number)[];

/** Every place in a value a field could be swapped: object keys and array slots, nested. */
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : value && typeof value === "object" ? Object.entries(value) : [];
  for (const [key, child] of entries) {
    out.push([...prefix, key]);
    paths(child, [...prefix, key], out);
  }
  return out;
}

function cloneWith(value: unknown, path: Path, replace: (container: any, key: string | number) => void): unknown {
  const copy = structuredClone(value) as any;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step];
  replace(node, path[path.length - 1]!);
  return copy;
}

export function withMisuse(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.nat(), hostileValue).map(([v, n, bad]) => {
        const all = paths(v);
        if (!all.length) return { unexpected: bad };
        return cloneWith(v, all[n % all.length]!, (c, k) => (c[k] = bad));
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([v, n]) => {
        const all = paths(v);
        if (!all.length) return v;
        return cloneWith(v, all[n % all.length]!, (c, k) => (Array.isArray(c) ? c.splice(Number(k), 1) : delete c[k]));
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.constantFrom("__proto__", "constructor", "extra", "id", "role", "admin", "x".repeat(300)), hostileValue).map(([v, k, bad]) =>
        v && typeof v === "object" && !Array.isArray(v) ? Object.defineProperty({ ...v }, k, { value: bad, enumerable: true, configurable: true, writable: true }) : v,
      ),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}
