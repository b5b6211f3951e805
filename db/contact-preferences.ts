import { stringify } from "csv-stringify/sync";
import { createHash } from "node:crypto";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import type { Db } from "./open";
import { PREFERENCE_CHANNELS, PREFERENCE_TOPICS, type PREFERENCE_SOURCES, type PREFERENCE_STATUSES } from "./schema";
import { statement } from "./statements";
import { isSuppressed } from "./suppression";

export type Topic = (typeof PREFERENCE_TOPICS)[number];
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];
export type PreferenceStatus = (typeof PREFERENCE_STATUSES)[number];
export type PreferenceSource = (typeof PREFERENCE_SOURCES)[number];

function requirePerson(db: Db, personId: number) {
  if (!statement(db, "SELECT 1 FROM people WHERE id = ?").get(personId)) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
}

/** Every topic × channel with the current choice (null: never asked), and the log of changes. */
export function getPreferences(db: Db, personId: number) {
  requirePerson(db, personId);
  const current = statement(db, "SELECT topic, channel, status, source, changed_at AS changedAt FROM contact_preferences WHERE person_id = ?").all(personId) as {
    topic: Topic;
    channel: PreferenceChannel;
    status: PreferenceStatus;
    source: PreferenceSource;
    changedAt: number;
  }[];
  const choices = PREFERENCE_TOPICS.flatMap((topic) =>
    PREFERENCE_CHANNELS.map((channel) => {
      const row = current.find((c) => c.topic === topic && c.channel === channel);
      return { topic, channel, status: row?.status ?? null, source: row?.source ?? null, changedAt: row?.changedAt ?? null };
    }),
  );
  const changes = statement(
    db,
    `SELECT c.topic, c.channel, c.status, c.source, c.changed_at AS changedAt, u.display_name AS changedBy
     FROM contact_preference_changes c LEFT JOIN users u ON u.id = c.changed_by WHERE c.person_id = ? ORDER BY c.changed_at DESC, c.id DESC LIMIT 200`,
  ).all(personId) as { topic: Topic; channel: PreferenceChannel; status: PreferenceStatus; source: PreferenceSource; changedAt: number; changedBy: string | null }[];
  return { personId, choices, changes };
}

/** Records one choice; the same choice again changes nothing (no noise in the proof of consent). */
export function setPreference(db: Db, input: { personId: number; topic: Topic; channel: PreferenceChannel; status: PreferenceStatus; source: PreferenceSource }, actor: Actor): boolean {
  requirePerson(db, input.personId);
  const existing = statement(db, "SELECT status FROM contact_preferences WHERE person_id = ? AND topic = ? AND channel = ?").get(input.personId, input.topic, input.channel) as
    | { status: PreferenceStatus }
    | undefined;
  if (existing?.status === input.status) return false;
  statement(
    db,
    `INSERT INTO contact_preferences (person_id, topic, channel, status, source, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (person_id, topic, channel) DO UPDATE SET status = excluded.status, source = excluded.source, changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
  ).run(input.personId, input.topic, input.channel, input.status, input.source, actor.now, actor.userId);
  statement(db, "INSERT INTO contact_preference_changes (person_id, topic, channel, status, source, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    input.personId,
    input.topic,
    input.channel,
    input.status,
    input.source,
    actor.now,
    actor.userId,
  );
  return true;
}

/** "Retirer de toutes les listes": every topic on every channel opted out, in one change. */
export function optOutAll(db: Db, personId: number, source: PreferenceSource, actor: Actor): number {
  let changed = 0;
  for (const topic of PREFERENCE_TOPICS) for (const channel of PREFERENCE_CHANNELS) if (setPreference(db, { personId, topic, channel, status: "opted_out", source }, actor)) changed++;
  return changed;
}

export interface MailingRow {
  personId: number;
  salutation: string | null;
  firstName: string;
  lastName: string;
  language: string;
  /** The primary email, number or postal address for the channel. */
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

/**
 * The current mailing list of a topic on a channel: opted-in people only, never anyone who opted
 * out, and never a contact on the suppression list.
 */
export function mailingList(db: Db, topic: Topic, channel: PreferenceChannel): MailingRow[] {
  const rows = statement(
    db,
    `SELECT p.id AS personId, p.salutation, p.first_name AS firstName, p.last_name AS lastName, p.language,
       coalesce((SELECT email FROM emails WHERE person_id = p.id ORDER BY is_primary DESC, id LIMIT 1), '') AS email,
       coalesce((SELECT e164 FROM phones WHERE person_id = p.id ORDER BY is_primary DESC, id LIMIT 1), '') AS phone,
       coalesce(a.street, '') AS street, coalesce(a.postal_code, '') AS postalCode, coalesce(a.city, '') AS city, coalesce(a.country, '') AS country
     FROM contact_preferences c JOIN people p ON p.id = c.person_id
     LEFT JOIN addresses a ON a.id = (SELECT id FROM addresses WHERE person_id = p.id ORDER BY id LIMIT 1)
     WHERE c.topic = ? AND c.channel = ? AND c.status = 'opted_in'
     ORDER BY p.last_name, p.first_name, p.id`,
  ).all(topic, channel) as MailingRow[];
  const reachable = (r: MailingRow) => (channel === "email" ? r.email !== "" : channel === "phone" ? r.phone !== "" : r.city !== "");
  return rows.filter((r) => reachable(r) && !(r.email && isSuppressed(db, "email", r.email)) && !(r.phone && isSuppressed(db, "phone", r.phone)));
}

/** The list as a CSV file Excel opens in Switzerland (UTF-8 with BOM, `;`). */
export function mailingCsv(db: Db, topic: Topic, channel: PreferenceChannel) {
  const rows = mailingList(db, topic, channel);
  const header = channel === "email" ? ["email"] : channel === "phone" ? ["phone"] : ["street", "postalCode", "city", "country"];
  const columns = ["salutation", "firstName", "lastName", "language", ...header] as const;
  const csv =
    "\uFEFF" +
    stringify(
      rows.map((r) => columns.map((c) => neutralise(String((r as unknown as Record<string, unknown>)[c] ?? "")))),
      { delimiter: ";", header: true, columns: [...columns], record_delimiter: "\r\n" },
    );
  return { csv, rows: rows.length, sha256: createHash("sha256").update(csv).digest("hex"), fileName: `mailing-${topic}-${channel}.csv` };
}

/** OWASP CSV-injection guidance: a cell that a spreadsheet would run as a formula starts with '. */
function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
