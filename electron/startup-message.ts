import { message } from "../common/messages";
import type { Language } from "../common/enums";
import { DatabaseFromFutureError, ForeignKeyViolationError } from "../db/migrate";

/**
 * What the startup dialog says when the database cannot be opened, in the menu's language: the
 * two refusals the data core explains, else one sentence — never SQLite's or Node's own text
 * ("SQLITE_BUSY: database is locked", "EACCES: permission denied, open …"), which the log keeps.
 */
export function startupMessage(error: unknown, language: Language): string {
  if (error instanceof DatabaseFromFutureError) {
    return message("database_from_future", language, { version: String(error.fileVersion), supported: String(error.appVersion) });
  }
  if (error instanceof ForeignKeyViolationError) return message("upgrade_broken_references", language, { count: String(error.violations.length) });
  return message("startup_failed", language);
}
