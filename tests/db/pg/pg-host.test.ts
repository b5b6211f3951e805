import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AUDIT_ANCHOR_FILE } from "../../../db/audit-anchor";
import { DataFolderInUseError } from "../../../db/data-folder-lock";
import { PgSchemaBehindError } from "../../../db/pg/served";
import { LOG_FILE } from "../../../electron/log";
import { openPgHost } from "../../../electron/pg-host";
import { startTeamServer } from "../../../electron/team/start";
import { MIGRATIONS_DIR, scratchDir } from "../../fixtures/database";
import { createAppLogin, createEmptyTestDatabase, createTestDatabase, type AppLogin, type TestDatabase } from "../../fixtures/postgres";

/**
 * The team server's host on PostgreSQL (electron/pg-host.ts), in this process as `npm run server
 * -- --database …` composes it: the data folder (lock, log, audit key and anchor) beside a database
 * cloned from the migrated template, reached as the app's role, with or without the owner.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<{ db: TestDatabase; login: AppLogin; dataDir: string }> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  const login = await createAppLogin(db);
  cleanups.push(() => login.drop());
  const folder = scratchDir();
  cleanups.push(() => folder.remove());
  return { db, login, dataDir: join(folder.dir, "data") };
}

describe("a team server's host on PostgreSQL", () => {
  it("serves over HTTPS from the app's role, keeps its log, key and audit anchor in the data folder, and holds the folder against a second start", async () => {
    const { db, login, dataDir } = await database();
    const staticDir = join(dataDir, "..", "renderer");
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>Jet Info CRM</title>");
    const server = await startTeamServer({ dataDir, migrationsDir: MIGRATIONS_DIR, staticDir, listenAddress: "127.0.0.1", port: 0, database: { url: login.url, ownerUrl: db.url } });
    let closed = false;
    cleanups.push(async () => {
      if (!closed) await server.close();
    });
    const { dispatch } = server.host.dispatcher;
    const admin = await dispatch("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" });
    expect(admin.ok).toBe(true);
    expect(server.host.db.dialect).toBe("pg");
    // The data folder is the server's, whatever holds the rows: a second server stops before connecting.
    await expect(openPgHost({ dataDir, databaseUrl: login.url })).rejects.toBeInstanceOf(DataFolderInUseError);
    expect(existsSync(join(dataDir, "audit.key"))).toBe(true);

    await server.close();
    closed = true;
    // Closing anchored the chain's head outside the database: the admin's creation is in it.
    const anchor = JSON.parse(readFileSync(join(dataDir, AUDIT_ANCHOR_FILE), "utf8")) as { entries: number };
    expect(anchor.entries).toBeGreaterThanOrEqual(1);
    const log = readFileSync(join(dataDir, "logs", LOG_FILE), "utf8");
    expect(log).toMatch(/host\.started .*database=127\.0\.0\.1:5432\/jetinfo_test_/);
    expect(log).toContain("audit.anchored");
    // No password nor login name in the log.
    expect(log).not.toMatch(/jetinfo_test_login|crm_test/);
  });

  it("refuses a database this version cannot use without its owner, saying what to do", async () => {
    const empty = await createEmptyTestDatabase();
    cleanups.push(() => empty.drop());
    const folder = scratchDir();
    cleanups.push(() => folder.remove());
    // The host's log echoes its errors on stderr, where a service manager keeps them: heard here.
    const echoed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    cleanups.push(() => echoed.mockRestore());
    const started = openPgHost({ dataDir: join(folder.dir, "data"), databaseUrl: empty.url });
    await expect(started).rejects.toBeInstanceOf(PgSchemaBehindError);
    await expect(started).rejects.toThrow(/--database-owner/);
    expect(echoed).toHaveBeenCalledWith(expect.stringMatching(/ERROR database\.openFailed error=PgSchemaBehindError/));
    // The folder was let go: a corrected start may follow at once.
    const again = openPgHost({ dataDir: join(folder.dir, "data"), databaseUrl: empty.url });
    await expect(again).rejects.toBeInstanceOf(PgSchemaBehindError);
  });
});
