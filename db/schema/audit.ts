import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * Who did what to which entity, and when — never the values. Append-only (triggers in the
 * migration refuse UPDATE and DELETE) and hash-chained: `hash` covers `prev_hash` and the row.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    userId: integer("user_id").references(() => users.id),
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
