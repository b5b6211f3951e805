import { describe, expect, it } from "vitest";
import { capabilitiesOf, operationsFor } from "../../common/capabilities";
import { contract } from "../../common/contract/index";

describe("capabilities from the contract's roles", () => {
  it("gives an agent the call-desk operations and none of the back office", () => {
    const agent = capabilitiesOf({ role: "agent" }, { mayExport: false }).operations;
    expect(agent).toEqual(expect.arrayContaining(["session.me", "reports.create", "training.create", "products.list"]));
    for (const name of ["users.list", "settings.update", "audit.list", "reports.update", "reports.assign", "dashboard.summary", "backups.restore"]) expect(agent).not.toContain(name);
  });

  it("follows each operation's own roles: keeping a report for the product is a manager's call, not an administrator's", () => {
    expect(capabilitiesOf({ role: "manager" }, { mayExport: true }).operations).toContain("reports.keepForProduct");
    const admin = capabilitiesOf({ role: "admin" }, { mayExport: true }).operations;
    expect(admin).not.toContain("reports.keepForProduct");
    expect(admin).toEqual(expect.arrayContaining(["users.list", "backups.restore", "audit.verify"]));
  });

  it("lists no public operation (setup, login): they are nobody's capability", () => {
    for (const role of ["agent", "support", "manager", "admin"] as const) {
      const operations = operationsFor(role, contract);
      expect(operations).not.toContain("session.login");
      expect(operations).not.toContain("setup.status");
    }
  });

  it("passes the export right through as the server decided it (a setting can grant it)", () => {
    expect(capabilitiesOf({ role: "agent" }, { mayExport: true }).mayExport).toBe(true);
    expect(capabilitiesOf({ role: "manager" }, { mayExport: false }).mayExport).toBe(false);
  });
});
