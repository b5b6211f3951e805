import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { deskContract, type DeskChoice, type DeskModeView } from "../../common/contract/desk";
import type { ApiErrorBody, Envelope } from "../../common/envelope";
import type { Language } from "../../common/enums";
import { message, type Reason } from "../../common/messages";
import { normaliseFingerprint, teamServerUrl } from "../../common/team-address";
import { errorMapFor, validationRefusal } from "../../common/validation-messages";
import type { DataFolderLock } from "../../db/data-folder-lock";
import type { CallContext, Dispatch } from "../api/dispatcher";
import { appDownloadPath, exportDownloadResponse } from "../export/download";
import { exportJobsFor } from "../export/jobs";
import { DATABASE_FILE, settleBeforeQuit, type Host } from "../host";
import { startupMessage } from "../startup-message";
import { caFilePath, COMPANY_CA_FILE, startingMode, writeDeskMode, type DeskMode } from "./desk-mode";
import { createForwarder, deskRefusal, type Forwarder } from "./forward";
import { companyCertificate, probeServer, type TeamTrust } from "./team-tls";

/**
 * What a desk's shell (Electron's main process, or web.ts in the browser mode) puts behind its
 * transport: the `desk.*` operations, which it serves itself, in front of whatever the desk uses
 * for everything else — the local database's dispatcher, or the forwarder to the team server, or
 * (first start) nothing yet. Choosing a mode here swaps what is behind, without restarting the
 * window: the page starts again from its first screen.
 */

export interface DeskConnectionOptions {
  dataDir: string;
  /** Opens the local database and its dispatcher (electron/host.ts); throws as openHost does. */
  openLocal(): Host;
  /** The data folder's one-instance lock, for the modes that open no database (openHost takes its own). */
  lockFolder(): DataFolderLock;
  /** A fresh data folder asks local or team (the desktop app; `npm start`'s browser fallback); else it starts local. */
  askOnFirstStart: boolean;
  /** Defaults to package.json's version. */
  clientVersion?: string;
  /** The forwarder's timeout (tests shorten it). */
  timeoutMs?: number;
  /** The desk's events for its log: names, reasons and codes only. */
  log?: (event: string, fields: Record<string, string>) => void;
}

export interface DeskConnection {
  dispatch: Dispatch;
  /**
   * `app://crm/exports/download/<key>`: a finished export, from this desk's export jobs or, in team
   * mode, from the server that ran it; undefined for any other address.
   */
  exportDownload(request: Request): Response | Promise<Response> | undefined;
  /** A window went away or logged in again: its session ends where it lives. */
  endSession(sessionId: string): void;
  /** The local database's host while the desk is local; undefined in team mode or before the choice. */
  readonly host: Host | undefined;
  view(): DeskModeView;
  /** The browser mode's address, for a second start on this data folder (see data-folder-lock.ts). */
  recordUrl(url: string): void;
  /** A quit, once a running backup has settled (`settleBeforeQuit(host)`): closes whatever is open. */
  close(): void;
}

type Backend =
  | { kind: "unset"; unreadable: boolean; lock: DataFolderLock }
  | { kind: "local"; host: Host }
  | { kind: "team"; view: DeskModeView; forwarder: Forwarder; lock: DataFolderLock };

type Refusal = { ok: false; error: ApiErrorBody };

export function openDeskConnection(options: DeskConnectionOptions): DeskConnection {
  const { dataDir } = options;
  const log = options.log ?? (() => undefined);
  let recordedUrl: string | undefined;

  function lock(): DataFolderLock {
    const taken = options.lockFolder();
    if (recordedUrl) taken.recordUrl(recordedUrl);
    return taken;
  }
  function openLocal(): Host {
    const host = options.openLocal();
    if (recordedUrl) host.recordUrl(recordedUrl);
    return host;
  }
  function team(url: string, trust: TeamTrust, view: DeskModeView): Omit<Extract<Backend, { kind: "team" }>, "lock"> {
    const forwarder = createForwarder({
      url,
      trust,
      clientVersion: options.clientVersion,
      timeoutMs: options.timeoutMs,
      onFailure: (reason, code, operation) => log("team.callFailed", { reason, code: code ?? "", operation }),
    });
    return { kind: "team", view, forwarder };
  }

  let backend: Backend = start();

  function start(): Backend {
    const read = startingMode(dataDir, DATABASE_FILE);
    if (read.state === "absent") {
      if (options.askOnFirstStart) return { kind: "unset", unreadable: false, lock: lock() };
      const host = openLocal();
      writeDeskMode(dataDir, { mode: "local" });
      return { kind: "local", host };
    }
    if (read.state === "unreadable") {
      log("desk.modeUnreadable", {});
      return { kind: "unset", unreadable: true, lock: lock() };
    }
    const mode = read.mode;
    if (mode.mode === "local") return { kind: "local", host: openLocal() };
    if ("fingerprint" in mode) {
      return { ...team(mode.url, { kind: "fingerprint", fingerprint: mode.fingerprint }, { mode: "team", url: mode.url, trust: "fingerprint", fingerprint: mode.fingerprint }), lock: lock() };
    }
    const ca = readCompanyCertificate(caFilePath(dataDir, mode.caFile));
    if (!ca) {
      log("desk.caUnreadable", {});
      return { kind: "unset", unreadable: true, lock: lock() };
    }
    return { ...team(mode.url, { kind: "ca", certificate: ca.pem }, { mode: "team", url: mode.url, trust: "ca", caSubject: ca.subject }), lock: lock() };
  }

  function view(): DeskModeView {
    if (backend.kind === "unset") return { mode: "unset", unreadable: backend.unreadable };
    if (backend.kind === "local") return { mode: "local" };
    return backend.view;
  }

  function forward(name: string, input: unknown, call: CallContext): Promise<Envelope<unknown>> {
    if (backend.kind === "local") return backend.host.dispatcher.dispatch(name, input, call);
    if (backend.kind === "team") return backend.forwarder.dispatch(name, input, call);
    return Promise.resolve(deskRefusal("desk_not_configured", "FORBIDDEN"));
  }

  /**
   * Who may probe or change the mode: anyone before the first choice (no account exists anywhere
   * to ask), afterwards whoever the contract names — as the current database or server knows them.
   */
  async function authorise(name: "desk.probe" | "desk.choose", call: CallContext): Promise<{ language: Language } | Refusal> {
    if (backend.kind === "unset") return { language: "fr" };
    const me = await forward("session.me", {}, call);
    if (!me.ok) return me;
    const user = (me.value as { user?: { role?: unknown; language?: unknown } } | null)?.user;
    const language: Language = user?.language === "en" ? "en" : "fr";
    const roles = deskContract[name].roles;
    if (roles === "public" || (typeof user?.role === "string" && (roles as readonly string[]).includes(user.role))) return { language };
    return { ok: false, error: { code: "FORBIDDEN", reason: "forbidden", message: message("forbidden", language) } };
  }

  function parse<S extends z.ZodType>(schema: S, input: unknown, language: Language): { data: z.output<S> } | Refusal {
    const parsed = schema.safeParse(input ?? {}, { error: errorMapFor(language) });
    return parsed.success ? { data: parsed.data } : { ok: false, error: validationRefusal(parsed.error, language) };
  }

  async function probe(input: unknown, call: CallContext): Promise<Envelope<unknown>> {
    const allowed = await authorise("desk.probe", call);
    if ("ok" in allowed) return allowed;
    const parsed = parse(deskContract["desk.probe"].input, input, allowed.language);
    if ("ok" in parsed) return parsed;
    const url = teamServerUrl(parsed.data.url);
    if (!url) return fieldRefusal("url", "team_url_invalid", allowed.language);
    const answer = await probeServer(url);
    if (!answer.ok) return fieldRefusal("url", answer.reason, allowed.language, "INTERNAL");
    return { ok: true, value: answer.certificate };
  }

  // One change at a time: two administrators' clicks must not open two databases.
  let changing: Promise<unknown> = Promise.resolve();
  function choose(input: unknown, call: CallContext): Promise<Envelope<unknown>> {
    const run = changing.then(() => chooseNow(input, call));
    changing = run.catch(() => undefined);
    return run;
  }

  async function chooseNow(input: unknown, call: CallContext): Promise<Envelope<unknown>> {
    const allowed = await authorise("desk.choose", call);
    if ("ok" in allowed) return allowed;
    const parsed = parse(deskContract["desk.choose"].input, input, allowed.language);
    if ("ok" in parsed) return parsed;
    const choice: DeskChoice = parsed.data;
    const language = allowed.language;
    if (choice.mode === "local") return switchToLocal(language);

    const url = teamServerUrl(choice.url);
    if (!url) return fieldRefusal("url", "team_url_invalid", language);
    let trust: TeamTrust;
    let modeFile: DeskMode;
    let next: DeskModeView;
    if (choice.trust.kind === "fingerprint") {
      const fingerprint = normaliseFingerprint(choice.trust.fingerprint);
      if (!fingerprint) return fieldRefusal("trust.fingerprint", "team_fingerprint_invalid", language);
      trust = { kind: "fingerprint", fingerprint };
      modeFile = { mode: "team", url, fingerprint };
      next = { mode: "team", url, trust: "fingerprint", fingerprint };
    } else {
      const ca = companyCertificate(choice.trust.certificate);
      if (!ca) return fieldRefusal("trust.certificate", "company_certificate_invalid", language);
      trust = { kind: "ca", certificate: ca.pem };
      modeFile = { mode: "team", url, caFile: COMPANY_CA_FILE };
      next = { mode: "team", url, trust: "ca", caSubject: ca.subject };
    }

    // Tried before anything changes: a wrong address, another certificate or another version is
    // refused here, and the desk keeps what it had.
    const candidate = team(url, trust, next);
    const tried = await candidate.forwarder.dispatch("setup.status", {});
    if (!tried.ok) {
      candidate.forwarder.close();
      log("desk.teamRefused", { reason: tried.error.reason ?? tried.error.code });
      return tried.error.reason === "version_mismatch" ? tried : fieldRefusal("url", (tried.error.reason as Reason | undefined) ?? "team_bad_answer", language, "INTERNAL");
    }
    if (choice.trust.kind === "ca") writeFileSync(join(dataDir, COMPANY_CA_FILE), trust.kind === "ca" ? trust.certificate : "", { mode: 0o600 });
    writeDeskMode(dataDir, modeFile);

    const previous = backend;
    if (previous.kind === "local") {
      await closeLocal(previous.host);
      backend = { ...candidate, lock: lock() };
    } else {
      if (previous.kind === "team") previous.forwarder.close();
      backend = { ...candidate, lock: previous.lock };
    }
    log("desk.modeChanged", { mode: "team", trust: trust.kind });
    return { ok: true, value: view() };
  }

  async function switchToLocal(language: Language): Promise<Envelope<unknown>> {
    const previous = backend;
    if (previous.kind === "local") return { ok: true, value: view() };
    // openHost takes the data folder's lock itself: this process lets go of it just before.
    previous.lock.release();
    let host: Host;
    try {
      host = openLocal();
    } catch (error) {
      backend = { ...previous, lock: lock() };
      log("desk.localFailed", { reason: startupMessage(error, "en") });
      return { ok: false, error: { code: "INTERNAL", reason: "desk_switch_failed", message: `${message("desk_switch_failed", language)} ${startupMessage(error, language)}` } };
    }
    if (previous.kind === "team") previous.forwarder.close();
    writeDeskMode(dataDir, { mode: "local" });
    backend = { kind: "local", host };
    log("desk.modeChanged", { mode: "local" });
    return { ok: true, value: view() };
  }

  const dispatch: Dispatch = async (name, input, call = {}) => {
    if (name === "desk.mode") return { ok: true, value: view() };
    if (name === "desk.probe") return probe(input, call);
    if (name === "desk.choose") return choose(input, call);
    return forward(name, input, call);
  };

  return {
    dispatch,
    endSession(sessionId) {
      if (backend.kind === "local") backend.host.dispatcher.sessions.delete(sessionId);
      // The server's session ends too: a closed window leaves no live login on the server.
      else if (backend.kind === "team") void backend.forwarder.dispatch("session.logout", {}, { sessionId });
    },
    get host() {
      return backend.kind === "local" ? backend.host : undefined;
    },
    view,
    exportDownload(request) {
      if (backend.kind !== "team") return exportDownloadResponse(request);
      const path = appDownloadPath(request);
      return path === undefined ? undefined : backend.forwarder.download(path);
    },
    recordUrl(url) {
      recordedUrl = url;
      if (backend.kind === "local") backend.host.recordUrl(url);
      else backend.lock.recordUrl(url);
    },
    close() {
      const current = backend;
      if (current.kind === "local") closeHost(current.host);
      else {
        if (current.kind === "team") current.forwarder.close();
        current.lock.release();
      }
    },
  };
}

/** A local database closed for a mode change: a running backup finishes first (bounded). */
async function closeLocal(host: Host): Promise<void> {
  await settleBeforeQuit(host);
  closeHost(host);
}

/** A running export's worker reads the database: stopped (and its partial file dropped) first. */
function closeHost(host: Host): void {
  exportJobsFor(host.db).stopAll();
  host.close();
}

function fieldRefusal(field: string, reason: Reason, language: Language, code: ApiErrorBody["code"] = "VALIDATION"): Refusal {
  const sentence = message(reason, language);
  return { ok: false, error: { code, reason, field, message: sentence, fieldMessage: sentence } };
}

function readCompanyCertificate(file: string): { pem: string; subject: string } | null {
  try {
    return companyCertificate(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
