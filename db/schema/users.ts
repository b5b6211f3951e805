import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ROLES, LANGUAGES } from "../../common/enums";
export { ROLES, LANGUAGES, type Role, type Language } from "../../common/enums";


/** Staff accounts. Never deleted once they appear in the audit log, only deactivated. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    language: text("language", { enum: LANGUAGES }).notNull().default("fr"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // failed_attempts and locked_until belong to the lock-out the login throttle replaced
    // (electron/api/login-throttle.ts): nothing reads them; a later migration can drop them.
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: integer("locked_until"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
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
