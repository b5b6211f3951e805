import { desc, eq, sql } from "drizzle-orm";
import { AppError } from "./errors";
import { fold, type Db, type ReadableDb } from "./open";
import type { Interaction } from "../common/contract/people";
import { interactions, people, users, type INTERACTION_CHANNELS, type INTERACTION_PURPOSES } from "./schema";

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

/** Logs a contact and keeps the person's "last contact" for the lookup's result rows. */
export function logInteraction(db: Db, input: NewInteraction, now: number): number {
  if (!db.orm.select({ id: people.id }).from(people).where(eq(people.id, input.personId)).get()) {
    throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  }
  const { id } = db.orm.insert(interactions).values({ ...input, createdAt: now }).returning({ id: interactions.id }).get();
  db.orm
    .update(people)
    .set({ lastContactAt: sql`max(coalesce(${people.lastContactAt}, 0), ${input.at})` })
    .where(eq(people.id, input.personId))
    .run();
  return id;
}

export function listInteractions(db: ReadableDb, personId: number, limit: number): Interaction[] {
  return db.orm
    .select({ id: interactions.id, at: interactions.at, channel: interactions.channel, purpose: interactions.purpose, summary: interactions.summary, agent: users.displayName })
    .from(interactions)
    .leftJoin(users, eq(users.id, interactions.agentId))
    .where(eq(interactions.personId, personId))
    .orderBy(desc(interactions.at), desc(interactions.id))
    .limit(limit)
    .all();
}

/**
 * What callers asked or told us, by purpose (information requests, comments and suggestions),
 * newest first, so nothing said in a call is lost in a timeline.
 */
export function listByPurpose(db: ReadableDb, f: { purpose: Purpose; from?: number; to?: number; text?: string; page: number; pageSize: number }) {
  const conditions = [sql`i.purpose = ${f.purpose}`];
  if (f.from !== undefined) conditions.push(sql`i.at >= ${f.from}`);
  if (f.to !== undefined) conditions.push(sql`i.at <= ${f.to}`);
  // A substring filter over the (purpose, at)-narrowed rows; instr() so %, _ and quotes are plain
  // text, fold() (db/open.ts) so case and accents do not matter.
  if (f.text) conditions.push(sql`instr(fold(i.summary), ${fold(f.text)}) > 0`);
  const where = sql.join(conditions, sql` AND `);
  const rows = db.orm.all<{ id: number; at: number; channel: Channel; summary: string; personId: number; person: string; agent: string | null }>(
    sql`SELECT i.id, i.at, i.channel, i.summary, i.person_id AS personId, p.first_name || ' ' || p.last_name AS person, u.display_name AS agent
        FROM interactions i JOIN people p ON p.id = i.person_id LEFT JOIN users u ON u.id = i.agent_id
        WHERE ${where} ORDER BY i.at DESC, i.id DESC LIMIT ${f.pageSize} OFFSET ${f.page * f.pageSize}`,
  );
  const total = db.orm.get<{ n: number }>(sql`SELECT count(*) AS n FROM interactions i WHERE ${where}`).n;
  return { rows, total };
}
