import { sql } from "drizzle-orm";
import { check, pgTable, text } from "drizzle-orm/pg-core";

/** Application settings as JSON values under dotted keys (see db/settings.ts for the known keys). */
export const settings = pgTable(
  "settings",
  {
    key: text("key").primaryKey(),
    value: text("value").notNull(),
  },
  (t) => [check("settings_key_len", sql`length(${t.key}) <= 100`), check("settings_value_len", sql`length(${t.value}) <= 100000`)],
);
