import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openHost, type Host } from "../../electron/host";
import { MIGRATIONS_DIR, scratchDir } from "../fixtures/database";

/**
 * `backup.folder` is checked when an administrator sets it (a clear VALIDATION on the field), and a
 * bad value already stored (by an older version that let it through) never turns the backups
 * screen, the diagnostics or a backup into INTERNAL: backups go to the default folder and both
 * screens say why.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0)) await f();
});

async function start() {
  const scratch = scratchDir();
  const host: Host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false });
  cleanups.push(async () => {
    await host.whenIdle();
    host.close();
    scratch.remove();
  });
  const call = async (name: string, input: unknown) =>
    host.dispatcher.dispatch(name, input, { sessionId: admin }) as Promise<{ ok: true; value: any } | { ok: false; error: { code: string; field?: string; message: string } }>;
  const created = await host.dispatcher.dispatch("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const admin = (created.value as { sessionId: string }).sessionId;
  return { host, call, dataDir: scratch.dir };
}

/** The values the probe sent, and a few more of the same kinds. */
const badFolders: [string, (dataDir: string, databaseFile: string) => string, RegExp][] = [
  ["a NUL character", () => "backups\u0000evil", /caractères de contrôle/],
  ["a line break", () => "backups\nevil", /caractères de contrôle/],
  ["the database file itself", (_dir, file) => file, /base de données elle-même/],
  ["the database file, relative", () => "jetinfo-crm.sqlite", /base de données elle-même/],
  ["a folder inside the database file", () => "jetinfo-crm.sqlite/backups", /base de données elle-même/],
  ["its WAL", (_dir, file) => `${file}-wal`, /base de données elle-même/],
  ["/proc/self", () => "/proc/self", /dossier du système/],
  ["/proc reached by a relative path", () => "../../../../../../../../proc/self/fd", /dossier du système/],
  ["/sys", () => "/sys/kernel", /dossier du système/],
  ["/dev/shm", () => "/dev/shm/backups", /dossier du système/],
  ["an ordinary file", (dir) => join(dir, "notes.txt"), /un fichier, pas un dossier/],
];

describe("setting backup.folder", () => {
  it.each(badFolders)("refuses %s as VALIDATION on the field", async (_title, value, words) => {
    const { host, call, dataDir } = await start();
    writeFileSync(join(dataDir, "notes.txt"), "not a folder");
    const answer = await call("settings.update", { "backup.folder": value(dataDir, host.db.file) });
    expect(answer).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "backup.folder" } });
    if (!answer.ok) expect(answer.error.message).toMatch(words);
    expect(((await call("settings.get", {})) as any).value["backup.folder"]).toBe("");
  });

  it("accepts a new folder relative to the data folder, creates it, and the next backup goes there", async () => {
    const { call, dataDir } = await start();
    expect(await call("settings.update", { "backup.folder": "copies/daily" })).toMatchObject({ ok: true });
    expect(existsSync(join(dataDir, "copies", "daily"))).toBe(true);
    const made = await call("backups.create", {});
    expect(made).toMatchObject({ ok: true });
    expect(readdirSync(join(dataDir, "copies", "daily"))).toContain((made as any).value.name);
    expect(await call("backups.list", {})).toMatchObject({ ok: true, value: { folder: join(dataDir, "copies", "daily"), folderProblem: null } });
  });
});

describe("a bad backup.folder stored by an older version", () => {
  it.each(badFolders)("%s: the list, the diagnostics and a backup still answer, and say the folder is unusable", async (_title, value, words) => {
    const { host, call, dataDir } = await start();
    writeFileSync(join(dataDir, "notes.txt"), "not a folder");
    host.db.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('backup.folder', ?)").run(JSON.stringify(value(dataDir, host.db.file)));
    const fallback = join(dataDir, "backups");

    const made = await call("backups.create", {});
    expect(made).toMatchObject({ ok: true });
    expect(readdirSync(fallback)).toContain((made as any).value.name);

    const list = await call("backups.list", {});
    expect(list).toMatchObject({ ok: true, value: { folder: fallback, backups: [{ name: (made as any).value.name }] } });
    expect((list as any).value.folderProblem).toMatch(words);

    const diagnostics = await call("diagnostics.get", {});
    expect(diagnostics).toMatchObject({ ok: true, value: { backupFolder: fallback, lastBackup: { name: (made as any).value.name } } });
    expect((diagnostics as any).value.backupFolderProblem).toMatch(/inutilisable/);
  });
});
