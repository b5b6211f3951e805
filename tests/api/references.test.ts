import { sqliteOnly } from "../../db/served";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDispatcher } from "../../electron/api/dispatcher";
import { op, type Operation } from "../../electron/api/operation";
import { openTestApi, openTestDb } from "../fixtures/database";

/**
 * An id that names nothing (a record deleted meanwhile by another desk, or a forged request) is
 * refused as NOT_FOUND naming the field, in the user's language, never INTERNAL, and never with
 * SQLite's own text ("FOREIGN KEY constraint failed") in front of a user.
 */

let api: ReturnType<typeof openTestApi>;
let admin: string;
let agent: string;
let manager: string;
let person: any;
let course: any;
let product: any;
const MISSING = 987_654;

// One database for every case: a refused call writes nothing.
beforeAll(async () => {
  api = openTestApi();
  admin = (await api.admin()).sessionId;
  agent = await api.loginAs("agent", admin);
  manager = await api.loginAs("manager", admin);
  person = await api.ok<any>("people.create", { firstName: "Léa", lastName: "Rochat", phones: [{ number: "079 555 12 34" }] }, agent);
  course = await api.ok<any>(
    "courses.save",
    { code: "JC-101", titleFr: "JetCompta : les bases", titleEn: "JetCompta basics", languages: ["fr", "en"], durationValue: 2, durationUnit: "days", format: "premises" },
    manager,
  );
  product = await api.ok<any>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin);
});
afterAll(() => api.cleanup());

const training = (extra: Record<string, unknown>) => ({ personId: person.id, courseId: course.id, participants: 1, language: "fr", format: "premises", ...extra });
const report = (extra: Record<string, unknown>) => ({ personId: person.id, productId: product.id, title: "Ne démarre plus", ...extra });

/** NOT_FOUND, but a course or a product refused as "unknown or inactive" keeps its VALIDATION on the field. */
const cases: [string, () => [string, unknown, string], string, ("NOT_FOUND" | "VALIDATION")?][] = [
  ["training.create with a missing company", () => ["training.create", training({ companyId: MISSING }), agent], "companyId"],
  ["training.create with a missing person", () => ["training.create", training({ personId: MISSING }), agent], "personId"],
  ["training.create with a missing course", () => ["training.create", training({ courseId: MISSING }), agent], "courseId", "VALIDATION"],
  ["people.create with a missing company", () => ["people.create", { lastName: "Favre", companyId: MISSING }, agent], "companyId"],
  ["people.update with a missing company", () => ["people.update", { id: person.id, version: person.version, companyId: MISSING }, agent], "companyId"],
  ["phones.add for a missing person", () => ["phones.add", { personId: MISSING, number: "022 735 33 92" }, agent], "personId"],
  ["emails.add for a missing person", () => ["emails.add", { personId: MISSING, email: "lea@example.ch" }, agent], "personId"],
  ["addresses.add for a missing person", () => ["addresses.add", { personId: MISSING, street: "Rue de Lausanne 63", postalCode: "1202", city: "Genève" }, agent], "personId"],
  ["interactions.log for a missing person", () => ["interactions.log", { personId: MISSING, channel: "call_in", purpose: "other", summary: "" }, agent], "personId"],
  ["reports.create for a missing person", () => ["reports.create", report({ personId: MISSING }), agent], "personId"],
  ["reports.create for a missing product", () => ["reports.create", report({ productId: MISSING }), agent], "productId", "VALIDATION"],
  ["sessions.save for a missing course", () => ["sessions.save", { courseId: MISSING, startsOn: "2027-01-10", endsOn: "2027-01-11", capacity: 5 }, manager], "courseId", "NOT_FOUND"],
  ["privacy.requests.create for a missing person", () => ["privacy.requests.create", { personId: MISSING, kind: "access", channel: "phone" }, agent], "personId"],
  ["preferences.set for a missing person", () => ["preferences.set", { personId: MISSING, topic: "newsletter", channel: "email", status: "opted_in", source: "call" }, agent], "personId"],
  [
    "disclosures.create for a missing person",
    () => ["disclosures.create", { personId: MISSING, recipient: "Office cantonal", legalBasis: "LPD art. 31", categories: ["identity"], disclosedOn: "2026-11-20" }, manager],
    "personId",
  ],
];

describe("references to records that do not exist", () => {
  it.each(cases)("%s → refused on the field", async (_title, build, field, code = "NOT_FOUND") => {
    const [name, input, session] = build();
    const incidents = api.logged.length;
    const answer = await api.call(name, input, session);
    expect(answer, JSON.stringify(answer)).toMatchObject({ ok: false, error: { code, field } });
    if (!answer.ok) {
      expect(answer.error.message).not.toMatch(/constraint|SQLITE|FOREIGN/i);
      // In the agent's language (French): "Personne introuvable.", not "person introuvable.".
      if (code === "NOT_FOUND") expect(answer.error.message).toMatch(/^(Personne|Entreprise|Formation) introuvable\.$/);
    }
    expect(api.logged.length).toBe(incidents);
  });
});

describe("the database's own constraints, when a handler let a value through", () => {
  // Test operations on the real schema: each breaks one kind of constraint the way a handler that
  // forgot a check would.
  const writes: Record<string, string> = {
    "test.foreignKey": "INSERT INTO training_requests (person_id, course_id, participants, language, format, company_id, created_at, updated_at) VALUES (1, 1, 1, 'fr', 'premises', 987654, 0, 0)",
    "test.check": "INSERT INTO settings (key, value) VALUES ('" + "k".repeat(101) + "', '1')",
    "test.notNull": "INSERT INTO companies (name, created_at, updated_at) VALUES (NULL, 0, 0)",
    "test.unique": "INSERT INTO settings (key, value) VALUES ('twice', '1'), ('twice', '2')",
  };
  const testRegistry = Object.fromEntries(
    Object.entries(writes).map(([name, sql]) => [name, op({ input: z.strictObject({}), roles: "public", mutates: true, handler: (ctx) => sqliteOnly(ctx.db).sqlite.prepare(sql).run() })]),
  );

  it.each([
    ["test.foreignKey", "NOT_FOUND", undefined, /n'existe pas/],
    ["test.check", "VALIDATION", undefined, /Valeur non valable/],
    ["test.notNull", "VALIDATION", "name", /Valeur non valable/],
    ["test.unique", "CONFLICT", "key", /existe déjà/],
  ] as const)("%s → %s in words, without SQLite's text", async (name, code, field, words) => {
    const db = openTestDb();
    const logged: unknown[] = [];
    const { dispatch } = createDispatcher(testRegistry as unknown as Record<string, Operation>, { db, logError: (_i, _n, error) => logged.push(error) });
    const answer = await dispatch(name, {});
    expect(answer).toMatchObject({ ok: false, error: { code, ...(field ? { field } : {}) } });
    if (!answer.ok) {
      expect(answer.error.message).toMatch(words);
      expect(JSON.stringify(answer)).not.toMatch(/constraint|SQLITE|FOREIGN|settings|companies|training_requests/i);
    }
    expect(logged).toEqual([]);
    db.cleanup();
  });
});
