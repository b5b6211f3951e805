import { desc, eq, sql } from "drizzle-orm";
import { AppError } from "./errors";
import type { Db } from "./open";
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

export function listInteractions(db: Db, personId: number, limit: number) {
  return db.orm
    .select({ id: interactions.id, at: interactions.at, channel: interactions.channel, purpose: interactions.purpose, summary: interactions.summary, agent: users.displayName })
    .from(interactions)
    .leftJoin(users, eq(users.id, interactions.agentId))
    .where(eq(interactions.personId, personId))
    .orderBy(desc(interactions.at), desc(interactions.id))
    .limit(limit)
    .all();
}
