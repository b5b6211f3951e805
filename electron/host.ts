import { appendFileSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Db } from "../db/open";
import { createDispatcher, type Dispatcher } from "./api/dispatcher";
import { registry } from "./api/registry";
import type { Operation } from "./api/operation";

export const APP_NAME = "Jet Info CRM";
export const DATABASE_FILE = "jetinfo-crm.sqlite";

/** Electron's default userData folder, so the browser mode finds the same data. */
export function defaultDataDir(): string {
  if (process.platform === "win32") return join(process.env.APPDATA ?? join(homedir(), "AppData", "Roaming"), APP_NAME);
  if (process.platform === "darwin") return join(homedir(), "Library", "Application Support", APP_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), APP_NAME);
}

/** `--data <folder>` / `--port <n>` / `--call <number>` from a command line. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

export interface Host {
  db: Db;
  dispatcher: Dispatcher;
  dataDir: string;
  close(): void;
}

/** The API host both shells share: the database in the data folder and the dispatcher over it. */
export function openHost(options: { dataDir: string; migrationsDir: string; nativeBinding?: string }): Host {
  const { dataDir } = options;
  const logDir = join(dataDir, "logs");
  mkdirSync(logDir, { recursive: true });
  const db = openDatabase(join(dataDir, DATABASE_FILE), {
    migrationsDir: options.migrationsDir,
    backupDir: join(dataDir, "backups"),
    nativeBinding: options.nativeBinding,
  });
  const dispatcher = createDispatcher(registry as unknown as Record<string, Operation>, {
    db,
    logError: (incident, operation, error) => {
      const line = `${new Date().toISOString()} [${incident}] ${operation}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
      appendFileSync(join(logDir, "errors.log"), line);
      console.error(line.trimEnd());
    },
  });
  return { db, dispatcher, dataDir, close: () => db.close() };
}
