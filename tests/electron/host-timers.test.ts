import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openHost } from "../../electron/host";
import { MIGRATIONS_DIR, scratchDir } from "../fixtures/database";

/*
 * Issue 12, item 1: no timer can take the process down. The periodic backup check runs outside
 * any request; what it throws (here: the backup folder replaced by a file, as a removed drive or a
 * hand-made mistake leaves it; a mistyped setting falls back to this folder) is logged, and the
 * host keeps serving.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((f) => f());
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the periodic backup check", () => {
  it("logs a failure to read the backup folder instead of ending the process", async () => {
    const scratch = scratchDir();
    cleanups.push(scratch.remove);
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    // The host echoes errors to the console; kept here to be asserted rather than printed.
    const echoed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR });
    cleanups.unshift(() => host.close());
    await host.whenIdle(); // the start-up backup, into the default folder

    const folder = join(scratch.dir, "backups");
    rmSync(folder, { recursive: true });
    writeFileSync(folder, "");
    vi.advanceTimersByTime(10 * 60_000);

    const log = readFileSync(host.logger.file, "utf8");
    expect(log).toMatch(/ERROR backup\.checkFailed error=Error code=ENOTDIR/);
    expect(echoed).toHaveBeenCalledWith(expect.stringMatching(/backup\.checkFailed/));
    // Still serving requests.
    expect(await host.dispatcher.dispatch("setup.status", {}, {})).toMatchObject({ ok: true });
  });
});
