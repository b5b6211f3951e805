import type { Db } from "../../db/open";
import { emptyWal, erasePerson } from "../../db/erasure";
import { reindexPersonSync } from "../../db/search";
import { statement } from "../../db/statements";
import { createUserSync } from "../../db/users";
import type { Dispatch } from "../../electron/api/dispatcher";
import { percentiles } from "./measure";

const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000;
const MANAGER_PASSWORD = "bench-password-1";
/**
 * The 1,000 rows: a long-standing caller with 500 logged calls, 10 error reports followed up
 * over 40 events each, 83 training requests, 2 numbers, 2 emails, an address, 2 preferences.
 * Each report is a document in the full-text index, whose secure deletion is the costly part
 * (a few ms per report here), so the figures are printed per report count as well.
 */
const LINKED = { phones: 2, emails: 2, addresses: 1, interactions: 500, reports: 10, eventsPerReport: 40, trainingRequests: 83, preferences: 2 };

/**
 * A caller with 1,000 linked rows (600 calls, 50 error reports with 4 events each, 95 training
 * requests, contacts and preferences) and a verified erasure request, written straight into the
 * bench database; returns the request id.
 */
// Seeding goes through the statement cache: preparing ~1,000 statements per person left their
// finalisation to a later garbage collection, which landed inside the timed erasures.
export function seedPerson(db: Db, userId: number, n: number): { personId: number; requestId: number } {
  const now = Date.now();
  return db.sqlite.transaction(() => {
    const personId = Number(statement(db, "INSERT INTO people (first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?)").run(`Bench${n}`, `Effacement${n}`, now, now).lastInsertRowid);
    for (let i = 0; i < LINKED.phones; i++) statement(db, "INSERT INTO phones (person_id, e164, digits_reversed) VALUES (?, ?, ?)").run(personId, `+4179${String(n * 10 + i).padStart(7, "0")}`, [...`4179${String(n * 10 + i).padStart(7, "0")}`].reverse().join(""));
    for (let i = 0; i < LINKED.emails; i++) statement(db, "INSERT INTO emails (person_id, email) VALUES (?, ?)").run(personId, `bench${n}.${i}@example.ch`);
    statement(db, "INSERT INTO addresses (person_id, street, postal_code, city) VALUES (?, 'Rue du Bench 1', '1201', 'Genève')").run(personId);
    const call = statement(db, "INSERT INTO interactions (person_id, channel, purpose, summary, at, created_at) VALUES (?, 'call_in', 'information', ?, ?, ?)");
    for (let i = 0; i < LINKED.interactions; i++) call.run(personId, `Appel ${i} du bench`, now - i * 60_000, now);
    const product = statement(db, "SELECT id FROM products LIMIT 1").pluck().get() as number;
    for (let i = 0; i < LINKED.reports; i++) {
      const reportId = Number(
        statement(db, "INSERT INTO error_reports (reference, person_id, product_id, title, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)").run(`ER-9999-${String(n * 100 + i).padStart(6, "0")}`, personId, product, `Bench ${i}`, "Description du problème", now, now).lastInsertRowid,
      );
      statement(db, "INSERT INTO error_reports_fts (rowid, reference, title, body) VALUES (?, ?, ?, ?)").run(reportId, `ER-9999-${n}`, `Bench ${i}`, "Description du problème");
      for (let e = 0; e < LINKED.eventsPerReport; e++) statement(db, "INSERT INTO error_report_events (report_id, at, kind, text) VALUES (?, ?, 'comment', 'Suivi')").run(reportId, now);
    }
    const course = statement(db, "SELECT id FROM training_courses LIMIT 1").pluck().get() as number;
    for (let i = 0; i < LINKED.trainingRequests; i++) statement(db, "INSERT INTO training_requests (person_id, course_id, created_at, updated_at) VALUES (?, ?, ?, ?)").run(personId, course, now, now);
    for (const topic of ["newsletter", "product_updates"]) statement(db, "INSERT INTO contact_preferences (person_id, topic, channel, status, source, changed_at) VALUES (?, ?, 'email', 'opted_in', 'call', ?)").run(personId, topic, now);
    reindexPersonSync(db, personId);
    const requestId = Number(
      statement(db, "INSERT INTO privacy_requests (reference, person_id, kind, channel, received_on, due_on, original_due_on, identity_method, identity_checked_by, identity_checked_at, created_at) VALUES (?, ?, 'erasure', 'phone', '2026-11-25', '2026-12-25', '2026-12-25', 'in_person', ?, ?, ?)")
        .run(`DP-9999-${String(n).padStart(5, "0")}`, personId, userId, now, now).lastInsertRowid,
    );
    return { personId, requestId };
  })();
}

/**
 * Erasing a person with 1,000 linked rows, index clean-up included (budget p99 ≤ 50 ms):
 * `dispatcherMs` until privacy.erase answers, `untilWalEmptiedMs` until privacy.erasureStatus
 * says the WAL no longer holds the person (the checkpoint runs after the answer), `rawMs` the
 * bare statements and the checkpoint.
 */
export async function benchErasure(db: Db, dispatch: Dispatch, iterations: number) {
  // Erasure is for agents and managers: the bench's admin cannot run it.
  if (!db.sqlite.prepare("SELECT 1 FROM users WHERE username = 'bench-manager'").get()) {
    createUserSync(db, { username: "bench-manager", displayName: "Bench manager", role: "manager", password: MANAGER_PASSWORD }, Date.now());
  }
  const login = await dispatch("session.login", { username: "bench-manager", password: MANAGER_PASSWORD });
  if (!login.ok) throw new Error(`bench manager login failed: ${login.error.message}`);
  const { sessionId, user } = login.value as { sessionId: string; user: { id: number } };
  const me = user.id;
  if (!db.sqlite.prepare("SELECT 1 FROM training_courses").get()) {
    db.sqlite.prepare("INSERT INTO training_courses (code, title_fr, title_en, duration_value) VALUES ('BENCH', 'Bench', 'Bench', 1)").run();
  }
  if (!db.sqlite.prepare("SELECT 1 FROM products").get()) db.sqlite.prepare("INSERT INTO products (name) VALUES ('Bench')").run();
  db.sqlite.prepare("DELETE FROM privacy_requests WHERE reference GLOB 'DP-9999-*'").run();
  const viaDispatcher: number[] = [];
  const raw: number[] = [];
  // CPU time of this process per erasure (user + system): the wall times above include fsync
  // waits and the noise of a shared machine, this does not.
  const cpuDispatcher: number[] = [];
  const cpuRaw: number[] = [];
  // From the request until the WAL no longer holds the person (the screen's status poll reports it).
  const untilWalEmptied: number[] = [];
  let walEmptied = 0;
  const WARM_UP = 5; // first rounds load the pages the later ones find in the cache
  for (let i = 0; i < iterations + WARM_UP; i++) {
    // The same work twice per round: once through the dispatcher, once as the bare statements.
    const a = seedPerson(db, me, i * 2);
    emptyWal(db);
    let t = process.hrtime.bigint();
    let cpu = process.cpuUsage();
    const erased = await dispatch("privacy.erase", { requestId: a.requestId, confirmLastName: `Effacement${i * 2}` }, { sessionId });
    const elapsed = Number(process.hrtime.bigint() - t) / 1e6;
    const used = cpuMs(process.cpuUsage(cpu));
    if (!erased.ok) throw new Error(`erase failed: ${erased.error.message}`);
    let emptied = (erased.value as { walEmptied: boolean }).walEmptied;
    if (i >= WARM_UP && emptied) walEmptied++;
    while (!emptied) {
      const status = await dispatch("privacy.erasureStatus", { requestId: a.requestId }, { sessionId });
      if (!status.ok) throw new Error(`erasure status failed: ${status.error.message}`);
      emptied = (status.value as { walEmptied: boolean }).walEmptied;
    }
    if (i >= WARM_UP) {
      viaDispatcher.push(elapsed);
      cpuDispatcher.push(used);
      untilWalEmptied.push(Number(process.hrtime.bigint() - t) / 1e6);
    }

    const b = seedPerson(db, me, i * 2 + 1);
    emptyWal(db);
    t = process.hrtime.bigint();
    cpu = process.cpuUsage();
    await db.engine.transaction("write", (tx) => erasePerson(tx, b.personId, { suppressContacts: false, now: Date.now() }));
    emptyWal(db);
    if (i >= WARM_UP) {
      raw.push(Number(process.hrtime.bigint() - t) / 1e6);
      cpuRaw.push(cpuMs(process.cpuUsage(cpu)));
    }
  }
  db.sqlite.prepare("DELETE FROM privacy_requests WHERE reference GLOB 'DP-9999-*'").run();
  const dispatcherMs = percentiles(viaDispatcher);
  const rawMs = percentiles(raw);
  return {
    linked: LINKED,
    linkedRows: 1000,
    iterations,
    dispatcherMs,
    rawMs,
    dispatcherCpuMs: percentiles(cpuDispatcher),
    rawCpuMs: percentiles(cpuRaw),
    untilWalEmptiedMs: percentiles(untilWalEmptied),
    walEmptiedInAnswer: walEmptied,
    budgetP99Ms: 50,
  };
}
