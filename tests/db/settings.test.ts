import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SETTINGS, allSettings, getSetting, getSettingSync, setSetting, setSettingSync, updateSettings } from "../../db/settings";
import { ENGINES, freshEngines } from "../fixtures/engines";

const fresh = freshEngines();

async function open(kind: (typeof ENGINES)[number]) {
  const t = await fresh(kind);
  return t.engine;
}

describe.each(ENGINES)("settings on %s", (kind) => {
  it("reads a setting never set as its default, and a stored one as stored", async () => {
    const engine = await open(kind);
    expect(await engine.transaction("read", (tx) => getSetting(tx, "session.idleMinutes"))).toBe(SETTINGS["session.idleMinutes"].default);
    await engine.transaction("write", (tx) => setSetting(tx, "session.idleMinutes", 12));
    // Set twice: the second replaces the first (one row per key).
    await engine.transaction("write", (tx) => setSetting(tx, "session.idleMinutes", 7));
    expect(await engine.transaction("read", (tx) => getSetting(tx, "session.idleMinutes"))).toBe(7);
    expect(await engine.transaction("read", (tx) => tx.one(sql`SELECT count(*) AS n FROM settings`))).toEqual({ n: 1 });
  });

  it("keeps text with quotes, accents and control-looking characters as it was given", async () => {
    const engine = await open(kind);
    const controller = { ...SETTINGS["privacy.controller"].default, name: "Jet Info Sàrl — « l'équipe » '; DROP TABLE settings; -- \\ \u{1F4DE}" };
    await engine.transaction("write", (tx) => setSetting(tx, "privacy.controller", controller));
    expect(await engine.transaction("read", (tx) => getSetting(tx, "privacy.controller"))).toEqual(controller);
  });

  it("reads a stored value that no longer fits its schema as the default", async () => {
    const engine = await open(kind);
    await engine.transaction("write", (tx) => tx.run(sql`INSERT INTO settings (key, value) VALUES (${"session.idleMinutes"}, ${'"soon"'})`));
    expect(await engine.transaction("read", (tx) => getSetting(tx, "session.idleMinutes"))).toBe(SETTINGS["session.idleMinutes"].default);
  });

  it("answers every setting at once, defaults included, and refuses a value outside its schema", async () => {
    const engine = await open(kind);
    await engine.transaction("write", (tx) => setSetting(tx, "exports.grantedUserIds", [3, 1]));
    const all = await engine.transaction("read", (tx) => allSettings(tx));
    expect(Object.keys(all).sort()).toEqual(Object.keys(SETTINGS).sort());
    expect(all["exports.grantedUserIds"]).toEqual([3, 1]);
    expect(all["session.maxHours"]).toBe(SETTINGS["session.maxHours"].default);
    await expect(engine.transaction("write", (tx) => setSetting(tx, "session.idleMinutes", -5))).rejects.toThrow();
  });

  it("updates several settings in one transaction, and refuses a backup folder that cannot hold backups, on its field", async () => {
    const engine = await open(kind);
    const dir = mkdtempSync(join(tmpdir(), "jetinfo-settings-"));
    try {
      const file = join(dir, "crm.sqlite");
      const after = await engine.transaction("write", (tx) => updateSettings(tx, { "session.idleMinutes": 9, "backup.keep": 4 }, file));
      expect(after).toMatchObject({ "session.idleMinutes": 9, "backup.keep": 4 });
      await expect(engine.transaction("write", (tx) => updateSettings(tx, { "session.idleMinutes": 20, "backup.folder": "/proc/backups" }, file))).rejects.toMatchObject({
        code: "VALIDATION",
        field: "backup.folder",
      });
      // Refused before anything was written.
      expect(await engine.transaction("read", (tx) => getSetting(tx, "session.idleMinutes"))).toBe(9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("settings for callers still on the SQLite connection", () => {
  it("reads and writes the same rows as the engine's functions", async () => {
    const t = await fresh("sqlite");
    setSettingSync(t.db!, "backup.intervalHours", 6);
    expect(await t.engine.transaction("read", (tx) => getSetting(tx, "backup.intervalHours"))).toBe(6);
    await t.engine.transaction("write", (tx) => setSetting(tx, "backup.intervalHours", 3));
    expect(getSettingSync(t.db!, "backup.intervalHours")).toBe(3);
  });
});
