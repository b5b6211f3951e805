import type pg from "pg";

/**
 * How the export worker reaches the server: the app pool's own settings (the same role on the
 * same server), as plain data a worker thread can be handed (the pool's type parsers are
 * functions; pgSource sets its own per query).
 */
export type PgConnectionSettings = Pick<pg.PoolConfig, "connectionString" | "host" | "port" | "user" | "database" | "password" | "ssl" | "connectionTimeoutMillis" | "keepAlive" | "options">;

export function exportConnectionSettings(pool: pg.Pool): PgConnectionSettings {
  const { connectionString, host, port, user, database, ssl, connectionTimeoutMillis, keepAlive, options } = pool.options;
  // The password, when given apart from the URL, is kept off the options' enumerable fields: read by name.
  const settings: PgConnectionSettings = { connectionString, host, port, user, database, password: pool.options.password, ssl, connectionTimeoutMillis, keepAlive, options };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as PgConnectionSettings;
}
