import { afterEach, describe, expect, it } from "vitest";
import { contract } from "../../common/contract/index";
import type { Declared } from "../../common/contract/operation";
import { peopleOperations } from "../../electron/api/operations/people";
import { privacyOperations } from "../../electron/api/operations/privacy";
import type { Operation } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";
import { openTestApi } from "../fixtures/database";

/**
 * Areas the registry still serves from declarations of their own (electron/api/operations/) rather
 * than from common/contract. Empty it when they are declared in common: the test below then
 * requires the contract and the registry to hold exactly the same names, which is what
 * common/capabilities.ts relies on to tell the screens what they may do.
 */
const NOT_YET_IN_COMMON: object[] = [peopleOperations, privacyOperations];

let api: ReturnType<typeof openTestApi>;
afterEach(() => api?.cleanup());

describe("the contract and the registry", () => {
  it("hold the same operations (apart from the areas not yet declared in common)", () => {
    const declared = Object.keys(contract);
    const elsewhere = NOT_YET_IN_COMMON.flatMap((area) => Object.keys(area));
    expect(declared.filter((name) => elsewhere.includes(name))).toEqual([]);
    expect([...declared, ...elsewhere].sort()).toEqual(Object.keys(registry).sort());
  });

  it("serve every declared operation with its declared roles, writes and flags", () => {
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
    expect(asAgent.capabilities.operations).not.toContain("users.list");
    expect(asAgent.capabilities.mayExport).toBe(false);
    expect((await api.ok("session.me", {}, manager)).capabilities.mayExport).toBe(true);

    await api.ok("settings.update", { "exports.grantedUserIds": [asAgent.user.id] }, admin);
    expect((await api.ok("session.me", {}, agent)).capabilities.mayExport).toBe(true);
  });
});
