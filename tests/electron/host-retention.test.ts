import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/open";
import { setSettingSync } from "../../db/settings";
import { DATABASE_FILE, openHost } from "../../electron/host";
import { MIGRATIONS_DIR, scratchDir } from "../fixtures/database";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const YEAR = 365.25 * 86_400_000;

/** A data folder whose database holds one person last heard of six years ago and one from today. */
function dataFolder(applyAtStartup: boolean) {
  const scratch = scratchDir();
  cleanups.push(scratch.remove);
  const now = Date.UTC(2026, 10, 25);
  const db = openDatabase(join(scratch.dir, DATABASE_FILE), { migrationsDir: MIGRATIONS_DIR });
  const old = now - 6 * YEAR;
  db.sqlite.prepare("INSERT INTO people (id, last_name, created_at, updated_at, last_contact_at) VALUES (1, 'Ancien', ?, ?, ?), (2, 'Récent', ?, ?, ?)").run(old, old, old, now, now, now);
  setSettingSync(db, "retention.applyAtStartup", applyAtStartup);
  db.close();
  return { dir: scratch.dir, now };
}

describe("retention at start-up", () => {
  it("erases what is past its period when the setting asks for it, and audits the run without a user", async () => {
    const { dir, now } = dataFolder(true);
    const host = openHost({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false, now: () => now });
    cleanups.unshift(() => host.close());
    // The run is the engine's first transaction: anything asked after it waits its turn.
    await host.db.engine.transaction("read", async () => undefined);
    expect(host.db.sqlite.prepare("SELECT last_name FROM people").pluck().all()).toEqual(["Récent"]);
    expect(host.db.sqlite.prepare("SELECT user_id, operation, fields FROM audit_log").all()).toEqual([{ user_id: null, operation: "retention.apply", fields: expect.stringContaining("inactive_people:1") }]);
  });

  it("leaves everything alone by default", async () => {
    const { dir, now } = dataFolder(false);
    const host = openHost({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false, now: () => now });
    cleanups.unshift(() => host.close());
    await host.db.engine.transaction("read", async () => undefined);
    expect(host.db.sqlite.prepare("SELECT count(*) FROM people").pluck().get()).toBe(2);
  });
});
