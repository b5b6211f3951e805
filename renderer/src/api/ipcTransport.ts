import type { CrmBridge } from "../../../common/bridge";
import { isEnvelope } from "./envelope";
import type { Transport } from "./transport";

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    crm?: CrmBridge;
  }
}

/** Electron: the main process binds the session to this window, so there is nothing to carry. */
export function ipcTransport(): Transport | null {
  const bridge = window.crm;
  if (!bridge) return null;
  return async (name, input) => {
    const answer = await bridge.invoke(name, input).catch(() => null);
    if (isEnvelope(answer)) return answer;
    return { ok: false, error: { code: "INTERNAL", reason: "transport", message: "The application did not answer." } };
  };
}
