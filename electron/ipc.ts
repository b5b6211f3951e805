import type { Dispatch } from "./api/dispatcher";
import type { Envelope } from "../common/envelope";
import { message } from "../common/messages";
import { isAppUrl } from "./app-origin";
import { INVOKE_CHANNEL } from "./ipc-channel";

/** The parts of Electron's `IpcMainInvokeEvent` the transport reads. */
export interface InvokeEvent {
  sender: { id: number; once(event: "destroyed", listener: () => void): unknown };
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export interface IpcOptions {
  /** Which page may call the API; the app's own origin unless a test says otherwise. */
  isAllowedSender?: (url: string) => boolean;
  /** Ends a session in the store when its window goes away or logs in again. */
  endSession?: (sessionId: string) => void;
}

const OPENS_SESSION = new Set(["session.login", "setup.createAdmin"]);

/**
 * The Electron transport: one `crm:invoke` handler in front of the dispatcher. The session is
 * bound to the sending webContents here, in the main process, so a page never has to hold or send
 * its session id, and a second window cannot borrow the first one's login.
 */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, options: IpcOptions = {}) {
  const isAllowedSender = options.isAllowedSender ?? isAppUrl;
  const endSession = options.endSession ?? (() => undefined);
  const sessionBySender = new Map<number, string>();
  const watchedSenders = new Set<number>();

  function forget(senderId: number) {
    const sessionId = sessionBySender.get(senderId);
    sessionBySender.delete(senderId);
    if (sessionId) endSession(sessionId);
  }

  function bind(event: InvokeEvent, sessionId: string) {
    const senderId = event.sender.id;
    const previous = sessionBySender.get(senderId);
    if (previous && previous !== sessionId) endSession(previous);
    sessionBySender.set(senderId, sessionId);
    if (!watchedSenders.has(senderId)) {
      watchedSenders.add(senderId);
      // A closed or crashed window must not leave a live login behind.
      event.sender.once("destroyed", () => {
        watchedSenders.delete(senderId);
        forget(senderId);
      });
    }
  }

  async function invoke(event: InvokeEvent, name: unknown, input: unknown): Promise<Envelope<unknown>> {
    // The frame is checked on every call: a frame that navigated away (or was never ours) gets nothing.
    // No session, so no user language here: French, the default; the renderer words these by reason.
    const url = event.senderFrame?.url;
    if (!url || !isAllowedSender(url)) {
      return { ok: false, error: { code: "FORBIDDEN", message: message("sender_not_allowed", "fr"), reason: "sender_not_allowed" } };
    }
    if (typeof name !== "string" || name.length === 0 || name.length > 100) {
      return { ok: false, error: { code: "VALIDATION", message: message("operation_name_required", "fr"), field: "name", reason: "operation_name_required" } };
    }

    const senderId = event.sender.id;
    let envelope: Envelope<unknown>;
    try {
      envelope = await dispatch(name, input, { sessionId: sessionBySender.get(senderId) });
    } catch {
      // The dispatcher does not throw; if it ever does, nothing of the error crosses to the page.
      return { ok: false, error: { code: "INTERNAL", message: message("internal", "fr"), reason: "internal" } };
    }

    if (envelope.ok && OPENS_SESSION.has(name)) {
      const sessionId = (envelope.value as { sessionId?: unknown } | null)?.sessionId;
      if (typeof sessionId === "string") bind(event, sessionId);
    } else if (name === "session.logout") {
      // Whatever the outcome, the page asked to be logged out: stop sending that session.
      sessionBySender.delete(senderId);
    }
    return envelope;
  }

  ipcMain.handle(INVOKE_CHANNEL, (event, name, input) => invoke(event, name, input));

  return {
    /** The session bound to a webContents, for tests and diagnostics. */
    sessionFor: (senderId: number): string | undefined => sessionBySender.get(senderId),
  };
}
