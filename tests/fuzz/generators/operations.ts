import fc from "fast-check";
import type { z } from "zod";
import type { Operation } from "../../../electron/api/operation";
import { registry, type OperationName } from "../../../electron/api/registry";
import { describeRecordSets } from "../../../db/export/record-sets";
import { PASSWORD, type Caller, type Seeded } from "../world";
import { baseType, fromSchema, type FieldArb } from "./from-schema";
import { dayArb, HOSTILE_STRINGS, instantArb } from "./hostile";
import { withMisuse } from "./misuse";

/**
 * One generator per registry operation. Most are the schema walk (`{}`) with the shared field
 * hints below; an entry says which records its `id` names, or replaces fields whose meaning the
 * schema cannot carry. tests/fuzz/operations.test.ts fails when an operation has no entry.
 */

type Pool = "person" | "phone" | "email" | "address" | "company" | "product" | "course" | "session" | "training" | "report" | "privacyRequest" | "victim" | "exportJob";

export interface GeneratorSpec {
  /** What the `id` field names. */
  id?: Pool;
  /** Fields with their own arbitrary (given the seeded records). */
  fields?: (s: Seeded) => Record<string, fc.Arbitrary<unknown>>;
  /** The whole valid input, when the fields depend on each other. */
  valid?: (s: Seeded) => fc.Arbitrary<unknown>;
}

/** Ids that do not exist (or cannot): refused with NOT_FOUND or VALIDATION, never INTERNAL. */
const MISSING_IDS = [999_999, 2_147_483_647, 2 ** 31, Number.MAX_SAFE_INTEGER];

function pool(s: Seeded, which: Pool): fc.Arbitrary<unknown> {
  if (which === "exportJob") return fc.oneof(s.exportJobs.length ? fc.constantFrom(...s.exportJobs) : fc.uuid({ version: 4 }), fc.uuid({ version: 4 }));
  const ids: Record<Exclude<Pool, "exportJob">, number[]> = {
    person: s.people,
    phone: s.phones,
    email: s.emails,
    address: s.addresses,
    company: s.companies,
    product: s.products,
    course: s.courses,
    session: s.sessions,
    training: s.trainingRequests,
    report: s.reports,
    privacyRequest: s.privacyRequests.filter((r) => !r.reserved).map((r) => r.id),
    victim: s.victims,
  };
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...ids[which]) }, { weight: 1, arbitrary: fc.constantFrom(...MISSING_IDS) });
}

const NAMES = ["Dupont", "Zoé", "N'Diaye", "O’Brien", "Müller-Lüdenscheidt", "José María", "Nguyễn", "Ŝ", "É".repeat(100), "a", "Jean-Pierre de la Tour", "Ødegaard"];
const PHONES = ["+41 22 735 33 92", "022 735 33 92", "0041 22 735 33 92", "079 123 45 67", "+33 1 42 68 53 00", "+1 202 555 0143", "+41 00", "123", "tel:+41227353392", "+999 999 999 999 999", "0".repeat(40), "+41 22 735 33 92 ext. 12"];

/** Field meanings the schema cannot tell: ids that exist, numbers that parse, dates in and out of range. */
function sharedHints(s: Seeded): FieldArb {
  const ids = (p: Pool) => pool(s, p);
  return (key, schema) => {
    const type = baseType(schema);
    if (type === "object" || type === "array") return undefined;
    switch (key) {
      case "personId":
      case "excludeId":
      case "keepId":
      case "removeId":
        return ids("person");
      case "companyId":
        return ids("company");
      case "productId":
        return ids("product");
      case "courseId":
        return ids("course");
      case "sessionId":
        return ids("session");
      case "requestId":
        // Only the access report and the erasure name a request so: any request, the reserved ones included.
        return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...s.privacyRequests.map((r) => r.id)) }, { weight: 1, arbitrary: fc.constantFrom(...MISSING_IDS) });
      case "userId":
      case "agentId":
      case "assigneeId":
        return fc.oneof(fc.constantFrom(...Object.values(s.users), ...s.victims), fc.constantFrom(...MISSING_IDS));
      case "version":
        return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(...MISSING_IDS) });
      case "number":
      case "phone":
      case "phones":
      case "callbackPhone":
        return fc.oneof(fc.constantFrom(...PHONES, ...s.phoneNumbers), fc.stringMatching(/^\+41 7[5-9] \d{3} \d{2} \d{2}$/));
      case "email":
      case "emails":
        return fc.oneof(fc.constantFrom(...s.emailAddresses, " Jean.Dupont@Example.CH ", "a@b.ch", "x@localhost", "é@é.ch"), fc.emailAddress());
      case "firstName":
      case "lastName":
      case "confirmLastName":
        return fc.constantFrom(...NAMES, ...s.lastNames, "");
      case "username":
        return fc.oneof(fc.constantFrom(...s.usernames, "unknown", "Zoé.Müller", "  Admin  "), fc.stringMatching(/^[a-z][a-z0-9._-]{1,20}$/));
      case "password":
        return fc.oneof(fc.constantFrom(PASSWORD, "wrong-password-1", "x", "p".repeat(200)), fc.string({ minLength: 10, maxLength: 30 }));
      case "postalCodes":
      case "postalCode":
        return fc.constantFrom("1202", "8001", "", "F-74100", "1".repeat(12), "<1202>");
      case "country":
        return fc.constantFrom("CH", "ch", " fr ", "DE", "XX", "C", "CHE", "🇨🇭");
      case "q":
      case "text":
        return fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.filter((x) => x.length <= 200), ...s.lastNames, "dupont jean", "+41 79", "0791", "jean@", "JI-2026"), fc.string({ maxLength: 30 }));
      case "reference":
        return fc.oneof(fc.constantFrom(...s.references, ...s.references.map((r) => r.toLowerCase()), "JI-0000-0000", "", "JI-"), fc.string({ maxLength: 30 }));
    }
    if (type === "number" && ["from", "to", "at", "until", "callbackBefore", "nextCallbackAt"].includes(key)) return instantArb;
    if (type === "string" && ["from", "receivedOn", "disclosedOn", "dueOn", "startsOn", "endsOn"].includes(key)) return dayArb;
    return undefined;
  };
}

const FOLDERS = ["", "backups-elsewhere", "/proc/self", "/dev/null", "/etc", "\u0000", "/tmp/x\u0000y", "../../..", "/nonexistent/deep/folder", "C:\\Backups", "é/👩‍💻"];

export const OPERATION_GENERATORS: Record<OperationName, GeneratorSpec> = {
  "setup.status": {},
  "setup.createAdmin": {},
  "session.login": {},
  "session.me": {},
  "session.logout": {},
  "session.lock": {},
  "session.unlock": {},
  "session.setLanguage": {},
  "users.list": {},
  "users.create": { fields: () => ({ username: fc.oneof(fc.constantFrom("admin", "agent", "victim0"), fc.stringMatching(/^[a-z][a-z0-9._-]{1,20}$/)) }) },
  "users.update": { id: "victim" },
  "users.resetPassword": { id: "victim" },
  "settings.get": {},
  "settings.update": {
    fields: (s) => ({
      "backup.folder": fc.constantFrom(...FOLDERS),
      "exports.grantedUserIds": fc.array(fc.oneof(fc.constantFrom(...Object.values(s.users)), fc.constantFrom(...MISSING_IDS)), { maxLength: 5 }),
    }),
  },
  "audit.list": {},
  "audit.verify": {},
  "backups.list": {},
  "backups.create": {},
  "backups.restore": { fields: (s) => ({ name: fc.oneof(fc.constantFrom(...s.backups, "missing.sqlite", "..sqlite", "crm.sqlite"), fc.stringMatching(/^[\w.-]{1,20}\.sqlite$/)) }) },
  // 0 is "from now" (held: the world's feed holds briefly); the rest are numbers of no run.
  "events.wait": { fields: () => ({ after: fc.constantFrom(0, 1, 2 ** 31, Number.MAX_SAFE_INTEGER) }) },
  "diagnostics.get": {},
  "diagnostics.integrityCheck": {},
  "diagnostics.reportError": {
    fields: () => ({
      route: fc.oneof(fc.constantFrom("/", "/people/12", "/reports/3", "/people/Dupont_Jean/0227353392", "#/privacy"), fc.stringMatching(/^[\w/#-]{0,60}$/)),
      errorName: fc.oneof(fc.constantFrom("TypeError", "RangeError", "Jean_Dupont", ""), fc.stringMatching(/^\w{0,60}$/)),
    }),
  },
  "exports.recordSets": {},
  "exports.preview": { valid: (s) => exportSelection(s, false) },
  "exports.start": { valid: (s) => exportSelection(s, true) },
  "exports.progress": { id: "exportJob" },
  "exports.cancel": { id: "exportJob" },
  "dashboard.summary": {},
  "people.search": {},
  "people.get": { id: "person" },
  "people.create": {},
  "people.update": { id: "person" },
  "people.history": { id: "person" },
  "people.duplicates": {},
  "people.merge": {},
  "phones.add": {},
  "phones.update": { id: "phone" },
  "phones.remove": { id: "phone" },
  "phones.setPrimary": { id: "phone" },
  "emails.add": {},
  "emails.update": { id: "email" },
  "emails.remove": { id: "email" },
  "emails.setPrimary": { id: "email" },
  "addresses.add": {},
  "addresses.update": { id: "address" },
  "addresses.remove": { id: "address" },
  "companies.search": {},
  "companies.get": { id: "company" },
  "companies.create": {},
  "companies.update": { id: "company" },
  "interactions.log": {},
  "interactions.list": {},
  "privacy.requests.create": {},
  "privacy.requests.verifyIdentity": { id: "privacyRequest" },
  "privacy.requests.list": {},
  "privacy.requests.counts": {},
  "privacy.requests.get": { id: "privacyRequest" },
  "privacy.requests.extend": { id: "privacyRequest" },
  "privacy.requests.complete": { id: "privacyRequest" },
  "privacy.requests.refuse": { id: "privacyRequest" },
  "privacy.accessReport": {},
  "privacy.erasePreview": {},
  "privacy.erasureStatus": {},
  "privacy.erase": {
    // The last name typed again must match for anything to be erased: usually it does.
    valid: (s) =>
      fc.constantFrom(...s.privacyRequests).chain((r) =>
        fc.record(
          { requestId: fc.constant(r.id), confirmLastName: fc.oneof(fc.constant(r.lastName), fc.constant(` ${r.lastName.toUpperCase()} `), fc.constantFrom(...NAMES)), suppressContacts: fc.boolean() },
          { requiredKeys: ["requestId", "confirmLastName"] },
        ),
      ),
  },
  "preferences.get": {},
  "preferences.set": {},
  "preferences.optOutAll": {},
  "mailing.export": {},
  "disclosures.create": {},
  "disclosures.list": {},
  "retention.review": {},
  "retention.apply": {},
  "products.list": {},
  "products.save": { id: "product" },
  "reports.create": {},
  "reports.get": { id: "report" },
  "reports.list": {},
  "reports.update": { id: "report" },
  "reports.setStatus": { id: "report" },
  "reports.assign": { id: "report" },
  "reports.keepForProduct": { id: "report" },
  "reports.assignees": {},
  "reports.comment": { id: "report" },
  "reports.logCallback": { id: "report" },
  "reports.callbacksDue": {},
  "reports.savedFilter": {},
  "reports.saveFilter": {},
  "courses.list": {},
  "courses.get": { id: "course" },
  "courses.save": { id: "course" },
  "sessions.list": {},
  "sessions.get": { id: "session" },
  "sessions.save": { id: "session" },
  "training.create": {},
  "training.get": { id: "training" },
  "training.list": {},
  "training.setStatus": { id: "training" },
  "training.assignSession": { id: "training" },
  "interactions.listByPurpose": {},
};

/**
 * An export of one record set with only the filters that set accepts (a random mix of all filters
 * is nearly always refused before any worker starts, and the worker is where dates are formatted).
 */
function exportSelection(s: Seeded, withFormat: boolean): fc.Arbitrary<unknown> {
  const idOf = (key: string) => (key === "productId" ? pool(s, "product") : key === "courseId" ? pool(s, "course") : fc.oneof(fc.constantFrom(...Object.values(s.users)), fc.constantFrom(...MISSING_IDS)));
  const format = withFormat ? { format: fc.constantFrom("csv", "xlsx", "json"), delimiter: fc.constantFrom(";", ","), dateStyle: fc.constantFrom("swiss", "iso") } : {};
  return fc.constantFrom(...describeRecordSets("en")).chain((set) =>
    fc.record(
      {
        recordSet: fc.constant(set.key),
        columns: fc.oneof(fc.subarray(set.columns.map((c) => c.key)), fc.constant(["noSuchColumn"])),
        filters: fc.record(
          Object.fromEntries(set.filters.map((f) => [f.key, f.key === "from" || f.key === "to" ? instantArb : f.values ? fc.subarray([...f.values, "unknown"], { minLength: 1 }) : idOf(f.key)])),
          { requiredKeys: set.required },
        ),
        ...format,
      },
      { requiredKeys: withFormat ? ["recordSet", "format"] : ["recordSet"] },
    ),
  );
}

export interface Sample {
  caller: Caller;
  input: unknown;
}

/** Valid, boundary and misused input of one operation, with the caller: mostly a role it allows. */
export function sampleArb(name: OperationName, s: Seeded): fc.Arbitrary<Sample> {
  const spec = OPERATION_GENERATORS[name];
  const operation = registry[name] as unknown as Operation;
  const hints = sharedHints(s);
  const own = spec.fields?.(s) ?? {};
  const fieldArb: FieldArb = (key, schema) => (key in own ? own[key] : key === "id" && spec.id ? pool(s, spec.id) : hints(key, schema));
  const valid = spec.valid?.(s) ?? fromSchema(operation.input as z.ZodType, fieldArb);
  const allowed: Caller[] = operation.roles === "public" ? ["anonymous"] : [...operation.roles];
  const caller = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...allowed) },
    { weight: 2, arbitrary: fc.constantFrom<Caller>("agent", "support", "manager", "admin") },
    { weight: 1, arbitrary: fc.constant<Caller>("anonymous") },
  );
  return fc.record({ caller, input: withMisuse(valid) });
}
