import { message } from "../common/messages";
import type { Language } from "../common/enums";
import { DataFolderInUseError } from "../db/data-folder-lock";
import { DatabaseFromFutureError, ForeignKeyViolationError } from "../db/migrate";
import { MigrationsMissingError } from "./migrations-path";

/**
 * What the startup dialog says when the database cannot be opened, in the menu's language: the
 * refusals the app can explain (another instance, a broken install, a newer or broken database),
 * else one sentence — never SQLite's or Node's own text
 * ("SQLITE_BUSY: database is locked", "EACCES: permission denied, open …"), which the log keeps.
 */
export function startupMessage(error: unknown, language: Language): string {
  if (error instanceof DatabaseFromFutureError) {
    return message("database_from_future", language, { version: String(error.fileVersion), supported: String(error.appVersion) });
  }
  if (error instanceof ForeignKeyViolationError) return message("upgrade_broken_references", language, { count: String(error.violations.length) });
  if (error instanceof DataFolderInUseError) return message("data_folder_in_use", language, { folder: error.dataDir });
  if (error instanceof MigrationsMissingError) return message("migrations_missing", language, { folder: error.folder });
  return message("startup_failed", language);
}
