import { sql } from "drizzle-orm";
import { check, index, pgTable, text } from "drizzle-orm/pg-core";
import { id, int8 } from "./columns";
import { users } from "./users";

/**
 * Who did what to which entity, and when — never the values (db/schema/audit.ts). Append-only:
 * migration 0001 refuses UPDATE, DELETE and TRUNCATE by triggers, and the app's role holds only
 * INSERT and SELECT on it (migration 0002).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    at: int8("at").notNull(),
    userId: int8("user_id").references(() => users.id),
    operation: text("operation").notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    /** JSON array of field names touched or read. */
    fields: text("fields").notNull().default("[]"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_at").on(t.at),
    index("audit_log_user_at").on(t.userId, t.at),
    index("audit_log_operation_at").on(t.operation, t.at),
    check("audit_log_operation_len", sql`length(${t.operation}) <= 100`),
    check("audit_log_entity_type_len", sql`length(${t.entityType}) <= 60`),
    check("audit_log_entity_id_len", sql`length(${t.entityId}) <= 100`),
    check("audit_log_fields_len", sql`length(${t.fields}) <= 4000`),
  ],
);
