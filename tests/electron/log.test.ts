import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openHost, type Host } from "../../electron/host";
import { createLogger, describeError, LOG_FILE } from "../../electron/log";
import { MIGRATIONS_DIR, scratchDir } from "../fixtures/database";

// Marker strings a caller could say on the phone; none may reach the log folder.
const MARKERS = {
  firstName: "Zorglubina",
  lastName: "Quaxenbaum",
  phone: "+41227359876",
  phoneDigits: "227359876",
  email: "zorglub.quax@exemple-marker.ch",
  reportText: "Le-fichier-Brouzouf-disparait",
  summary: "Appel-Trompinette",
};

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function startHost(): Host {
  const scratch = scratchDir();
  const host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false });
  cleanups.push(() => {
    host.close();
    scratch.remove();
  });
  return host;
}

function logText(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("\n");
}

describe("application log", () => {
  it("holds ids and codes but no name, number, email or free text, whatever the app went through", async () => {
    // The errors provoked below are echoed to stderr too: caught here, so a green run prints no ERROR line.
    const echoed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    cleanups.unshift(() => echoed.mockRestore());
    const host = startHost();
    const call = async (name: string, input: unknown, sessionId?: string) => host.dispatcher.dispatch(name, input, { sessionId });
    const admin = await call("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" });
    if (!admin.ok) throw new Error("setup failed");
    const session = (admin.value as { sessionId: string }).sessionId;

    const person = await call(
      "people.create",
      { firstName: MARKERS.firstName, lastName: MARKERS.lastName, phones: [{ number: MARKERS.phone }], emails: [{ email: MARKERS.email }] },
      session,
    );
    if (!person.ok) throw new Error("people.create failed");
    const personId = (person.value as { id: number }).id;
    const product = await call("products.save", { name: "JetCompta", versions: ["5.2"] }, session);
    const report = await call("reports.create", { personId, productId: (product as { value: { id: number } }).value.id, title: MARKERS.reportText, description: MARKERS.reportText }, session);
    expect(report.ok).toBe(true);
    expect((await call("people.search", { q: MARKERS.lastName }, session)).ok).toBe(true);
    expect((await call("people.get", { id: personId }, session)).ok).toBe(true);

    // Refusals of every kind, each carrying the markers in its input.
    expect(await call("people.create", { firstName: MARKERS.firstName, lastName: MARKERS.lastName.repeat(50) }, session)).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await call("emails.add", { personId, email: MARKERS.email }, session)).toMatchObject({ ok: false });
    expect(await call("people.create", { firstName: MARKERS.firstName, lastName: "X", emails: [{ email: `${MARKERS.lastName} ${MARKERS.phoneDigits}` }] }, session)).toMatchObject({ ok: false });
    expect(await call("session.login", { username: MARKERS.email, password: MARKERS.lastName })).toMatchObject({ ok: false });
    expect(await call(`people.${MARKERS.lastName}`, {}, session)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    // An INTERNAL error whose own message quotes the caller: SQLite's RAISE text is the worst case.
    host.db.sqlite.exec(`CREATE TRIGGER log_test BEFORE INSERT ON interactions BEGIN SELECT RAISE(ABORT, 'refused for ${MARKERS.firstName} ${MARKERS.lastName} ${MARKERS.phone}'); END`);
    const internal = await call("interactions.log", { personId, channel: "call_in", purpose: "information", summary: MARKERS.summary }, session);
    expect(internal).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    const incident = /\(([0-9a-f]{8})\)$/.exec((internal as { error: { message: string } }).error.message)?.[1];

    // A crash in the page, reported by the renderer, and one in the Node process.
    expect(await call("diagnostics.reportError", { kind: "error", route: "/people/1", errorName: "TypeError", incident: "0badc0de" }, session)).toMatchObject({ ok: true });
    expect(await call("diagnostics.reportError", { kind: "error", route: `/people/${MARKERS.lastName} ${MARKERS.phone}`, errorName: "TypeError", incident: "0badc0de" }, session)).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", field: "route" },
    });
    const rejection = process.listeners("unhandledRejection").at(-1);
    rejection?.(new Error(`lost ${MARKERS.email}`), Promise.resolve());

    const text = logText(host.logger.dir);
    expect(text).toMatch(new RegExp(`ERROR operation.failed op=interactions.log incident=${incident} error=SqliteError code=SQLITE_CONSTRAINT_TRIGGER`));
    expect(text).toMatch(/ERROR renderer.failed kind=error route=\/people\/1 error=TypeError incident=0badc0de user=1/);
    expect(text).toMatch(/ERROR process.unhandledRejection error=Error/);
    expect(echoed.mock.calls.map(([line]) => String(line))).toEqual(expect.arrayContaining([expect.stringMatching(/ERROR operation.failed op=interactions.log/)]));
    for (const [what, marker] of Object.entries(MARKERS)) expect(text, what).not.toContain(marker);
    expect(text.toLowerCase()).not.toContain(MARKERS.lastName.toLowerCase());
    // Every line has the same shape: time, level, event, key=value tokens.
    for (const line of text.split("\n").filter(Boolean)) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z (INFO|WARN|ERROR) [\w.]+( [\w]+=[^\s]+)*$/);
  });

  it("keeps only known route shapes and error class names from a page's crash report", async () => {
    // The host echoes ERROR lines to the console; here they are read from the file instead.
    const echoed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    cleanups.push(() => echoed.mockRestore());
    const host = startHost();
    const call = async (name: string, input: unknown, sessionId?: string) => host.dispatcher.dispatch(name, input, { sessionId });
    const admin = await call("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" });
    const session = (admin as { value: { sessionId: string } }).value.sessionId;
    const report = (route: string, errorName: string) => call("diagnostics.reportError", { kind: "render", route, errorName, incident: "0badc0de" }, session);

    // The probe: a name and a number in the route, a name as the error class.
    expect(await report("/people/Dupont_Jean/0227353392", "TypeError")).toMatchObject({ ok: true });
    expect(await report("/people/12", "Jean_Dupont")).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "errorName" } });
    expect(await report("/people/12", "Dupont")).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "errorName" } });
    expect(await report("/admin/dupont", "RangeError")).toMatchObject({ ok: true });
    expect(await report("/training/interactions/information", "")).toMatchObject({ ok: true });
    expect(await report("/reports/:id", "ChunkLoadError")).toMatchObject({ ok: true });
    expect(await report("/privacy/requests/*", "RangeError")).toMatchObject({ ok: true });
    // The router's own patterns, as an error boundary may send them.
    expect(await report("/admin/:tab?", "TypeError")).toMatchObject({ ok: true });
    expect(await report("/privacy/tools/*", "TypeError")).toMatchObject({ ok: true });
    expect(await report("/people/:personId", "TypeError")).toMatchObject({ ok: true });

    const lines = logText(host.logger.dir)
      .split("\n")
      .filter((line) => line.includes("renderer.failed"));
    expect(lines.map((line) => / route=(\S+)/.exec(line)?.[1])).toEqual(["unknown", "unknown", "/training/interactions/information", "/reports/:id", "/privacy/requests/:id", "/admin/:tab", "/privacy/tools/:tool", "/people/:id"]);
    expect(lines.join("\n")).not.toMatch(/Dupont|Jean|0227353392|dupont/);
  });

  it("rotates by size and keeps a fixed number of files", () => {
    const scratch = scratchDir();
    cleanups.push(scratch.remove);
    const dir = join(scratch.dir, "logs");
    const logger = createLogger({ dir, maxBytes: 2_000, keep: 3 });
    for (let i = 0; i < 400; i++) logger.info("test.line", { n: i });
    const files = readdirSync(dir).sort();
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`, `${LOG_FILE}.3`]);
    for (const file of files) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(2_000);
    expect(readFileSync(join(dir, LOG_FILE), "utf8")).toContain("n=399");
    expect(readFileSync(join(dir, `${LOG_FILE}.1`), "utf8")).not.toContain("n=399");
    expect(existsSync(join(dir, `${LOG_FILE}.4`))).toBe(false);
  });

  it("describes an error by class, code and place, never by its message", () => {
    const error = Object.assign(new Error("UNIQUE constraint failed: jean.dupont@example.ch"), { code: "SQLITE_CONSTRAINT_UNIQUE" });
    const described = describeError(error);
    expect(described).toMatchObject({ error: "Error", code: "SQLITE_CONSTRAINT_UNIQUE" });
    expect(described.at).toMatch(/@log\.test\.ts:\d+/);
    expect(JSON.stringify(described)).not.toMatch(/dupont|constraint failed|\/tmp|\/work/);
  });
});
