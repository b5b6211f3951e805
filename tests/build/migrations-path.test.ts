import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../electron/host";
import { startShell } from "../../electron/main";
import { resolveMigrationsDir } from "../../electron/migrations-path";
import { app, recorded, resetStub } from "../electron/stub-electron";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "jetinfo-migrations-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The real migrations copied where a layout puts them (a folder stands in for app.asar: Electron reads inside it with plain fs). */
function shipMigrations(dir: string): void {
  cpSync(join(import.meta.dirname, "../../db/migrations"), dir, { recursive: true });
}

describe("where the migrations are at run time", () => {
  it("development: dist/migrations next to the bundle", () => {
    const dist = join(root, "dist");
    shipMigrations(join(dist, "migrations"));
    expect(resolveMigrationsDir({ isPackaged: false, resourcesPath: "/opt/electron/resources", distDir: dist })).toBe(join(dist, "migrations"));
  });

  it("installed app: inside app.asar in the resources folder, not beside it", () => {
    const resources = join(root, "resources");
    shipMigrations(join(resources, "app.asar", "dist", "migrations"));
    // A stray folder beside the archive is not read: the archive is what the integrity fuse covers.
    shipMigrations(join(resources, "migrations"));
    expect(resolveMigrationsDir({ isPackaged: true, resourcesPath: resources, distDir: join(resources, "app.asar", "dist") })).toBe(join(resources, "app.asar", "dist", "migrations"));
  });

  it("says plainly when an installation lacks them", () => {
    expect(() => resolveMigrationsDir({ isPackaged: true, resourcesPath: join(root, "resources"), distDir: root })).toThrow(/installation is incomplete.*Reinstall/);
    expect(() => resolveMigrationsDir({ isPackaged: false, resourcesPath: undefined, distDir: join(root, "dist") })).toThrow(/npm run build/);
    expect(() => resolveMigrationsDir({ isPackaged: true, resourcesPath: undefined, distDir: root })).toThrow(/resources/);
  });
});

describe("the packaged shell opens its database with the shipped migrations (stub electron)", () => {
  // Electron's process.resourcesPath, absent under plain Node.
  const process_ = process as unknown as { resourcesPath?: string };
  let savedResources: string | undefined;

  beforeEach(() => {
    savedResources = process_.resourcesPath;
    mkdirSync(join(root, "renderer"));
    writeFileSync(join(root, "renderer", "index.html"), "<!doctype html>");
  });
  afterEach(() => {
    app.emit("will-quit");
    process_.resourcesPath = savedResources;
  });

  function launch() {
    // A desk that chose its local database (a fresh one would ask first and open nothing).
    mkdirSync(join(root, "data"), { recursive: true });
    writeFileSync(join(root, "data", "desk-mode.json"), JSON.stringify({ mode: "local" }));
    return startShell({ argv: ["/opt/jet", "--data", join(root, "data")], env: {}, paths: { preload: "/p.cjs", renderer: join(root, "renderer") } });
  }

  it("finds them inside app.asar and migrates the new database", async () => {
    resetStub({ isPackaged: true });
    process_.resourcesPath = join(root, "resources");
    shipMigrations(join(root, "resources", "app.asar", "dist", "migrations"));
    const started = await launch();
    expect(started).toBeDefined();
    expect(existsSync(join(root, "data", DATABASE_FILE))).toBe(true);
    expect(recorded.errorBoxes).toEqual([]);
  });

  it("refuses to start with a message when they are missing", async () => {
    resetStub({ isPackaged: true });
    process_.resourcesPath = join(root, "empty-resources");
    expect(await launch()).toBeUndefined();
    expect(recorded.errorBoxes[0]?.content).toMatch(/installation est incomplète.*Réinstallez Jet Info CRM/);
    expect(recorded.windows).toHaveLength(0);
  });
});
