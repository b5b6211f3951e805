import { z } from "zod";
import { text } from "../fields";
import { operation, returns, type InputOf, type OutputOf } from "./operation";

/**
 * How this desk reaches its data, as the desk shell reports it (never the team server):
 * - `unset`: first start, nothing chosen yet (`unreadable`: desk-mode.json exists but cannot be
 *   read, so the choice is asked again rather than guessed);
 * - `local`: the database on this PC;
 * - `team`: a team server, trusted by its pinned certificate fingerprint or by a company CA.
 */
export type DeskModeView =
  | { mode: "unset"; unreadable: boolean }
  | { mode: "local" }
  | { mode: "team"; url: string; trust: "fingerprint"; fingerprint: string }
  | { mode: "team"; url: string; trust: "ca"; caSubject: string };

/** What a team server presented when the desk knocked, for a person to confirm before it is pinned. */
export interface ServerCertificate {
  /** The normalised address that was reached (`https://host:port/`). */
  url: string;
  /** SHA-256 of the certificate, "AB:CD:…" as the server prints it. */
  fingerprint: string;
  subject: string;
  issuer: string;
  /** ISO dates. */
  validFrom: string;
  validTo: string;
  selfSigned: boolean;
}

/** A company CA certificate is a few kilobytes of PEM; a bound well above any real one. */
const MAX_CERTIFICATE_CHARS = 64 * 1024;

const url = text(500);

const teamTrust = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("fingerprint"), fingerprint: text(200) }),
  z.strictObject({ kind: z.literal("ca"), certificate: z.string().min(1).max(MAX_CERTIFICATE_CHARS) }),
]);

/**
 * The desk shell's own operations. They are served by the desk itself (Electron's main process, or
 * web.ts in the browser mode) in front of whatever the desk talks to — the local dispatcher or the
 * forwarder to the team server — because they decide which of those it is: they cannot live on
 * the team server, and a desk with no mode chosen has no dispatcher to ask. They are declared here,
 * beside the server's areas, so the page calls them through the same typed client, forms check
 * them with the same schemas, and `capabilities` offers their screen to whoever may call them.
 *
 * The roles hold once a mode is chosen: only an administrator (as the current local database or
 * team server says) may probe or change it. Before that (first start) there is no account anywhere
 * to ask, so the desk lets whoever installed it choose — as it lets them create the first admin.
 */
export const deskContract = {
  "desk.mode": operation({ input: z.strictObject({}), roles: "public", mutates: false, whileLocked: true, output: returns<DeskModeView>() }),

  "desk.probe": operation({ input: z.strictObject({ url }), roles: ["admin"], mutates: false, output: returns<ServerCertificate>() }),

  "desk.choose": operation({
    input: z.discriminatedUnion("mode", [z.strictObject({ mode: z.literal("local") }), z.strictObject({ mode: z.literal("team"), url, trust: teamTrust })]),
    roles: ["admin"],
    mutates: true,
    output: returns<DeskModeView>(),
  }),
};

export type DeskContract = typeof deskContract;
export type DeskOperationName = keyof DeskContract;
export type DeskOperationTypes = { [N in DeskOperationName]: { input: InputOf<DeskContract[N]>; output: OutputOf<DeskContract[N]> } };
export type DeskChoice = InputOf<DeskContract["desk.choose"]>;
