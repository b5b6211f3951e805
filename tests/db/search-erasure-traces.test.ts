import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { emptyWal, erasePerson } from "../../db/erasure";
import { scrubErasedTraces } from "../../db/erasure-traces";
import { reindexPersonSync } from "../../db/search";
import { openTestDb } from "../fixtures/database";

/**
 * An erased person's words must not stay in the database file: not in a search index's page, not in
 * the unused middle of a page SQLite rebuilt (db/erasure-traces.ts). A realistic index: hundreds of
 * people, corrected again and again, so pages are rebuilt around the erased one's entries.
 */
let db: ReturnType<typeof openTestDb> | undefined;
afterEach(() => db?.cleanup());

const MARKER = "Hxqzvtraceqq";

function fileHolds(file: string, needle: string): boolean {
  const bytes = Buffer.concat([file, `${file}-wal`].map((f) => readFileOrEmpty(f)));
  return bytes.includes(Buffer.from(needle));
}
function readFileOrEmpty(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}

function personWith(name: string, now: number): number {
  const id = Number(db!.sqlite.prepare("INSERT INTO people (first_name, last_name, created_at, updated_at) VALUES ('Anne', ?, ?, ?)").run(name, now, now).lastInsertRowid);
  db!.sqlite.prepare("INSERT INTO emails (person_id, email) VALUES (?, ?)").run(id, `${name.toLowerCase()}@example.ch`);
  db!.sqlite.prepare("INSERT INTO addresses (person_id, city) VALUES (?, ?)").run(id, `Ville ${name}`);
  reindexPersonSync(db!, id);
  return id;
}

describe("after an erasure", () => {
  it("no page of the file holds the erased person's words once the indexes are rewritten and the WAL emptied", async () => {
    db = openTestDb();
    const now = Date.UTC(2026, 11, 2);
    const erased = db.sqlite.transaction(() => {
      for (let i = 0; i < 300; i++) personWith(`Hxother${i.toString(36)}`, now);
      const id = personWith(MARKER, now);
      for (let i = 0; i < 300; i++) personWith(`Hxlater${i.toString(36)}`, now);
      return id;
    })();
    // A working day: every person corrected a few times (each reindex rewrites index leaves).
    for (let round = 0; round < 3; round++) db.sqlite.transaction(() => { for (let id = 1; id <= 601; id++) reindexPersonSync(db!, id); })();
    emptyWal(db);
    expect(fileHolds(db.file, MARKER.toLowerCase())).toBe(true);

    await db.engine.transaction("write", (tx) => erasePerson(tx, erased, { suppressContacts: false, now }));
    scrubErasedTraces(db, [`erasure:1`]);
    expect(emptyWal(db)).toBe(true);
    expect(fileHolds(db.file, MARKER)).toBe(false);
    expect(fileHolds(db.file, MARKER.toLowerCase())).toBe(false);
  });

  it("rewrites the indexes once per erasure, whatever the retries", () => {
    db = openTestDb();
    // FTS5's records: each write adds a small segment, which 'optimize' merges into one.
    const indexRecords = () => db!.sqlite.prepare("SELECT count(*) FROM people_fts_data").pluck().get() as number;
    const now = Date.UTC(2026, 11, 2);
    personWith("Hxfirst", now);
    personWith("Hxsecond", now);
    const unmerged = indexRecords();
    scrubErasedTraces(db, ["erasure:7"]);
    expect(indexRecords()).toBeLessThan(unmerged);
    personWith("Hxthird", now);
    const again = indexRecords();
    // The same erasure asked again (the WAL still held), or a retention run: nothing rewritten.
    scrubErasedTraces(db, ["erasure:7", "retention"]);
    expect(indexRecords()).toBe(again);
    scrubErasedTraces(db, ["erasure:7", "erasure:8"]);
    expect(indexRecords()).toBeLessThan(again);
  });
});
