import Database from "better-sqlite3";
import { join } from "node:path";
import { verifyAuditSync } from "../../db/audit";
import type { Db } from "../../db/open";
import { ChangeFeed } from "../../electron/api/change-feed";
import { createDispatcher, type Dispatch } from "../../electron/api/dispatcher";
import type { Envelope } from "../../common/envelope";
import type { Operation, Role } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";
import { createLogger } from "../../electron/log";
import { DATABASE_FILE, openHost, type Host } from "../../electron/host";
import { MIGRATIONS_DIR, scratchDir } from "../fixtures/database";

/**
 * The fuzz suite's world: a real data folder opened by the real host (so backups and restores
 * work), the real dispatcher over it, and a seeded set of records whose ids the generators draw
 * from. One per test file (or per soak run).
 */

export const PASSWORD = "password-1234";
export type Caller = Role | "anonymous";

export interface PrivacyRequestSeed {
  id: number;
  kind: string;
  verified: boolean;
  personId: number;
  lastName: string;
  /**
   * Kept open for the access report and the erasure: the register's own operations (complete,
   * refuse) never draw it, so those two still find a verified, open request late in the run.
   */
  reserved: boolean;
}

export interface Seeded {
  users: Record<Role, number>;
  usernames: string[];
  /** Accounts only `users.update` and `users.resetPassword` aim at, so the callers' own stay usable. */
  victims: number[];
  people: number[];
  lastNames: string[];
  phones: number[];
  phoneNumbers: string[];
  emails: number[];
  emailAddresses: string[];
  addresses: number[];
  companies: number[];
  products: number[];
  courses: number[];
  sessions: number[];
  trainingRequests: number[];
  reports: number[];
  references: string[];
  privacyRequests: PrivacyRequestSeed[];
  backups: string[];
  /** Export jobs started during the run, by the user who started them. */
  exportJobs: string[];
}

export interface World {
  host: Host;
  dispatch: Dispatch;
  seeded: Seeded;
  /** Errors the dispatcher logged for INTERNAL answers, by incident id. */
  incidents: Map<string, unknown>;
  now(): number;
  /** A fresh session of the role (none for anonymous): a logout or lock in one call cannot leak into the next. */
  sessionFor(caller: Caller): string | undefined;
  /** Commits by any connection since the last call: PRAGMA data_version seen from a second connection. */
  dataVersion(): number;
  verifyAudit(): ReturnType<typeof verifyAuditSync>;
  close(): void;
}

export async function openWorld(): Promise<World> {
  const scratch = scratchDir();
  let clock = Date.UTC(2026, 10, 25, 9, 0, 0);
  const now = () => (clock += 1000);
  const host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false, now });
  const incidents = new Map<string, unknown>();
  // The real dispatcher over the host's database and controls; INTERNAL errors are kept for the report.
  const { dispatch, sessions } = createDispatcher(registry as unknown as Record<string, Operation>, {
    db: () => host.db,
    // The host's own controls, with a log that does not echo: a renderer error reported on purpose
    // (diagnostics.reportError) is not an ERROR line in the test output.
    host: { ...host.control, log: createLogger({ dir: join(scratch.dir, "fuzz-logs") }) },
    now,
    // A held events.wait answers in 20 ms here, not 25 s.
    feed: new ChangeFeed({ holdMs: 20 }),
    logError: (incident, _operation, error) => incidents.set(incident, error),
  });
  let observerFor: Db | undefined;
  let observer: Database.Database | undefined;
  const watch = () => {
    if (observerFor !== host.db) {
      observer?.close();
      observer = new Database(join(scratch.dir, DATABASE_FILE), { readonly: true });
      observerFor = host.db;
    }
    return observer!;
  };

  const seeded = await seed(dispatch);
  watch();
  return {
    host,
    dispatch,
    seeded,
    incidents,
    now: () => clock,
    sessionFor: (caller) => (caller === "anonymous" ? undefined : sessions.create(seeded.users[caller], clock).id),
    dataVersion: () => watch().pragma("data_version", { simple: true }) as number,
    verifyAudit: () => verifyAuditSync(host.db),
    close: () => {
      observer?.close();
      host.close();
      scratch.remove();
    },
  };
}

type Ok = <T = any>(name: string, input: unknown, sessionId?: string) => Promise<T>;

/** People, companies, reports, courses, sessions, requests and a backup, all through the API. */
async function seed(dispatch: Dispatch): Promise<Seeded> {
  const ok: Ok = async (name, input, sessionId) => {
    const r = (await dispatch(name, input, { sessionId })) as Envelope<any>;
    if (!r.ok) throw new Error(`seeding ${name} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const admin = await ok<{ sessionId: string; user: { id: number } }>("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: PASSWORD });
  const a = admin.sessionId;
  const users = { admin: admin.user.id } as Record<Role, number>;
  const usernames = ["admin"];
  const sessionOf: Partial<Record<Role, string>> = { admin: a };
  for (const role of ["agent", "support", "manager"] as const) {
    const u = await ok<{ id: number }>("users.create", { username: role, displayName: `Test ${role}`, role, password: PASSWORD }, a);
    users[role] = u.id;
    usernames.push(role);
    sessionOf[role] = (await ok<{ sessionId: string }>("session.login", { username: role, password: PASSWORD })).sessionId;
  }
  const victims: number[] = [];
  for (const [i, role] of (["agent", "support", "manager", "admin"] as const).entries()) {
    victims.push((await ok<{ id: number }>("users.create", { username: `victim${i}`, displayName: `Victim ${i}`, role, password: PASSWORD }, a)).id);
    usernames.push(`victim${i}`);
  }
  const m = sessionOf.manager!;
  const g = sessionOf.agent!;
  const s = sessionOf.support!;

  const products = [
    (await ok<{ id: number }>("products.save", { name: "Jet Compta", versions: ["5.2", "5.3"] }, a)).id,
    (await ok<{ id: number }>("products.save", { name: "Jet Salaires", versions: ["1.0"], active: false }, a)).id,
  ];
  const companies: number[] = [];
  for (const name of ["Favre & Fils Sàrl", "Müller AG", "<b>Société</b> 'test'"]) companies.push((await ok<{ id: number }>("companies.create", { name, city: "Genève", phone: "+41 22 735 33 92" }, g)).id);

  const lastNames = ["Dupont", "Müller", "N'Diaye", "Ŝkoda", "O’Brien", "Zoé-Lüthi", "Nguyễn", "Al Amin", "Rossi", "Favre", "Berset", "Ødegaard"];
  const people: number[] = [];
  const phones: number[] = [];
  const phoneNumbers: string[] = [];
  const emails: number[] = [];
  const emailAddresses: string[] = [];
  const addresses: number[] = [];
  for (const [i, lastName] of lastNames.entries()) {
    const number = `+41 79 ${String(100 + i)} 11 ${String(10 + i)}`;
    const email = `person${i}@example.ch`;
    const p = await ok<any>(
      "people.create",
      {
        lastName,
        firstName: i % 3 ? "Jean" : "Zoé",
        companyId: i % 4 === 0 ? companies[i % companies.length] : null,
        phones: [{ number }, { number: `+41 22 ${String(300 + i)} 22 ${String(20 + i)}`, kind: "landline" }],
        emails: [{ email }],
        addresses: [{ street: "Rue de Lausanne 63", postalCode: "1202", city: "Genève", country: "CH" }],
      },
      g,
    );
    people.push(p.id);
    phones.push(...p.phones.map((x: { id: number }) => x.id));
    phoneNumbers.push(...p.phones.map((x: { e164: string }) => x.e164));
    emails.push(...p.emails.map((x: { id: number }) => x.id));
    emailAddresses.push(email);
    addresses.push(...p.addresses.map((x: { id: number }) => x.id));
    await ok("interactions.log", { personId: p.id, channel: "call_in", purpose: i % 2 ? "information" : "comment", summary: `Appel ${i}` }, g);
  }

  const reports: number[] = [];
  const references: string[] = [];
  for (let i = 0; i < 8; i++) {
    const r = await ok<{ id: number; reference: string }>(
      "reports.create",
      { personId: people[i]!, productId: products[0]!, title: `Erreur ${i}`, severity: i % 2 ? "critical" : "normal", callbackConsent: true, callbackPhone: phoneNumbers[i * 2]!, callbackBefore: Date.UTC(2026, 11, 1 + i) },
      g,
    );
    reports.push(r.id);
    references.push(r.reference);
  }
  await ok("reports.assign", { id: reports[0]!, version: 1, assigneeId: users.support }, s);

  const courses: number[] = [];
  for (const [i, code] of ["COMPTA-1", "SAL-2"].entries()) {
    const c = await ok<{ id: number }>("courses.save", { code, titleFr: `Cours ${i}`, titleEn: `Course ${i}`, languages: ["fr", "de"], durationValue: 2, durationUnit: "days", format: "premises" }, m);
    courses.push(c.id);
  }
  const sessions: number[] = [];
  for (const [i, courseId] of [...courses, ...courses].entries()) {
    const day = `2027-0${1 + i}-1${i}`;
    sessions.push((await ok<{ id: number }>("sessions.save", { courseId, startsOn: day, endsOn: day, capacity: 10, place: "Genève" }, m)).id);
  }
  const trainingRequests: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = await ok<{ id: number }>("training.create", { personId: people[i]!, courseId: courses[i % 2]!, participants: 1 + i, language: "fr", format: "premises", companyId: companies[0]! }, g);
    trainingRequests.push(t.id);
  }

  const privacyRequests: PrivacyRequestSeed[] = [];
  const requestKinds = ["access", "access", "portability", "erasure", "erasure", "erasure", "erasure", "rectification", "objection", "information", "access", "erasure"];
  const reservedKinds = ["access", "portability", "erasure", "erasure", "access", "erasure"];
  for (const [i, kind] of [...requestKinds, ...reservedKinds].entries()) {
    const p = i % people.length;
    const r = await ok<{ id: number }>("privacy.requests.create", { personId: people[p]!, kind, channel: "phone", details: `Demande ${i}` }, g);
    const reserved = i >= requestKinds.length;
    const verified = i < 10 || reserved;
    if (verified) await ok("privacy.requests.verifyIdentity", { id: r.id, method: "callback_on_file" }, g);
    privacyRequests.push({ id: r.id, kind, verified, personId: people[p]!, lastName: lastNames[p]!, reserved });
  }
  await ok("disclosures.create", { personId: people[1]!, recipient: "Ministère public GE", legalBasis: "Art. 265 CPP", categories: ["identity"], disclosedOn: "2026-11-24" }, m);
  await ok("preferences.set", { personId: people[0]!, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, g);

  const backups = [(await ok<{ name: string }>("backups.create", {}, a)).name];
  return {
    users,
    usernames,
    victims,
    people,
    lastNames,
    phones,
    phoneNumbers,
    emails,
    emailAddresses,
    addresses,
    companies,
    products,
    courses,
    sessions,
    trainingRequests,
    reports,
    references,
    privacyRequests,
    backups,
    exportJobs: [],
  };
}
