import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";

/**
 * The application log: `<data>/logs/jetinfo-crm.log`, rotated by size (`.1` … `.<keep>`).
 *
 * It holds no personal data, by construction rather than by filtering: a line is a time, a level,
 * an event name and a few fields whose values are numbers, booleans or short tokens (ids,
 * operation names, error classes and codes). Free text — an error's message, a zod issue, an SQLite
 * constraint message, which can all quote what a caller said — is never accepted. Strings are cut
 * down to token characters, so even a mistake cannot write a sentence.
 */
export type LogLevel = "INFO" | "WARN" | "ERROR";
export type LogValue = string | number | boolean | undefined;
export type LogFields = Record<string, LogValue>;

export interface Logger {
  readonly dir: string;
  readonly file: string;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export const LOG_FILE = "jetinfo-crm.log";

export interface LoggerOptions {
  dir: string;
  /** Size at which the file is rotated. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  now?: () => number;
  /** Also print each line (the console of `npm run web`). */
  echo?: (line: string, level: LogLevel) => void;
}

const TOKEN_UNSAFE = /[^A-Za-z0-9_.:/@#|=+-]/g;

/** A value as a log token: ids and names of code, never prose. */
function token(value: LogValue): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "NaN";
  if (typeof value === "boolean") return String(value);
  return String(value).replace(TOKEN_UNSAFE, "_").slice(0, 400);
}

export function createLogger(options: LoggerOptions): Logger {
  const { dir } = options;
  const maxBytes = options.maxBytes ?? 1_000_000;
  const keep = options.keep ?? 5;
  const now = options.now ?? Date.now;
  const file = join(dir, LOG_FILE);
  mkdirSync(dir, { recursive: true });
  let size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;

  function rotate() {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // A gap in the series (never rotated that far): nothing to move.
      }
    }
    renameSync(file, `${file}.1`);
    size = 0;
  }

  function write(level: LogLevel, event: string, fields: LogFields = {}) {
    const parts = [new Date(now()).toISOString(), level, token(event)];
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) parts.push(`${token(key)}=${token(value)}`);
    const line = `${parts.join(" ")}\n`;
    try {
      if (size > 0 && size + line.length > maxBytes) rotate();
      appendFileSync(file, line);
      size += Buffer.byteLength(line);
    } catch {
      // A full or read-only disk must not turn a logged error into a crash.
    }
    options.echo?.(line.trimEnd(), level);
  }

  return {
    dir,
    file,
    info: (event, fields) => write("INFO", event, fields),
    warn: (event, fields) => write("WARN", event, fields),
    error: (event, fields) => write("ERROR", event, fields),
  };
}

/**
 * What may be logged of an error: its class, its code (`SQLITE_CONSTRAINT_UNIQUE`) and where it was
 * thrown (function and file:line, without folders — a folder can hold the Windows user name). Never
 * the message: SQLite, zod and our own messages can quote the input.
 */
export function describeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = "code" in error && typeof error.code === "string" && /^[A-Z0-9_]{1,60}$/.test(error.code) ? error.code : undefined;
  return { error: error.constructor.name || error.name, code, at: stackFrames(error.stack) };
}

function stackFrames(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const frames: string[] = [];
  for (const line of stack.split("\n")) {
    // "    at fn (/path/to/main.cjs:12:34)" or "    at /path/to/main.cjs:12:34"
    const match = /^\s+at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/.exec(line);
    if (!match) continue;
    const fn = match[1] ?? "";
    frames.push(`${fn.replace(/[^\w.$<>]/g, "") || "anonymous"}@${basename(match[2] ?? "")}:${match[3]}`);
    if (frames.length === 5) break;
  }
  return frames.length ? frames.join("|") : undefined;
}

/**
 * Logs what escapes every handler in the Node process. An uncaught exception is only observed
 * (`uncaughtExceptionMonitor`): the process still ends as Node or Electron would, because its state
 * is unknown; an unhandled rejection is logged and the app keeps running, since a failed background
 * job (a scheduled backup) must not close the window in the middle of a call. Returns the uninstaller.
 */
export function installCrashLogging(logger: Logger): () => void {
  const onException = (error: unknown, origin: string) => logger.error("process.uncaughtException", { origin, ...describeError(error) });
  const onRejection = (reason: unknown) => logger.error("process.unhandledRejection", describeError(reason));
  process.on("uncaughtExceptionMonitor", onException);
  process.on("unhandledRejection", onRejection);
  return () => {
    process.off("uncaughtExceptionMonitor", onException);
    process.off("unhandledRejection", onRejection);
  };
}
