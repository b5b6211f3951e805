import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, auditOperations } from "../../../db/audit";
import { ephemeralAuditKey } from "../../../db/audit-key";
import type { Engine } from "../../../db/engine";
import { pgEngine } from "../../../db/pg-engine";
import { openPostgres, type PgDatabase } from "../../../db/pg/open";
import { createUser, listUsers } from "../../../db/users";
import { createEmptyTestDatabase, type TestDatabase } from "../../fixtures/postgres";

/**
 * The account list and the audit log's operation filter come back in SQLite's order (bytes) on a
 * database created with an ICU fr-CH collation too, whose own order would put "anna" beside "Anna"
 * and skip the punctuation in "audit.list".
 */
let database: TestDatabase;
let db: PgDatabase;
let engine: Engine;

beforeAll(async () => {
  database = await createEmptyTestDatabase({ icuLocale: "fr-CH" });
  db = await openPostgres(database.url, { migrate: true, poolSize: 2 });
  engine = pgEngine(db.pool);
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe("byte order under a database created with ICU fr-CH", () => {
  it("lists accounts by username as SQLite does", async () => {
    for (const username of ["émile", "anna", "Zoë", "Anna"]) {
      await engine.transaction("write", (tx) => createUser(tx, { username, displayName: username, role: "agent", password: "correct horse battery" }, 1));
    }
    expect((await engine.transaction("read", (tx) => listUsers(tx))).map((u) => u.username)).toEqual(["Anna", "Zoë", "anna", "émile"]);
  });

  it("names the audited operations as SQLite does", async () => {
    const key = ephemeralAuditKey(0);
    for (const operation of ["users.list", "auditlog.x", "Zeta.op", "audit_list", "audit.list"]) {
      await engine.transaction("write", (tx) => appendAudit(tx, { at: 1, userId: null, operation }, key));
    }
    expect(await engine.transaction("read", (tx) => auditOperations(tx))).toEqual(["Zeta.op", "audit.list", "audit_list", "auditlog.x", "users.list"]);
  });
});
