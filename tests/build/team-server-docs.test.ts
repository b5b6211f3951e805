import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * What an administrator copies from the README and the systemd unit must run: the unit starts the
 * built server entry, and every `npm run …` the README shows is a script of package.json.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const UNIT = "build/service/jetinfo-crm-server.service";
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

/** `Key=value` lines of one `[Section]` of a unit file (comments and other sections left out). */
function unitSection(text: string, section: string): Map<string, string> {
  const body = text.split(/^\[/m).find((part) => part.startsWith(`${section}]`)) ?? "";
  const entries = body
    .split("\n")
    .slice(1)
    .filter((line) => /^\w+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);
  return new Map(entries);
}

describe("the systemd unit", () => {
  const service = unitSection(read(UNIT), "Service");

  it("runs the built server entry on the data folder under /var/lib, as the npm script does", () => {
    const exec = service.get("ExecStart")!.split(/\s+/);
    expect(exec[0]).toMatch(/\/node$/);
    expect(exec[2]).toMatch(/\/dist\/server\.cjs$/);
    expect(exec.slice(3).join(" ")).toMatch(/^--data \/var\/lib\/jetinfo-crm --listen \S+:\d+$/);
    // `npm run server` starts the same file with the same young generation (the lookups' p99).
    expect(exec[1]).toBe("--max-semi-space-size=64");
    expect(scripts.server).toMatch(/\bnode --max-semi-space-size=64 dist\/server\.cjs$/);
    expect(service.get("WorkingDirectory")).toBe(exec[2]!.replace(/\/dist\/server\.cjs$/, ""));
  });

  it("runs as its own user, restarts after a crash and stops with SIGTERM", () => {
    expect(service.get("User")).toBe("jetinfo-crm");
    expect(service.get("User")).not.toBe("root");
    expect(service.get("Restart")).toBe("on-failure");
    expect(service.get("KillSignal")).toBe("SIGTERM");
    expect(service.get("StateDirectory")).toBe("jetinfo-crm");
    // Longer than the server's wait for a running backup (QUIT_WAIT_MS, 30 s), or systemd kills it mid-copy.
    expect(Number(service.get("TimeoutStopSec"))).toBeGreaterThan(30);
  });
});

describe("README.md's commands", () => {
  const readme = read("README.md");

  it("name only scripts package.json has", () => {
    const named = [...readme.matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named).toContain("server");
    expect(named.filter((name) => !Object.hasOwn(scripts, name))).toEqual([]);
  });

  it("start, import and install the team server with the options the brief fixes", () => {
    const section = readme.split(/^## /m).find((s) => s.startsWith("Team server"))!;
    expect(section).toMatch(/npm run server -- --data \S+ --listen \S+:\d+/);
    expect(section).toMatch(/npm run server -- --data \S+ --import /);
    expect(section).toContain("<data>/tls/server.crt");
    expect(section).toContain(UNIT);
    expect(existsSync(join(ROOT, UNIT))).toBe(true);
  });
});
