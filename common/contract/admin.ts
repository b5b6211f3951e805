import { z } from "zod";
import { displayName, id, instant, language, password, role, username, version } from "../fields";
import { MANAGERS } from "../roles";
import { settingsPatch, type Settings } from "../settings";
import type { PublicUser } from "./account";
import { operation, returns } from "./operation";

/** One line of the audit trail: who, what, which entity, which fields — never values. */
export interface AuditEntry {
  id: number;
  at: number;
  userId: number | null;
  operation: string;
  entityType: string | null;
  entityId: string | null;
  fields: string[];
}

/** A page of the audit trail, with what its filters offer. */
export interface AuditPage {
  rows: AuditEntry[];
  total: number;
  /** Every operation name the log holds, for the filter. */
  operations: string[];
  /** The staff directory (names only): managers, who cannot list users, read and filter the log with it. */
  users: { id: number; username: string; displayName: string }[];
}

/**
 * - `chain`: an entry's hash or link does not match (`firstBrokenId` names it);
 * - `anchor`: entries the last anchor recorded are gone or changed (the newest ones deleted);
 * - `guards`: an append-only trigger is missing, changed, or joined by another;
 * - `boundary`: the start of the keyed chain was moved (to re-hash keyed entries without the key).
 */
export type AuditProblem = "chain" | "anchor" | "guards" | "boundary";

export interface AuditVerification {
  ok: boolean;
  /** Entries checked before the first broken one (all of them when the chain holds). */
  checked: number;
  /** How many of the checked entries predate the keyed chain (plain SHA-256) and how many are keyed. */
  unkeyed: number;
  keyed: number;
  firstBrokenId: number | null;
  problems: AuditProblem[];
  /** The last anchor verification compared with, if any. */
  anchor: { entries: number; at: number } | null;
}

/** Accounts, settings and the audit trail: the administrators' and managers' back office. */
export const adminContract = {
  "users.list": operation({ input: z.strictObject({}), roles: ["admin"], mutates: false, output: returns<PublicUser[]>() }),

  "users.create": operation({
    input: z.strictObject({ username, displayName, role, password, language: language.optional() }),
    roles: ["admin"],
    mutates: true,
    output: returns<PublicUser>(),
  }),

  "users.update": operation({
    input: z.strictObject({
      id,
      version,
      displayName: displayName.optional(),
      role: role.optional(),
      active: z.boolean().optional(),
      language: language.optional(),
    }),
    roles: ["admin"],
    mutates: true,
    output: returns<PublicUser>(),
  }),

  "users.resetPassword": operation({ input: z.strictObject({ id, password }), roles: ["admin"], mutates: true, output: returns<{ done: boolean }>() }),

  "settings.get": operation({ input: z.strictObject({}), roles: ["admin"], mutates: false, output: returns<Settings>() }),

  "settings.update": operation({ input: settingsPatch, roles: ["admin"], mutates: true, output: returns<Settings>() }),

  "audit.list": operation({
    input: z.strictObject({
      page: z.number().int().min(0).default(0),
      pageSize: z.number().int().min(1).max(500).default(50),
      userId: id.optional(),
      operation: z.string().max(100).optional(),
      from: instant.optional(),
      to: instant.optional(),
    }),
    roles: MANAGERS,
    mutates: false,
    output: returns<AuditPage>(),
  }),

  // Detached: a worker thread walks the chain (3.7 s per 300,000 entries), every desk keeps working.
  "audit.verify": operation({ input: z.strictObject({}), roles: MANAGERS, mutates: false, detached: true, output: returns<AuditVerification>() }),
};
