import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contract } from "../../common/contract/index";
import { ROLES, type Role } from "../../common/enums";

/**
 * The README's "Who may do what" table against the contract's roles: every operation a session can
 * call is in exactly one row, and that row's ticks are exactly its roles. `name.*` in a row stands
 * for the operations under that name that no row names outright.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface Row {
  what: string;
  roles: Role[];
  names: string[];
}

function readTable(markdown: string): { head: string[]; rows: Row[] } {
  const section = markdown.split(/^## /m).find((s) => s.startsWith("Who may do what"));
  if (!section) throw new Error('README.md has no "## Who may do what" section');
  const lines = section.split("\n").filter((line) => line.startsWith("|"));
  const cells = (line: string) => line.slice(1, line.endsWith("|") ? -1 : undefined).split("|").map((c) => c.trim());
  const head = cells(lines[0]!);
  const rows = lines.slice(2).map((line) => {
    const row = cells(line);
    const roles = head.flatMap((h, i) => ((ROLES as readonly string[]).includes(h) && row[i] === "✓" ? [h as Role] : []));
    // Anything but a tick or nothing under a role is a typo, not a "no".
    head.forEach((h, i) => (ROLES as readonly string[]).includes(h) && expect(["✓", ""], `${row[0]}: ${h}`).toContain(row[i]));
    const names = row.at(-1)!.split(",").map((n) => n.trim().replace(/^`|`$/g, ""));
    return { what: row[0]!, roles, names };
  });
  return { head, rows };
}

const declared = Object.entries(contract) as [string, { roles: readonly Role[] | "public" }][];
/** What a session may call: the public operations (setup, login) are nobody's to grant. */
const guarded = new Map(declared.flatMap(([name, d]) => (d.roles === "public" ? [] : [[name, [...d.roles]] as const])));

describe("README.md's table of who may do what", () => {
  const { head, rows } = readTable(readFileSync(join(ROOT, "README.md"), "utf8"));

  it("has one column per role, in the contract's order", () => {
    expect(head.filter((h) => (ROLES as readonly string[]).includes(h))).toEqual([...ROLES]);
  });

  it("covers every operation once, with exactly the roles the contract gives it", () => {
    const named = new Set(rows.flatMap((r) => r.names.filter((n) => !n.endsWith(".*"))));
    const covered = new Map<string, Row>();
    for (const row of rows) {
      for (const name of row.names) {
        const expanded = name.endsWith(".*") ? [...guarded.keys()].filter((op) => op.startsWith(name.slice(0, -1)) && !named.has(op)) : [name];
        expect(expanded.length, `${row.what}: ${name} names no operation`).toBeGreaterThan(0);
        for (const op of expanded) {
          expect(guarded.has(op), `${row.what}: ${op} is not an operation a session can call`).toBe(true);
          expect(covered.get(op)?.what, `${op} is in two rows`).toBeUndefined();
          covered.set(op, row);
          expect(row.roles, `${op} ("${row.what}")`).toEqual(ROLES.filter((r) => guarded.get(op)!.includes(r)));
        }
      }
    }
    expect([...guarded.keys()].filter((op) => !covered.has(op)), "operations missing from the table").toEqual([]);
  });
});
