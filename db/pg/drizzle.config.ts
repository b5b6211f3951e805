import { defineConfig } from "drizzle-kit";

// The team server's PostgreSQL schema (db/pg/schema/). `drizzle-kit generate` works offline from the
// schema and the snapshots in meta/; the hand-written migrations come from `generate --custom`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/pg/schema/index.ts",
  out: "./db/pg/migrations",
});
