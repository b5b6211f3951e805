import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import type { Reads, Writes } from "./engine";
import type { ReadableDb } from "./open";
import type { ContactPreferences, MailingList } from "../common/contract/privacy";
import { PREFERENCE_CHANNELS, PREFERENCE_TOPICS, type Language, type PREFERENCE_SOURCES, type PREFERENCE_STATUSES } from "./schema";
import { csvWriter, writeCsv, type CsvOptions } from "./export/csv-writer";
import type { ExportSource } from "./export/export-source";
import { buildExportQuery, iterateExportRows, type ExportQuery } from "./export/record-sets";

export type Topic = (typeof PREFERENCE_TOPICS)[number];
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];
export type PreferenceStatus = (typeof PREFERENCE_STATUSES)[number];
export type PreferenceSource = (typeof PREFERENCE_SOURCES)[number];

async function requirePerson(tx: Reads, personId: number): Promise<void> {
  if (!(await tx.one(sql`SELECT 1 AS found FROM people WHERE id = ${personId}`))) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
}

/** Every topic × channel with the current choice (null: never asked), and the log of changes. */
export async function getPreferences(tx: Reads, personId: number): Promise<ContactPreferences> {
  await requirePerson(tx, personId);
  const current = await tx.all<{ topic: Topic; channel: PreferenceChannel; status: PreferenceStatus; source: PreferenceSource; changedAt: number }>(
    sql`SELECT topic, channel, status, source, changed_at AS "changedAt" FROM contact_preferences WHERE person_id = ${personId}`,
  );
  const choices = PREFERENCE_TOPICS.flatMap((topic) =>
    PREFERENCE_CHANNELS.map((channel) => {
      const row = current.find((c) => c.topic === topic && c.channel === channel);
      return { topic, channel, status: row?.status ?? null, source: row?.source ?? null, changedAt: row?.changedAt ?? null };
    }),
  );
  const changes = await tx.all<{ topic: Topic; channel: PreferenceChannel; status: PreferenceStatus; source: PreferenceSource; changedAt: number; changedBy: string | null }>(sql`
    SELECT c.topic, c.channel, c.status, c.source, c.changed_at AS "changedAt", u.display_name AS "changedBy"
    FROM contact_preference_changes c LEFT JOIN users u ON u.id = c.changed_by WHERE c.person_id = ${personId} ORDER BY c.changed_at DESC, c.id DESC LIMIT 200`);
  return { personId, choices, changes };
}

/** Records one choice; the same choice again changes nothing (no noise in the proof of consent). */
export async function setPreference(
  tx: Writes,
  input: { personId: number; topic: Topic; channel: PreferenceChannel; status: PreferenceStatus; source: PreferenceSource },
  actor: Actor,
): Promise<boolean> {
  await requirePerson(tx, input.personId);
  const existing = await tx.one<{ status: PreferenceStatus }>(
    sql`SELECT status FROM contact_preferences WHERE person_id = ${input.personId} AND topic = ${input.topic} AND channel = ${input.channel}`,
  );
  if (existing?.status === input.status) return false;
  await tx.run(sql`
    INSERT INTO contact_preferences (person_id, topic, channel, status, source, changed_at, changed_by)
    VALUES (${input.personId}, ${input.topic}, ${input.channel}, ${input.status}, ${input.source}, ${actor.now}, ${actor.userId})
    ON CONFLICT (person_id, topic, channel) DO UPDATE SET status = excluded.status, source = excluded.source, changed_at = excluded.changed_at, changed_by = excluded.changed_by`);
  await tx.run(sql`
    INSERT INTO contact_preference_changes (person_id, topic, channel, status, source, changed_at, changed_by)
    VALUES (${input.personId}, ${input.topic}, ${input.channel}, ${input.status}, ${input.source}, ${actor.now}, ${actor.userId})`);
  return true;
}

/** "Retirer de toutes les listes": every topic on every channel opted out, in one change. */
export async function optOutAll(tx: Writes, personId: number, source: PreferenceSource, actor: Actor): Promise<number> {
  let changed = 0;
  for (const topic of PREFERENCE_TOPICS) for (const channel of PREFERENCE_CHANNELS) if (await setPreference(tx, { personId, topic, channel, status: "opted_out", source }, actor)) changed++;
  return changed;
}

/**
 * The current mailing list of a topic on a channel as a CSV file Excel opens in Switzerland: the
 * exports' mailing-list record set (opted-in people reachable on the channel, never anyone who
 * opted out or is on the suppression list), written by the exports' CSV writer. Small enough to
 * hand back in one answer; the exports screen streams the large ones. Read from an export source
 * (a team server's PostgreSQL: pg-export-source.ts leaves the suppressed out row by row).
 */
export async function mailingCsv(source: ExportSource, topic: Topic, channel: PreferenceChannel, language: Language): Promise<MailingList> {
  const query = mailingQuery(topic, channel, language);
  const dir = mkdtempSync(join(tmpdir(), "jetinfo-mailing-"));
  try {
    const file = join(dir, "list.csv");
    const rows = await source.read(async (snapshot) => {
      const writer = csvWriter(file, query.columns, mailingCsvOptions(language), () => undefined);
      try {
        await snapshot.rows(query, writer);
        return writer.end();
      } finally {
        writer.close();
      }
    });
    return mailingAnswer(file, rows, topic, channel);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `mailingCsv` on a SQLite connection, synchronously: the heavy-work thread's own, or the main
 * one between transactions (a dispatcher without workers), where nothing may run in between.
 */
export function mailingCsvSync(db: ReadableDb, topic: Topic, channel: PreferenceChannel, language: Language): MailingList {
  const query = mailingQuery(topic, channel, language);
  const dir = mkdtempSync(join(tmpdir(), "jetinfo-mailing-"));
  try {
    const file = join(dir, "list.csv");
    const rows = writeCsv(file, query.columns, iterateExportRows(db.sqlite, query), mailingCsvOptions(language), () => undefined);
    return mailingAnswer(file, rows, topic, channel);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mailingQuery = (topic: Topic, channel: PreferenceChannel, language: Language): ExportQuery =>
  buildExportQuery("mailingList", [], { topic: [topic], channel: [channel] }, language);

const mailingCsvOptions = (language: Language): CsvOptions => ({ delimiter: ";", dateStyle: "swiss", language });

function mailingAnswer(file: string, rows: number, topic: Topic, channel: PreferenceChannel): MailingList {
  const csv = readFileSync(file, "utf8");
  return { csv, rows, sha256: createHash("sha256").update(csv).digest("hex"), fileName: `mailing-${topic}-${channel}.csv` };
}
