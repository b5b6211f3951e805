import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import type { Db, ReadableDb } from "./open";
import type { ContactPreferences, MailingList } from "../common/contract/privacy";
import { PREFERENCE_CHANNELS, PREFERENCE_TOPICS, type Language, type PREFERENCE_SOURCES, type PREFERENCE_STATUSES } from "./schema";
import { statement } from "./statements";
import { writeCsv } from "./export/csv-writer";
import { buildExportQuery, iterateExportRows } from "./export/record-sets";

export type Topic = (typeof PREFERENCE_TOPICS)[number];
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];
export type PreferenceStatus = (typeof PREFERENCE_STATUSES)[number];
export type PreferenceSource = (typeof PREFERENCE_SOURCES)[number];

function requirePerson(db: ReadableDb, personId: number) {
  if (!statement(db, "SELECT 1 FROM people WHERE id = ?").get(personId)) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
}

/** Every topic × channel with the current choice (null: never asked), and the log of changes. */
export function getPreferences(db: ReadableDb, personId: number): ContactPreferences {
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

/**
 * The current mailing list of a topic on a channel as a CSV file Excel opens in Switzerland: the
 * exports' mailing-list record set (opted-in people reachable on the channel, never anyone who
 * opted out or is on the suppression list), written by the exports' CSV writer. Small enough to
 * hand back in one answer; the exports screen streams the large ones.
 */
export function mailingCsv(db: ReadableDb, topic: Topic, channel: PreferenceChannel, language: Language): MailingList {
  const query = buildExportQuery("mailingList", [], { topic: [topic], channel: [channel] }, language);
  const dir = mkdtempSync(join(tmpdir(), "jetinfo-mailing-"));
  try {
    const file = join(dir, "list.csv");
    const rows = writeCsv(file, query.columns, iterateExportRows(db.sqlite, query), { delimiter: ";", dateStyle: "swiss", language }, () => undefined);
    const csv = readFileSync(file, "utf8");
    return { csv, rows, sha256: createHash("sha256").update(csv).digest("hex"), fileName: `mailing-${topic}-${channel}.csv` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
