import { createHash } from "node:crypto";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Dialect } from "../../db/engine";
import { suppress } from "../../db/suppression";
import { startHttpTransport } from "../../electron/http/server";
import { scratchDir } from "../fixtures/database";
import { ENGINES } from "../fixtures/engines";
import { exportFileContents } from "../fixtures/export-files";
import { openServedTestApi } from "../fixtures/served-api";

/*
 * Exports on a team server, on either engine, through the real dispatcher (issue 16): a manager
 * previews, starts, follows and downloads an export; the privacy desk takes a mailing list; both
 * give the cells SQLite gives. On PostgreSQL an export's worker thread reads through the server's
 * cursor on a connection of its own: the desks' pool is never held by it.
 */

type Api = Awaited<ReturnType<typeof openServedTestApi>>;

const PEOPLE = [
  { salutation: "ms", firstName: "Zoë", lastName: "Müller-Lüdenscheid", language: "de", phones: [{ number: "022 735 33 92" }], emails: [{ email: "zoe@example.ch" }], addresses: [{ street: "Rue de Lausanne 63", postalCode: "1202", city: "Genève" }] },
  { salutation: "mr", firstName: "Émile", lastName: "O'Neil", language: "fr", phones: [{ number: "079 555 10 01" }], emails: [{ email: "emile@example.ch" }], addresses: [{ street: "Chemin « du Lac »; n° 2\nBâtiment B", city: "Nyon" }] },
  { firstName: "سارة", lastName: "العلي", language: "en", emails: [{ email: "sara@example.ch" }], addresses: [{ street: '=HYPERLINK("http://x")', city: "Lausanne" }] },
  { salutation: "mx", firstName: "Jean", lastName: "Dupont", language: "it", phones: [{ number: "+33 1 42 68 53 00" }] },
  { firstName: "Søren", lastName: "Straße", language: "it", emails: [{ email: "soren@example.ch" }], addresses: [{ city: "Carouge", country: "CH" }] },
] as const;

/** The same people, company, choices and suppression on either engine, at the same clock. */
async function seeded(kind: Dialect) {
  const api = await openServedTestApi(kind);
  const admin = (await api.admin()).sessionId;
  const manager = await api.loginAs("manager");
  const agent = await api.loginAs("agent");
  const company = await api.ok<{ id: number }>("companies.create", { name: "Jet Info Sàrl", city: "Genève" }, agent);
  const ids: number[] = [];
  for (const [i, person] of PEOPLE.entries()) {
    ids.push((await api.ok<{ id: number }>("people.create", { ...person, companyId: i % 2 ? company.id : null }, agent)).id);
    api.advance(61_000);
  }
  // The newsletter by email: all but Jean (no email) opted in, Émile then opted out, Sara suppressed.
  for (const personId of [ids[0], ids[1], ids[2], ids[4]]) await api.ok("preferences.set", { personId, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agent);
  await api.ok("preferences.set", { personId: ids[1], topic: "newsletter", channel: "email", status: "opted_out", source: "email" }, agent);
  await api.db.engine.transaction("write", (tx) => suppress(tx, [{ kind: "email", value: " Sara@Example.ch" }], api.now()));
  return { api, admin, manager, agent, ids };
}

async function finished(api: Api, session: string, id: string) {
  let view: any;
  await vi.waitFor(
    async () => {
      view = await api.ok("exports.progress", { id }, session);
      expect(view.status).not.toBe("running");
    },
    { timeout: 20_000, interval: 50 },
  );
  return view;
}

function get(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

const exportFiles = (api: Api) => (existsSync(join(api.folder, "exports")) ? readdirSync(join(api.folder, "exports")) : []);

/** What a manager sees and gets, from the preview to the downloaded files and the audit entries. */
async function managerExports(kind: Dialect) {
  const { api, admin, manager } = await seeded(kind);
  const scratch = scratchDir();
  const transport = await startHttpTransport({ dispatch: api.dispatcher.dispatch, staticDir: api.folder });
  try {
    const preview = await api.ok("exports.preview", { recordSet: "people", filters: { language: ["de", "fr", "en"] } }, manager);
    const files: Record<string, { view: Record<string, unknown>; contents: unknown; sha256: string }> = {};
    for (const format of ["csv", "xlsx"] as const) {
      const started = await api.ok("exports.start", { recordSet: "people", format, dateStyle: "swiss" }, manager);
      expect(started.status).toBe("running");
      const done = await finished(api, manager, started.id);
      expect(done).toMatchObject({ status: "done", done: PEOPLE.length, total: PEOPLE.length, msLeft: 0 });
      // Written in the exports folder beside the database (the server's data folder on PostgreSQL).
      expect(exportFiles(api)).toEqual([`${started.id}.${format}`]);
      const response = await get(transport.port, done.downloadUrl);
      expect(response.status).toBe(200);
      expect(response.headers["content-disposition"]).toMatch(new RegExp(`^attachment; filename="people-\\d{12}\\.${format}"$`));
      // Handed over once, then removed.
      await vi.waitFor(() => expect(exportFiles(api)).toEqual([]));
      expect((await get(transport.port, done.downloadUrl)).status).toBe(404);
      const file = join(scratch.dir, `people.${format}`);
      writeFileSync(file, response.body);
      // What may differ from one run to the next: the job's id, times and address; a workbook's zip (its creation time).
      const { id: _id, startedAt: _started, finishedAt: _finished, downloadUrl: _url, fileName: _name, ...view } = done;
      if (format === "xlsx") delete view.bytes;
      files[format] = { view, contents: await exportFileContents(file, format), sha256: createHash("sha256").update(response.body).digest("hex") };
    }
    const audit = (await api.ok("audit.list", { operation: "exports.start" }, admin)).rows.map((e: { fields: string[] }) => e.fields);
    const { sha256: _workbookHash, ...workbook } = files.xlsx!;
    const previews = (await api.ok("audit.list", { operation: "exports.preview" }, admin)).rows.map((e: { entityId: string; fields: string[] }) => [e.entityId, e.fields]);
    return {
      preview,
      csv: files.csv!,
      xlsx: workbook,
      audit: audit.map((fields: string[]) => (fields.includes("format=xlsx") ? fields.filter((f) => !f.startsWith("sha256=")) : fields)),
      auditedCsvHash: audit.some((fields: string[]) => fields.includes(`sha256=${files.csv!.sha256}`)),
      previews,
    };
  } finally {
    await transport.close();
    scratch.remove();
    await api.cleanup();
  }
}

/** The privacy desk's mailing list of the newsletter by email. */
async function mailingList(kind: Dialect) {
  const { api, manager, agent } = await seeded(kind);
  try {
    expect(await api.call("mailing.export", { topic: "newsletter" }, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    return await api.ok("mailing.export", { topic: "newsletter", channel: "email" }, manager);
  } finally {
    await api.cleanup();
  }
}

// SQLite's answers, once: what PostgreSQL's must equal.
const onSqlite = { exports: undefined as ReturnType<typeof managerExports> | undefined, mailing: undefined as ReturnType<typeof mailingList> | undefined };

describe.each(ENGINES)("exports on a served %s database", (kind) => {
  let api: Api | undefined;
  afterEach(async () => {
    await api?.cleanup();
    api = undefined;
  });

  it("a manager previews, starts, follows and downloads people as CSV and Excel: the cells SQLite gives, audited", async () => {
    const mine = kind === "sqlite" ? await (onSqlite.exports ??= managerExports("sqlite")) : await managerExports(kind);
    expect(mine.preview.total).toBe(3);
    expect(mine.preview.columns.map((c: { label: string }) => c.label).slice(0, 4)).toEqual(["N°", "Civilité", "Prénom", "Nom"]);
    expect(mine.preview.rows.map((row: unknown[]) => row[2])).toEqual(["Zoë", "Émile", "سارة"]);
    const csv = parse(mine.csv.contents as string, { bom: true, delimiter: ";" }) as string[][];
    expect(csv).toHaveLength(PEOPLE.length + 1);
    expect(csv[2]!.slice(2, 6)).toEqual(["Émile", "O'Neil", "Français", "Jet Info Sàrl"]);
    expect(csv[2]![8]).toBe("Chemin « du Lac »; n° 2\nBâtiment B");
    // A formula is never handed to a spreadsheet as one.
    expect(csv[3]![8]).toBe("'=HYPERLINK(\"http://x\")");
    // The audit entry names the file that left: its row count and the downloaded bytes' SHA-256.
    expect(mine.audit).toHaveLength(2);
    expect(mine.audit).toContainEqual(expect.arrayContaining(["format=csv", `rows=${PEOPLE.length}`]));
    expect(mine.auditedCsvHash).toBe(true);
    // The workbook's cells: typed, one row per person under the header.
    expect((mine.xlsx.contents as unknown[][])[0]).toContainEqual(["C2", expect.any(Number), "Zoë", null]);
    expect(mine.previews).toEqual([["people", expect.arrayContaining(["preview"])]]);
    if (kind !== "sqlite") expect(mine).toEqual(await (onSqlite.exports ??= managerExports("sqlite")));
  });

  it("the mailing list holds the same people in the same CSV", async () => {
    const mine = kind === "sqlite" ? await (onSqlite.mailing ??= mailingList("sqlite")) : await mailingList(kind);
    const rows = parse(mine.csv, { bom: true, delimiter: ";" }) as string[][];
    // Opted in by email, reachable by email: Zoë and Søren (Émile opted out, Sara suppressed, Jean has no email).
    expect(rows.slice(1).map((row) => row[1])).toEqual(["Zoë", "Søren"]);
    expect(mine).toMatchObject({ rows: 2, fileName: "mailing-newsletter-email.csv", sha256: createHash("sha256").update(mine.csv).digest("hex") });
    if (kind !== "sqlite") expect(mine).toEqual(await (onSqlite.mailing ??= mailingList("sqlite")));
  });

  it("refuses a role without the export right, until an administrator grants it", async () => {
    api = await openServedTestApi(kind);
    const admin = (await api.admin()).sessionId;
    const agent = await api.loginAs("agent");
    await api.ok("people.create", { lastName: "Rochat" }, agent);
    expect(await api.call("exports.preview", { recordSet: "people" }, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await api.call("exports.start", { recordSet: "people", format: "csv" }, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(exportFiles(api)).toEqual([]);
    const agentId = (await api.ok("session.me", {}, agent)).user.id;
    await api.ok("settings.update", { "exports.grantedUserIds": [agentId] }, admin);
    const preview = await api.ok("exports.preview", { recordSet: "people" }, agent);
    expect(preview.total).toBe(1);
    expect(preview.rows[0][3]).toBe("Rochat");
    // The right never widens what a role reads: the audit log stays the administrators'.
    expect(await api.call("exports.start", { recordSet: "auditLog", format: "csv" }, agent)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  });

  it("cancels a running export: no file is left, nothing is audited as exported, the reading stops", async () => {
    api = await openServedTestApi(kind);
    const admin = (await api.admin()).sessionId;
    const manager = await api.loginAs("manager");
    await api.ok("people.create", { lastName: "Rochat" }, manager);
    // Held mid-way: on PostgreSQL by a lock its first read waits for; on SQLite the worker thread
    // has not even loaded its modules when the cancel comes (exports.test.ts holds one mid-file).
    const held = await holdTable(api, "people");
    try {
      const started = await api.ok("exports.start", { recordSet: "people", format: "xlsx" }, manager);
      await held.reading();
      expect(await api.ok("exports.progress", { id: started.id }, manager)).toMatchObject({ status: "running", downloadUrl: null });
      expect(await api.ok("exports.cancel", { id: started.id }, manager)).toMatchObject({ status: "cancelled", downloadUrl: null });
    } finally {
      await held.release();
    }
    await vi.waitFor(async () => expect(await held.exportConnections()).toBe(0), { timeout: 10_000, interval: 50 });
    await vi.waitFor(() => expect(exportFiles(api!)).toEqual([]), { timeout: 10_000, interval: 50 });
    expect((await api.ok("audit.list", { operation: "exports.start" }, admin)).rows).toEqual([]);
  }, 60_000);
});

/**
 * On PostgreSQL: a table locked by its owner in a transaction left open, so an export's first read
 * of it waits; `reading` resolves once the export's own connection is seen at the server.
 */
async function holdTable(api: Api, table: string) {
  const ownerUrl = api.ownerUrl;
  if (!ownerUrl) return { reading: async () => {}, release: async () => {}, exportConnections: async () => 0 };
  const exportConnections = async () => {
    const probe = new pg.Client({ connectionString: ownerUrl });
    await probe.connect();
    try {
      const { rows } = await probe.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'jetinfo-crm export'");
      return rows[0]!.n;
    } finally {
      await probe.end();
    }
  };
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(`BEGIN; LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return {
    // The export's thread loads its modules first: seconds on a busy machine.
    reading: () => vi.waitFor(async () => expect(await exportConnections()).toBeGreaterThan(0), { timeout: 40_000, interval: 100 }),
    release: async () => {
      await owner.query("ROLLBACK");
      await owner.end();
    },
    exportConnections,
  };
}

// Only PostgreSQL's exports read over the network; the loop adds nothing when no server is configured.
for (const kind of ENGINES.filter((k) => k === "pg")) {
  describe(`exports on a served ${kind} database, beside the desks`, () => {
    let api: Api | undefined;
    afterEach(async () => api?.cleanup());

    it("exports waiting on the server hold none of the desks' connections: a lookup is answered meanwhile", async () => {
      api = await openServedTestApi(kind);
      const manager = await api.loginAs("manager");
      const agent = await api.loginAs("agent");
      const person = await api.ok<{ id: number }>("people.create", { firstName: "Søren", lastName: "Straße", phones: [{ number: "022 735 33 92" }] }, agent);
      // What the exports read is locked; what the lookup reads is not.
      const held = await holdTable(api, "training_sessions");
      const pool = api.db.dialect === "pg" ? api.db.pool : undefined;
      const ids: string[] = [];
      try {
        // More exports than the desks' pool has connections (4 here), every one waiting on the lock.
        for (let i = 0; i < 5; i++) ids.push((await api.ok("exports.start", { recordSet: "trainingSessions", format: "csv" }, manager)).id);
        // Five threads loading the export's modules from sources: seconds on a busy machine.
        await vi.waitFor(async () => expect(await held.exportConnections()).toBe(5), { timeout: 60_000, interval: 100 });
        expect(pool!.totalCount - pool!.idleCount).toBe(0);
        const found = await api.ok<{ personId: number }[]>("people.search", { q: "+41 22 735 33 92" }, agent);
        expect(found.map((hit) => hit.personId)).toEqual([person.id]);
      } finally {
        await held.release();
      }
      for (const id of ids) expect(await finished(api, manager, id)).toMatchObject({ status: "done", total: 0 });
      // Each export's connection ended with it.
      await vi.waitFor(async () => expect(await held.exportConnections()).toBe(0), { timeout: 10_000, interval: 50 });
    }, 120_000);
  });
}
