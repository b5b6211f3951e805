import type { Envelope } from "../../../common/envelope";

/** Sends one operation and resolves to its envelope; never rejects for an API-level failure. */
export type Transport = (name: string, input: unknown) => Promise<Envelope<unknown>>;
