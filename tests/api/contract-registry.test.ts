import { describe, expect, it } from "vitest";
import { contract } from "../../common/contract";
import type { Declared } from "../../common/contract/operation";
import type { Operation } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";

/**
 * The contract in common/ is what the screens believe; the registry is what the server enforces.
 * They must name the same operations with the same roles, writes, flags and input schema: a
 * registry entry declared by hand beside the contract (or a later area shadowing an operation)
 * would let the two drift apart without any type error.
 */
describe("contract and registry", () => {
  const declared = Object.entries(contract as Record<string, Declared>);

  it("declares the areas moved to common/ so far", () => {
    for (const name of ["diagnostics.get", "people.search", "people.merge", "interactions.list", "privacy.erase", "retention.apply"]) expect(Object.keys(contract)).toContain(name);
  });

  it("registers every declared operation as declared: roles, writes, flags and the same schema object", () => {
    const registered = registry as Record<string, Operation>;
    for (const [name, declaration] of declared) {
      const operation = registered[name];
      expect(operation, name).toBeDefined();
      expect(operation!.roles, name).toEqual(declaration.roles);
      expect(operation!.mutates, name).toBe(declaration.mutates);
      expect(Boolean(operation!.whileLocked), `${name} whileLocked`).toBe(Boolean(declaration.whileLocked));
      expect(Boolean(operation!.background), `${name} background`).toBe(Boolean(declaration.background));
      expect(Boolean(operation!.detached), `${name} detached`).toBe(Boolean(declaration.detached));
      expect(operation!.input, name).toBe(declaration.input);
    }
  });
});
