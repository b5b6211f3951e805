import type { ChangeEntity, ChangeEvent } from "../../../common/contract/events";
import type { OpName } from "./queries";

/**
 * Which queries on a desk show a record another desk changed: for each kind of record, the reads
 * that show it and how to tell whether one cached answer holds that very record.
 *
 * Precise where the read is audited (a person's card, a report, a request): refetching every open
 * card at each change anywhere would write "read" entries nobody made in the audit log, so those
 * refetch only when their input or their data names the record. Lists, searches, counts and badges
 * (not audited, cheap) refetch whenever their kind of record changed.
 */

type Id = ChangeEvent["id"];
/** Whether a cached read (its input, its answer) shows the changed record `id`. */
type Test = (id: Id, input: unknown, data: unknown) => boolean;
type Shows = "all" | Test;

const all = "all";

function fieldOf(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** The read's input names the record (`people.get {id}`, `preferences.get {personId}`). */
const inputField =
  (name: string): Test =>
  (id, input) =>
    fieldOf(input, name) === id;

/** The read's answer names the record in one field (a report's `personId`). */
const dataField =
  (name: string): Test =>
  (id, _input, data) =>
    fieldOf(data, name) === id;

/** The read's answer lists the record (a card's reports, a company's people); "" when the answer is the list. */
const listed =
  (list: string, idField = "id"): Test =>
  (id, _input, data) => {
    const rows = list === "" ? data : fieldOf(data, list);
    return Array.isArray(rows) && rows.some((row) => fieldOf(row, idField) === id);
  };

const either =
  (...tests: Test[]): Test =>
  (id, input, data) =>
    tests.some((test) => test(id, input, data));

/** Changed record → the reads that show it. A retention run (or a reset) refreshes everything. */
export const LIVE_TARGETS: Record<Exclude<ChangeEntity, "retention">, Partial<Record<OpName, Shows>>> = {
  person: {
    "people.search": all,
    "people.duplicates": all,
    "people.get": inputField("id"),
    "people.history": inputField("id"),
    "interactions.list": inputField("personId"),
    "interactions.listByPurpose": all,
    "preferences.get": inputField("personId"),
    "companies.get": listed("people"),
    "reports.list": all,
    "reports.get": dataField("personId"),
    "reports.callbacksDue": listed("", "personId"),
    "training.list": all,
    "training.get": dataField("personId"),
    "sessions.get": listed("participants", "personId"),
    "privacy.requests.list": all,
    "privacy.requests.counts": all,
    "privacy.requests.get": dataField("personId"),
    "privacy.erasePreview": dataField("personId"),
    "disclosures.list": all,
    "retention.review": all,
    "dashboard.summary": all,
  },
  company: {
    "companies.search": all,
    "companies.get": inputField("id"),
    "people.search": all,
    "people.get": (id, _input, data) => fieldOf(fieldOf(data, "company"), "id") === id,
  },
  error_report: {
    "reports.list": all,
    "reports.get": either(inputField("id"), dataField("id")),
    "reports.callbacksDue": all,
    "people.get": listed("reports"),
    "companies.get": listed("reports"),
    "dashboard.summary": all,
  },
  product: {
    "products.list": all,
    "reports.list": all,
    "reports.get": dataField("productId"),
    "dashboard.summary": all,
  },
  training_request: {
    "training.list": all,
    "training.get": inputField("id"),
    "people.get": listed("training"),
    "sessions.list": all,
    "sessions.get": listed("participants"),
    "dashboard.summary": all,
  },
  training_session: {
    "sessions.list": all,
    "sessions.get": inputField("id"),
    "training.list": all,
    "training.get": dataField("sessionId"),
  },
  course: {
    "courses.list": all,
    "courses.get": inputField("id"),
    "sessions.list": all,
    "sessions.get": dataField("courseId"),
    "training.list": all,
    "training.get": dataField("courseId"),
    "people.get": listed("training", "courseId"),
  },
  privacy_request: {
    "privacy.requests.list": all,
    "privacy.requests.counts": all,
    "privacy.requests.get": inputField("id"),
    "privacy.erasePreview": inputField("requestId"),
    "dashboard.summary": all,
  },
  disclosure: {
    "disclosures.list": all,
  },
  user: {
    "users.list": all,
    "reports.assignees": all,
    "reports.list": all,
    "audit.list": all,
    "settings.get": all,
    "session.me": (id, _input, data) => fieldOf(fieldOf(data, "user"), "id") === id,
  },
  settings: {
    "settings.get": all,
    "session.me": all,
    "backups.list": all,
    "diagnostics.get": all,
    "exports.recordSets": all,
  },
  backup: {
    "backups.list": all,
    "diagnostics.get": all,
  },
};

/** Whether the cached read `[name, input]` holding `data` shows a record one of `events` changed. */
export function showsAnyOf(events: readonly ChangeEvent[], name: unknown, input: unknown, data: unknown): boolean {
  return events.some((event) => {
    if (event.entity === "retention") return true;
    const targets: Partial<Record<string, Shows>> | undefined = LIVE_TARGETS[event.entity];
    const shows = typeof name === "string" ? targets?.[name] : undefined;
    if (shows === undefined) return false;
    return shows === "all" || shows(event.id, input, data);
  });
}
