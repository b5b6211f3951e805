import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { normaliseFingerprint, teamServerUrl } from "../../common/team-address";

/**
 * Which data this desk uses, kept outside the database because a desk in team mode opens no
 * database: a small JSON file in the desk's data folder.
 *   {"mode":"local"}
 *   {"mode":"team","url":"https://crm-serveur:8443/","fingerprint":"AB:CD:…"}
 *   {"mode":"team","url":"https://crm.example.ch/","caFile":"team-ca.pem"}   (relative: in the data folder)
 * No file is a first start.
 */
export const DESK_MODE_FILE = "desk-mode.json";
/** Where a company CA certificate chosen on the first-start screen is kept, in the data folder. */
export const COMPANY_CA_FILE = "team-ca.pem";

export type DeskMode = { mode: "local" } | { mode: "team"; url: string; fingerprint: string } | { mode: "team"; url: string; caFile: string };

export type DeskModeRead =
  | { state: "absent" }
  /** The file is there but is not one of the shapes above: asked again, never guessed. */
  | { state: "unreadable" }
  | { state: "set"; mode: DeskMode };

const address = z.string().transform((raw, ctx) => teamServerUrl(raw) ?? (ctx.addIssue({ code: "custom", message: "url" }), z.NEVER));
const fingerprint = z.string().transform((raw, ctx) => normaliseFingerprint(raw) ?? (ctx.addIssue({ code: "custom", message: "fingerprint" }), z.NEVER));

const fileShape = z.union([
  z.strictObject({ mode: z.literal("local") }),
  z.strictObject({ mode: z.literal("team"), url: address, fingerprint }),
  z.strictObject({ mode: z.literal("team"), url: address, caFile: z.string().min(1).max(4096) }),
]);

export function readDeskMode(dataDir: string): DeskModeRead {
  const file = join(dataDir, DESK_MODE_FILE);
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "absent" };
    return { state: "unreadable" };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { state: "unreadable" };
  }
  const parsed = fileShape.safeParse(json);
  return parsed.success ? { state: "set", mode: parsed.data } : { state: "unreadable" };
}

/** Written whole or not at all (a temporary file renamed over the old one): a crash never leaves half a choice. */
export function writeDeskMode(dataDir: string, mode: DeskMode): void {
  const file = join(dataDir, DESK_MODE_FILE);
  const temporary = `${file}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(mode, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** A `caFile` as written in the file: relative to the data folder unless absolute (an IT-managed path). */
export function caFilePath(dataDir: string, caFile: string): string {
  return isAbsolute(caFile) ? caFile : join(dataDir, caFile);
}

/**
 * The mode a desk starts in. No file but a database already in the folder is a desk from before
 * team mode existed (or one whose file was deleted by hand): it stays local, and says so in the
 * file, so an update never asks an agent where the data is.
 */
export function startingMode(dataDir: string, databaseFile: string): DeskModeRead {
  const read = readDeskMode(dataDir);
  if (read.state === "absent" && existsSync(join(dataDir, databaseFile))) {
    const local: DeskMode = { mode: "local" };
    writeDeskMode(dataDir, local);
    return { state: "set", mode: local };
  }
  return read;
}
