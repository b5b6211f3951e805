import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createForwarder, type Forwarder } from "../../../electron/desk/forward";
import { startTeamServer, type TeamServer } from "../../../electron/team/start";
import { MIGRATIONS_DIR, scratchDir } from "../../fixtures/database";

/**
 * A manager on a team desk exports companies: the file is written on the server, and the desk's
 * save dialog gets it through the same pinned connection as every call (app://crm/exports/download
 * in Electron hands the path to the forwarder). Real server, real dispatcher, real export worker.
 */
let folder: ReturnType<typeof scratchDir>;
let server: TeamServer;
let desk: Forwarder;

beforeAll(async () => {
  folder = scratchDir();
  mkdirSync(join(folder.dir, "renderer"));
  writeFileSync(join(folder.dir, "renderer", "index.html"), "<!doctype html><title>Jet Info CRM</title>");
  server = await startTeamServer({
    dataDir: join(folder.dir, "data"),
    migrationsDir: MIGRATIONS_DIR,
    staticDir: join(folder.dir, "renderer"),
    listenAddress: "127.0.0.1",
    port: 0,
    scheduleBackups: false,
  });
  desk = createForwarder({ url: server.url, trust: { kind: "fingerprint", fingerprint: server.fingerprint } });
});
afterAll(async () => {
  desk?.close();
  await server?.close();
  folder?.remove();
});

async function value<T>(name: string, input: unknown, sessionId?: string): Promise<T> {
  const answer = await desk.dispatch(name, input, { sessionId });
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value as T;
}

it("saves on the desk the export the team server wrote, and nothing for a key it does not know", async () => {
  const { sessionId } = await value<{ sessionId: string }>("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" });
  await value("companies.create", { name: "Horlogerie «Léman» SA" }, sessionId);

  const started = await value<{ id: string }>("exports.start", { recordSet: "companies", columns: ["name"], format: "csv" }, sessionId);
  let progress: { status: string; downloadUrl: string | null };
  do progress = await value("exports.progress", { id: started.id }, sessionId);
  while (progress.status === "running");
  expect(progress.status).toBe("done");

  const saved = await desk.download(progress.downloadUrl!);
  expect(saved.status).toBe(200);
  expect(saved.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w.-]+\.csv"$/);
  const rows = parse(await saved.text(), { bom: true }) as string[][];
  expect(rows.slice(1)).toEqual([["Horlogerie «Léman» SA"]]);

  // Delivered once: the server removed the file, and an invented key (or a path outside the
  // downloads) reaches no file on the server.
  expect((await desk.download(progress.downloadUrl!)).status).toBe(404);
  expect((await desk.download("/exports/download/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
  expect((await desk.download("/exports/download/../../api/session.me")).status).toBe(404);
});
