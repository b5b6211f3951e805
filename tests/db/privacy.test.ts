import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../db/actor";
import { getPreferences, optOutAll, setPreference } from "../../db/contact-preferences";
import { listDisclosures, recordDisclosure } from "../../db/disclosures";
import type { Engine, Writes } from "../../db/engine";
import { erasurePreview, erasureSubject } from "../../db/erasure";
import { AppError } from "../../db/errors";
import {
  completeRequest,
  extendRequest,
  getPrivacyRequest,
  listPrivacyRequests,
  privacyRequestCounts,
  privacyRequestExists,
  recordErasure,
  refuseRequest,
  registerPrivacyRequest,
  requireVerified,
  verifyIdentity,
} from "../../db/privacy-requests";
import { contactHash, suppress } from "../../db/suppression";
import { ENGINES, type MigratedTestEngine } from "../fixtures/engines";
import { HOSTILE_NAMES, HOSTILE_TEXTS, stored } from "../fixtures/hostile-strings";
import { freshWithAgent, insertEverything, insertPerson, NOW } from "../fixtures/privacy-people";

const DAY = 86_400_000;

/** The error a call fails with, as the dispatcher would answer it. */
async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, reason: error.reason, field: error.field };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each(ENGINES)("the privacy register on %s", (kind) => {
  let opened: MigratedTestEngine;
  let engine: Engine;
  let agent: Actor;
  beforeEach(async () => void ({ opened, engine, agent } = await freshWithAgent(kind)));
  afterEach(() => opened.remove());

  it("gives every request its own reference, even when twenty are taken at once", async () => {
    const personId = await engine.transaction("write", (tx) => insertPerson(tx, { lastName: "Rochat" }));
    // Each in its own transaction, all started together: the next number is read then written.
    const created = await Promise.all(
      Array.from({ length: 20 }, () => engine.transaction("write", (tx) => registerPrivacyRequest(tx, { personId, kind: "access", channel: "phone" }, agent))),
    );
    const references = created.map((c) => c.reference).sort();
    expect(references).toEqual(Array.from({ length: 20 }, (_, i) => `DP-2026-${String(i + 1).padStart(5, "0")}`));
    expect(new Set(created.map((c) => c.id)).size).toBe(20);
    // A new year starts again at 1.
    const nextYear = await engine.transaction("write", (tx) => registerPrivacyRequest(tx, { personId, kind: "access", channel: "letter" }, { ...agent, now: Date.UTC(2027, 0, 4, 9) }));
    expect(nextYear.reference).toBe("DP-2027-00001");
  });

  it("checks the identity against what is on file, then walks a request to its end", async () => {
    const personId = await engine.transaction("write", (tx) => insertPerson(tx, { lastName: "Rochat", phone: "+41795551234" }));
    const { id } = await engine.transaction("write", (tx) => registerPrivacyRequest(tx, { personId, kind: "access", channel: "phone", receivedOn: "2026-11-20" }, agent));
    const write = <T>(work: (tx: Writes) => Promise<T>) => engine.transaction("write", work);

    expect(await refusal(write((tx) => requireVerified(tx, id, ["access"])))).toEqual({ code: "CONFLICT", reason: "identity_not_checked", field: "requestId" });
    expect(await refusal(write((tx) => verifyIdentity(tx, id, "email_on_file", agent)))).toEqual({ code: "VALIDATION", reason: "no_email_on_file", field: "method" });
    await write((tx) => verifyIdentity(tx, id, "callback_on_file", agent));
    expect(await refusal(write((tx) => verifyIdentity(tx, id, "in_person", agent)))).toEqual({ code: "CONFLICT", reason: "identity_already_checked", field: "method" });
    expect(await refusal(write((tx) => requireVerified(tx, id, ["erasure"])))).toMatchObject({ code: "CONFLICT", reason: "wrong_request_kind" });
    expect(await engine.transaction("read", (tx) => requireVerified(tx, id, ["access", "portability"]))).toMatchObject({ id, personId, identityMethod: "callback_on_file", version: 2 });

    expect(await refusal(write((tx) => extendRequest(tx, id, 1, "2027-01-10", "Volume")))).toEqual({ code: "CONFLICT", reason: "stale", field: "version" });
    expect(await refusal(write((tx) => extendRequest(tx, id, 2, "2027-03-01", "Volume")))).toMatchObject({ code: "VALIDATION", reason: "extension_too_long" });
    await write((tx) => extendRequest(tx, id, 2, "2027-01-10", "Volume"));
    await write((tx) => completeRequest(tx, id, 3, "Rapport envoyé", agent));
    expect(await refusal(write((tx) => refuseRequest(tx, id, 4, "Abus", agent)))).toEqual({ code: "CONFLICT", reason: "request_closed", field: "id" });

    const request = await engine.transaction("read", (tx) => getPrivacyRequest(tx, id, NOW));
    expect(request).toMatchObject({
      status: "completed",
      dueOn: "2027-01-10",
      originalDueOn: "2026-12-20",
      extensionReason: "Volume",
      outcome: "Rapport envoyé",
      overdue: false,
      identityCheckedByName: "Agnès Agent",
      closedByName: "Agnès Agent",
      erasedByName: null,
      erasedCounts: null,
      person: { id: personId, firstName: "", lastName: "Rochat", language: "fr" },
      version: 4,
    });
    expect(await refusal(engine.transaction("read", (tx) => getPrivacyRequest(tx, id + 100, NOW)))).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(await refusal(write((tx) => registerPrivacyRequest(tx, { personId: personId + 100, kind: "access", channel: "phone" }, agent)))).toMatchObject({ code: "NOT_FOUND", field: "personId" });
    expect(await refusal(write((tx) => registerPrivacyRequest(tx, { personId, kind: "access", channel: "phone", receivedOn: "2026-12-03" }, agent)))).toMatchObject({
      code: "VALIDATION",
      field: "receivedOn",
    });
  });

  it("lists pending requests by due date, closed ones newest first, and counts what is due", async () => {
    const ids = await engine.transaction("write", async (tx) => {
      const rochat = await insertPerson(tx, { firstName: "Jean", lastName: "Rochat" });
      const favre = await insertPerson(tx, { firstName: "Léa", lastName: "Favre" });
      const take = (personId: number, receivedOn: string, kind: "access" | "objection" = "access") => registerPrivacyRequest(tx, { personId, kind, channel: "email", receivedOn }, agent);
      const overdue = await take(rochat, "2026-10-20"); // due 2026-11-19
      const soon = await take(favre, "2026-11-05", "objection"); // due 2026-12-05
      const later = await take(rochat, "2026-11-30"); // due 2026-12-30
      const closed = await take(favre, "2026-11-01", "objection");
      await refuseRequest(tx, closed.id, 1, "Manifestement abusive", agent);
      await verifyIdentity(tx, later.id, "in_person", agent);
      return { rochat, favre, overdue: overdue.id, soon: soon.id, later: later.id, closed: closed.id };
    });
    const list = (status: "pending" | "overdue" | "closed" | "all", more: { kind?: "objection"; personId?: number } = {}) =>
      engine.transaction("read", (tx) => listPrivacyRequests(tx, { status, page: 0, pageSize: 50, ...more }, NOW));

    const pending = await list("pending");
    expect(pending.total).toBe(3);
    expect(pending.rows.map((r) => r.id)).toEqual([ids.overdue, ids.soon, ids.later]);
    expect(pending.rows[0]).toEqual({
      id: ids.overdue,
      reference: "DP-2026-00001",
      personId: ids.rochat,
      person: "Jean Rochat",
      kind: "access",
      channel: "email",
      receivedOn: "2026-10-20",
      dueOn: "2026-11-19",
      status: "open",
      identityChecked: false,
      closedAt: null,
      overdue: true,
    });
    // A boolean on both engines (SQLite answers 1/0, PostgreSQL true/false).
    expect(pending.rows[2]!.identityChecked).toBe(true);
    expect((await list("overdue")).rows.map((r) => r.id)).toEqual([ids.overdue]);
    expect(await list("closed")).toMatchObject({ total: 1, rows: [{ id: ids.closed, status: "refused", closedAt: NOW, overdue: false }] });
    // Due 2026-12-01 (refused) before 2026-12-05.
    expect((await list("all", { kind: "objection" })).rows.map((r) => r.id)).toEqual([ids.closed, ids.soon]);
    expect((await list("all", { personId: ids.rochat })).rows.map((r) => r.id)).toEqual([ids.overdue, ids.later]);
    const page = await engine.transaction("read", (tx) => listPrivacyRequests(tx, { status: "all", page: 1, pageSize: 2 }, NOW));
    expect(page).toMatchObject({ total: 4, rows: [{ id: ids.soon }, { id: ids.later }] });

    expect(await engine.transaction("read", (tx) => privacyRequestCounts(tx, NOW))).toEqual({ pending: 3, overdue: 1, dueSoon: 1 });
    expect(await engine.transaction("read", (tx) => privacyRequestCounts(tx, NOW + 40 * DAY))).toEqual({ pending: 3, overdue: 3, dueSoon: 0 });
    expect(await engine.transaction("read", (tx) => privacyRequestExists(tx, ids.closed))).toBe(true);
    expect(await engine.transaction("read", (tx) => privacyRequestExists(tx, ids.closed + 100))).toBe(false);
  });

  it("shows the corrections made since a rectification request arrived", async () => {
    const { personId, id } = await engine.transaction("write", async (tx) => {
      const personId = await insertPerson(tx, { lastName: "Rochat" });
      const before = Date.UTC(2026, 10, 10);
      await tx.run(sql`INSERT INTO person_history (person_id, at, user_id, field, old_value, new_value) VALUES (${personId}, ${before}, ${agent.userId}, 'lastName', 'Rochet', 'Rochat')`);
      const { id } = await registerPrivacyRequest(tx, { personId, kind: "rectification", channel: "phone", receivedOn: "2026-11-20" }, agent);
      const after = Date.UTC(2026, 10, 21);
      await tx.run(sql`INSERT INTO person_history (person_id, at, user_id, field, old_value, new_value) VALUES (${personId}, ${after}, ${agent.userId}, 'firstName', NULL, 'Jean')`);
      await tx.run(sql`INSERT INTO person_history (person_id, at, user_id, field, old_value, new_value) VALUES (${personId}, ${after}, ${agent.userId}, 'language', 'fr', 'de')`);
      return { personId, id };
    });
    const request = await engine.transaction("read", (tx) => getPrivacyRequest(tx, id, NOW));
    expect(request.person?.id).toBe(personId);
    expect(request.corrections).toEqual([
      { at: Date.UTC(2026, 10, 21), field: "firstName", oldValue: null, newValue: "Jean" },
      { at: Date.UTC(2026, 10, 21), field: "language", oldValue: "fr", newValue: "de" },
    ]);
  });

  it("keeps an erased person's request as an anonymous record with the counts", async () => {
    const id = await engine.transaction("write", async (tx) => {
      const personId = await insertPerson(tx, { lastName: "Rochat" });
      const { id } = await registerPrivacyRequest(tx, { personId, kind: "erasure", channel: "phone", details: "Tout effacer" }, agent);
      await verifyIdentity(tx, id, "in_person", agent);
      await recordErasure(tx, id, 2, { people: 1, phones: 0 }, agent);
      return id;
    });
    expect(await engine.transaction("read", (tx) => getPrivacyRequest(tx, id, NOW))).toMatchObject({
      status: "completed",
      erasedCounts: { people: 1, phones: 0 },
      erasedAt: NOW,
      erasedByName: "Agnès Agent",
      closedAt: NOW,
      version: 3,
    });
  });

  it("stores and shows hostile texts and names exactly", async () => {
    const ids = await engine.transaction("write", async (tx) => {
      const made: { id: number; personId: number }[] = [];
      for (const [i, text] of HOSTILE_TEXTS.entries()) {
        const name = HOSTILE_NAMES[i % HOSTILE_NAMES.length]!;
        const personId = await insertPerson(tx, { firstName: stored(name.firstName), lastName: stored(name.lastName) });
        made.push({ personId, id: (await registerPrivacyRequest(tx, { personId, kind: "objection", channel: "letter", details: stored(text.text) }, agent)).id });
      }
      return made;
    });
    await engine.transaction("read", async (tx) => {
      for (const [i, { id }] of ids.entries()) expect((await getPrivacyRequest(tx, id, NOW)).details).toBe(stored(HOSTILE_TEXTS[i]!.text));
      const { rows } = await listPrivacyRequests(tx, { status: "pending", page: 0, pageSize: 100 }, NOW);
      expect(rows.map((r) => r.person)).toEqual(HOSTILE_TEXTS.map((_, i) => {
        const name = HOSTILE_NAMES[i % HOSTILE_NAMES.length]!;
        return `${stored(name.firstName)} ${stored(name.lastName)}`;
      }));
    });
  });
});

describe.each(ENGINES)("disclosures, contact preferences and the suppression list on %s", (kind) => {
  let opened: MigratedTestEngine;
  let engine: Engine;
  let agent: Actor;
  beforeEach(async () => void ({ opened, engine, agent } = await freshWithAgent(kind)));
  afterEach(() => opened.remove());

  it("logs disclosures newest first, with the categories and who recorded them, hostile texts kept", async () => {
    const { personId, other } = await engine.transaction("write", async (tx) => ({
      personId: await insertPerson(tx, { firstName: "Jean", lastName: "Rochat" }),
      other: await insertPerson(tx, { lastName: "Favre" }),
    }));
    const hostile = stored(HOSTILE_TEXTS[0]!.text);
    const first = await engine.transaction("write", (tx) =>
      recordDisclosure(tx, { personId, recipient: "Ministère public", legalBasis: hostile, categories: ["identity", "contact", "identity"], disclosedOn: "2026-11-02", note: stored(HOSTILE_TEXTS[3]!.text) }, agent),
    );
    const second = await engine.transaction("write", (tx) => recordDisclosure(tx, { personId: other, recipient: "Police", legalBasis: "CPP 265", categories: ["interactions"], disclosedOn: "2026-11-20" }, agent));
    const anonymous = await engine.transaction("write", (tx) => recordDisclosure(tx, { recipient: "OFS", legalBasis: "LStat", categories: ["identity"], disclosedOn: "2026-11-02" }, agent));
    expect(await refusal(engine.transaction("write", (tx) => recordDisclosure(tx, { personId: other + 100, recipient: "X", legalBasis: "Y", categories: [], disclosedOn: "2026-11-02" }, agent)))).toMatchObject({
      code: "NOT_FOUND",
      field: "personId",
    });

    const all = await engine.transaction("read", (tx) => listDisclosures(tx, { page: 0, pageSize: 10 }));
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.id)).toEqual([second, anonymous, first]);
    expect(all.rows[2]).toEqual({
      id: first,
      personId,
      person: "Jean Rochat",
      recipient: "Ministère public",
      legalBasis: hostile,
      categories: ["identity", "contact"],
      disclosedOn: "2026-11-02",
      note: stored(HOSTILE_TEXTS[3]!.text),
      recordedBy: "Agnès Agent",
      recordedAt: NOW,
    });
    expect(all.rows[1]).toMatchObject({ personId: null, person: null, note: "" });
    expect(await engine.transaction("read", (tx) => listDisclosures(tx, { personId, page: 0, pageSize: 10 }))).toMatchObject({ total: 1, rows: [{ id: first }] });
    expect(await engine.transaction("read", (tx) => listDisclosures(tx, { page: 1, pageSize: 2 }))).toMatchObject({ total: 3, rows: [{ id: first }] });
  });

  it("records a choice once, opts out of everything in one change, and shows the proof of consent", async () => {
    const personId = await engine.transaction("write", (tx) => insertPerson(tx, { lastName: "Rochat" }));
    const set = (status: "opted_in" | "opted_out", at: number) =>
      engine.transaction("write", (tx) => setPreference(tx, { personId, topic: "newsletter", channel: "email", status, source: "call" }, { ...agent, now: at }));
    expect(await set("opted_in", NOW)).toBe(true);
    expect(await set("opted_in", NOW + 1)).toBe(false);
    const changed = await engine.transaction("write", (tx) => optOutAll(tx, personId, "privacy_request", { ...agent, now: NOW + 2 }));
    expect(changed).toBe(12);
    expect(await engine.transaction("write", (tx) => optOutAll(tx, personId, "privacy_request", { ...agent, now: NOW + 3 }))).toBe(0);

    const preferences = await engine.transaction("read", (tx) => getPreferences(tx, personId));
    expect(preferences.choices).toHaveLength(12);
    expect(preferences.choices[0]).toEqual({ topic: "newsletter", channel: "email", status: "opted_out", source: "privacy_request", changedAt: NOW + 2 });
    expect(preferences.changes).toHaveLength(13);
    expect(preferences.changes.at(-1)).toEqual({ topic: "newsletter", channel: "email", status: "opted_in", source: "call", changedAt: NOW, changedBy: "Agnès Agent" });
    expect(preferences.changes[0]).toMatchObject({ status: "opted_out", changedAt: NOW + 2 });
    expect(await refusal(engine.transaction("read", (tx) => getPreferences(tx, personId + 100)))).toMatchObject({ code: "NOT_FOUND", field: "personId" });
    const unknown = { personId: personId + 100, topic: "newsletter", channel: "post", status: "opted_in", source: "call" } as const;
    expect(await refusal(engine.transaction("write", (tx) => setPreference(tx, unknown, agent)))).toMatchObject({ code: "NOT_FOUND", field: "personId" });
  });

  it("keeps only keyed hashes of suppressed contacts, each once", async () => {
    const entries = [
      { kind: "email" as const, value: " Rochat@Example.CH " },
      { kind: "phone" as const, value: "+41795551234" },
    ];
    expect(await engine.transaction("write", (tx) => suppress(tx, entries, NOW))).toBe(2);
    // The same contacts again (an email spelt differently): nothing new.
    expect(await engine.transaction("write", (tx) => suppress(tx, [{ kind: "email", value: "rochat@example.ch" }, ...entries], NOW + 1))).toBe(0);
    expect(await engine.transaction("write", (tx) => suppress(tx, [], NOW))).toBe(0);

    const { rows, salt } = await engine.transaction("read", async (tx) => ({
      rows: await tx.all<{ hash: string; kind: string; addedAt: number }>(sql`SELECT hash, kind, added_at AS "addedAt" FROM suppression_list ORDER BY kind`),
      salt: JSON.parse((await tx.one<{ value: string }>(sql`SELECT value FROM settings WHERE key = 'privacy.suppressionSalt'`))!.value) as string,
    }));
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(rows).toEqual([
      { hash: contactHash(salt, "email", "rochat@example.ch"), kind: "email", addedAt: NOW },
      { hash: contactHash(salt, "phone", "+41795551234"), kind: "phone", addedAt: NOW },
    ]);
    // Keyed: not the plain hash anyone could compute by trying every number.
    expect(rows[1]!.hash).not.toBe(createHash("sha256").update("phone:+41795551234").digest("hex"));
    expect(contactHash("another key", "phone", "+41795551234")).not.toBe(rows[1]!.hash);
  });

  it("previews an erasure: the name, and what would go per table", async () => {
    const seeded = await engine.transaction("write", (tx) => insertEverything(tx, agent.userId, "Hxzqpreview"));
    await engine.transaction("write", async (tx) => {
      await registerPrivacyRequest(tx, { personId: seeded.personId, kind: "erasure", channel: "phone" }, agent);
      await recordDisclosure(tx, { personId: seeded.personId, recipient: "Police", legalBasis: "CPP", categories: ["identity"], disclosedOn: "2026-11-02" }, agent);
    });
    const preview = await engine.transaction("read", (tx) => erasurePreview(tx, seeded.personId));
    expect(preview).toEqual({
      person: { firstName: "Hxzqpreviewfirst", lastName: "Hxzqpreview" },
      keptReports: 1,
      counts: {
        phones: 1,
        emails: 1,
        addresses: 1,
        interactions: 1,
        person_history: 1,
        error_report_events: 4,
        // The kept report is not counted as erased.
        error_reports: 1,
        training_requests: 1,
        contact_preferences: 1,
        contact_preference_changes: 1,
        privacy_requests: 1,
        disclosures: 1,
        people: 1,
      },
    });
    expect(await refusal(engine.transaction("read", (tx) => erasureSubject(tx, seeded.personId + 100)))).toEqual({ code: "NOT_FOUND", reason: "not_found", field: "personId" });
  });
});
