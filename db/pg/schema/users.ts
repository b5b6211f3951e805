import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { ROLES, LANGUAGES } from "../../../common/enums";
import { id, int8 } from "./columns";

/** Staff accounts (db/schema/users.ts). Never deleted once they appear in the audit log, only deactivated. */
export const users = pgTable(
  "users",
  {
    id: id(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    language: text("language", { enum: LANGUAGES }).notNull().default("fr"),
    active: boolean("active").notNull().default(true),
    // Unread since the login throttle replaced the lock-out; kept so both engines hold one schema.
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: int8("locked_until"),
    createdAt: int8("created_at").notNull(),
    updatedAt: int8("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("users_username_len", sql`length(${t.username}) BETWEEN 1 AND 64`),
    check("users_display_name_len", sql`length(${t.displayName}) BETWEEN 1 AND 120`),
    check("users_role", sql`${t.role} IN ('agent','support','manager','admin')`),
    check("users_language", sql`${t.language} IN ('fr','en')`),
    check("users_hash_len", sql`length(${t.passwordHash}) <= 512`),
  ],
);
