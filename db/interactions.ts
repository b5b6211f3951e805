import { sql } from "drizzle-orm";
import type { Reads, Writes } from "./engine";
import { AppError } from "./errors";
import { fold, type Db } from "./open";
import type { Interaction } from "../common/contract/people";
import { syncOne, syncRun } from "./transition";
import type { INTERACTION_CHANNELS, INTERACTION_PURPOSES } from "./schema";

export type Channel = (typeof INTERACTION_CHANNELS)[number];
export type Purpose = (typeof INTERACTION_PURPOSES)[number];

export interface NewInteraction {
  personId: number;
  channel: Channel;
  purpose: Purpose;
  summary: string;
  at: number;
  agentId: number;
}

/** logInteraction's queries, shared with its synchronous twin (db/transition.ts). */
const logQueries = {
  person: (personId: number) => sql`SELECT id FROM people WHERE id = ${personId}`,
  insert: (input: NewInteraction, now: number) =>
    sql`INSERT INTO interactions (person_id, channel, purpose, summary, "at", agent_id, created_at)
        VALUES (${input.personId}, ${input.channel}, ${input.purpose}, ${input.summary}, ${input.at}, ${input.agentId}, ${now}) RETURNING id`,
  // SQLite's two-argument max() has no PostgreSQL twin (greatest() none in SQLite): the same
  // max(coalesce(last_contact_at, 0), at) as a CASE.
  lastContact: (personId: number, at: number) =>
    sql`UPDATE people SET last_contact_at = CASE WHEN coalesce(last_contact_at, 0) > ${at} THEN coalesce(last_contact_at, 0) ELSE ${at} END
        WHERE id = ${personId}`,
};

const personMissing = () => new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");

/** Logs a contact and keeps the person's "last contact" for the lookup's result rows. */
export async function logInteraction(tx: Writes, input: NewInteraction, now: number): Promise<number> {
  if (!(await tx.one(logQueries.person(input.personId)))) throw personMissing();
  const { id } = (await tx.one<{ id: number }>(logQueries.insert(input, now)))!;
  await tx.run(logQueries.lastContact(input.personId, input.at));
  return id;
}

/** logInteraction for the modules not yet on the engine (reports, training, privacy requests, generators). */
export function logInteractionSync(db: Db, input: NewInteraction, now: number): number {
  if (!syncOne(db, logQueries.person(input.personId))) throw personMissing();
  const { id } = syncOne<{ id: number }>(db, logQueries.insert(input, now))!;
  syncRun(db, logQueries.lastContact(input.personId, input.at));
  return id;
}

export async function listInteractions(tx: Reads, personId: number, limit: number): Promise<Interaction[]> {
  return tx.all<Interaction>(
    sql`SELECT i.id, i.at, i.channel, i.purpose, i.summary, u.display_name AS agent
        FROM interactions i LEFT JOIN users u ON u.id = i.agent_id
        WHERE i.person_id = ${personId} ORDER BY i.at DESC, i.id DESC LIMIT ${limit}`,
  );
}

/** `text` as a LIKE pattern matching it anywhere, its own %, _ and \ plain characters. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * What callers asked or told us, by purpose (information requests, comments and suggestions),
 * newest first, so nothing said in a call is lost in a timeline.
 */
export async function listByPurpose(tx: Reads, f: { purpose: Purpose; from?: number; to?: number; text?: string; page: number; pageSize: number }) {
  const conditions = [sql`i.purpose = ${f.purpose}`];
  if (f.from !== undefined) conditions.push(sql`i.at >= ${f.from}`);
  if (f.to !== undefined) conditions.push(sql`i.at <= ${f.to}`);
  // A substring filter over the (purpose, at)-narrowed rows: fold() (db/open.ts) on both sides, so
  // case and accents do not matter (nor LIKE's case rules, which differ between the engines); LIKE
  // with an escape, which both engines have (instr() is SQLite's, strpos() PostgreSQL's), so %, _
  // and quotes are plain text.
  if (f.text) conditions.push(sql`fold(i.summary) LIKE ${containing(fold(f.text))} ESCAPE '\\'`);
  const where = sql.join(conditions, sql` AND `);
  const rows = await tx.all<{ id: number; at: number; channel: Channel; summary: string; personId: number; person: string; agent: string | null }>(
    sql`SELECT i.id, i.at, i.channel, i.summary, i.person_id AS "personId", p.first_name || ' ' || p.last_name AS person, u.display_name AS agent
        FROM interactions i JOIN people p ON p.id = i.person_id LEFT JOIN users u ON u.id = i.agent_id
        WHERE ${where} ORDER BY i.at DESC, i.id DESC LIMIT ${f.pageSize} OFFSET ${f.page * f.pageSize}`,
  );
  const total = (await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM interactions i WHERE ${where}`))!.n;
  return { rows, total };
}
