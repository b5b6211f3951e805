import { afterEach, describe, expect, it } from "vitest";
import { contract } from "../../common/contract/index";
import type { Declared } from "../../common/contract/operation";
import type { Operation } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";
import { openTestApi } from "../fixtures/database";

/**
 * The contract in common/ is what the screens believe; the registry is what the server enforces.
 * They must name the same operations with the same roles, writes, flags and input schema: an
 * operation registered beside the contract (or one area shadowing another) would let the two drift
 * apart without a type error, and common/capabilities.ts tells the screens what they may do from
 * the contract alone.
 */
let api: ReturnType<typeof openTestApi>;
afterEach(() => api?.cleanup());

describe("the contract and the registry", () => {
  it("hold exactly the same operations", () => {
    expect(Object.keys(contract).sort()).toEqual(Object.keys(registry).sort());
  });

  it("serve every declared operation as declared: roles, writes, flags and the same schema object", () => {
    for (const [name, declared] of Object.entries(contract) as [string, Declared][]) {
      const served = (registry as unknown as Record<string, Operation>)[name]!;
      expect({ name, roles: served.roles, mutates: served.mutates, whileLocked: served.whileLocked, background: served.background, detached: served.detached }).toEqual({
        name,
        roles: declared.roles,
        mutates: declared.mutates,
        whileLocked: declared.whileLocked,
        background: declared.background,
        detached: declared.detached,
      });
      expect(served.input, name).toBe(declared.input);
    }
  });
});

describe("session.me", () => {
  it("tells each user what their role may call and whether they may export, a grant included", async () => {
    api = openTestApi();
    const { sessionId: admin } = await api.admin();
    const agent = await api.loginAs("agent", admin);
    const manager = await api.loginAs("manager", admin);

    const asAgent = await api.ok("session.me", {}, agent);
    expect(asAgent.capabilities.operations).toContain("reports.create");
    expect(asAgent.capabilities.operations).toContain("privacy.erase");
    expect(asAgent.capabilities.operations).not.toContain("users.list");
    expect(asAgent.capabilities.mayExport).toBe(false);
    const asManager = await api.ok("session.me", {}, manager);
    expect(asManager.capabilities.mayExport).toBe(true);
    expect(asManager.capabilities.operations).toContain("retention.apply");

    await api.ok("settings.update", { "exports.grantedUserIds": [asAgent.user.id] }, admin);
    expect((await api.ok("session.me", {}, agent)).capabilities.mayExport).toBe(true);
  });
});
