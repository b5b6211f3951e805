/**
 * The part of pg-cursor (node-postgres's own cursor, listed in package.json) that the exports use:
 * a query's rows read a batch at a time from a server-side portal. pg-cursor ships no types of its
 * own, and @types/pg-cursor is not installed.
 */
declare module "pg-cursor" {
  import type { Connection, CustomTypesConfig, Submittable } from "pg";

  interface CursorConfig {
    rowMode?: "array";
    types?: CustomTypesConfig;
  }

  export default class Cursor<Row = unknown[]> implements Submittable {
    constructor(text: string, values?: unknown[], config?: CursorConfig);
    submit(connection: Connection): void;
    /** Up to `rows` more rows; an empty array once the query has none left. */
    read(rows: number): Promise<Row[]>;
    close(): Promise<void>;
  }
}
