import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataFolderInUseError, lockDataFolder, RUNNING_URL_FILE, type DataFolderLock } from "../../db/data-folder-lock";
import { DATABASE_FILE, openHost } from "../../electron/host";
import { startShell, STARTUP_REFUSED } from "../../electron/main";
import { MIGRATIONS_DIR } from "../fixtures/database";
import { app, recorded, resetStub } from "./stub-electron";

/**
 * The data-folder lock lives in the host both shells open, so it holds across modes: the desktop
 * app refuses a folder the browser mode (or anything else) holds. Electron's own single-instance
 * lock is taken in the same folder (userData is set from --data first), so two desktop instances
 * on different folders still run side by side; that part is main.test.ts's.
 */

let root: string;
let held: DataFolderLock | undefined;
beforeEach(() => {
  resetStub();
  root = mkdtempSync(join(tmpdir(), "jetinfo-lock-"));
});
afterEach(() => {
  app.emit("will-quit");
  held?.release();
  held = undefined;
  rmSync(root, { recursive: true, force: true });
});

describe("one host per data folder", () => {
  it("refuses a second host on the folder until the first closes", () => {
    const dataDir = join(root, "data");
    const first = openHost({ dataDir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false });
    first.recordUrl("http://127.0.0.1:4321/#token=abc_DEF-123");
    let refusal: unknown;
    try {
      openHost({ dataDir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false }).close();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderInUseError);
    expect((refusal as DataFolderInUseError).runningUrl).toBe("http://127.0.0.1:4321/#token=abc_DEF-123");
    first.close();
    // The address goes with the instance; the next one opens the same database.
    expect(existsSync(join(dataDir, RUNNING_URL_FILE))).toBe(false);
    const next = openHost({ dataDir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false });
    next.close();
  });

  it("the desktop app refuses a folder another instance holds, with a message and no window", async () => {
    const dataDir = join(root, "data");
    held = lockDataFolder(dataDir);
    const started = await startShell({
      argv: ["/opt/electron", "dist/main.cjs", "--data", dataDir],
      env: {},
      paths: { preload: "/app/dist/preload.cjs", renderer: root, migrations: MIGRATIONS_DIR },
    });
    expect(started).toBeUndefined();
    expect(recorded.windows).toHaveLength(0);
    expect(recorded.exitCode).toBe(STARTUP_REFUSED);
    expect(recorded.errorBoxes[0]?.content).toMatch(/Jet Info CRM est déjà ouvert sur ce dossier de données/);
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
  });
});
