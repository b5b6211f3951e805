import { afterEach, describe, expect, it } from "vitest";
import type { Can } from "../../renderer/src/api/capabilities";
import type { OpName } from "../../renderer/src/api/queries";
import { startsOnOverview } from "../../renderer/src/app/landing";
import { sectionsFor } from "../../renderer/src/app/sections";
import { ROLES, type Role } from "../../common/enums";
import { openTestApi } from "../fixtures/database";

let api: ReturnType<typeof openTestApi>;
afterEach(() => api?.cleanup());

/** What useCan() answers for a user, built from session.me of the real registry on a real database. */
async function canOf(role: Role, grant = false): Promise<Can> {
  const admin = await api.admin();
  const session = role === "admin" ? admin.sessionId : await api.loginAs(role, admin.sessionId);
  if (grant) {
    const user = (await api.ok<{ user: { id: number } }>("session.me", {}, session)).user;
    await api.ok("settings.update", { "exports.grantedUserIds": [user.id] }, admin.sessionId);
  }
  const me = await api.ok<{ capabilities: { operations: string[]; mayExport: boolean } }>("session.me", {}, session);
  const allowed = new Set(me.capabilities.operations);
  return Object.assign((operation: OpName) => allowed.has(operation), { export: me.capabilities.mayExport, known: true });
}

const keysFor = async (role: Role, grant = false) => sectionsFor(await canOf(role, grant)).map((section) => section.key);

describe("the navigation rail follows the registry's roles (session.me), not a role list of its own", () => {
  it("gives agents and support the desk's sections only", async () => {
    for (const role of ["agent", "support"] as const) {
      api = openTestApi();
      expect(await keysFor(role)).toEqual(["lookup", "reports", "training", "privacy"]);
      api.cleanup();
    }
  });

  it("adds Exports for an agent an administrator granted the export right", async () => {
    api = openTestApi();
    expect(await keysFor("agent", true)).toEqual(["lookup", "reports", "training", "privacy", "exports"]);
  });

  it("gives managers and administrators exports, administration and the overview", async () => {
    for (const role of ["manager", "admin"] as const) {
      api = openTestApi();
      expect(await keysFor(role)).toEqual(["lookup", "reports", "training", "privacy", "exports", "admin", "dashboard"]);
      api.cleanup();
    }
  });

  it("opens a manager's day on the overview and everyone else's on the lookup (a UX choice)", async () => {
    const starts: Record<string, boolean> = {};
    for (const role of ROLES) {
      api = openTestApi();
      starts[role] = startsOnOverview(role, await canOf(role));
      api.cleanup();
    }
    expect(starts).toEqual({ agent: false, support: false, manager: true, admin: false });
  });
});
