import { ApiError } from "./ApiError";
import type { Api } from "./contract";
import type { Transport } from "./transport";

let transport: Transport | null = null;
const interruptionListeners = new Set<(error: ApiError) => void>();

/** Chosen once at startup (IPC in Electron, HTTP in a browser). */
export function connectApi(chosen: Transport): void {
  transport = chosen;
}

/**
 * Told about every failure that ends or suspends the session (LOCKED, UNAUTHENTICATED), whichever
 * screen made the call, so the shell can show the lock overlay or the login screen.
 */
export function onSessionInterrupted(listener: (error: ApiError) => void): () => void {
  interruptionListeners.add(listener);
  return () => interruptionListeners.delete(listener);
}

/** A wrong password at login or unlock is the form's business, not the end of the session. */
function interruptsSession(error: ApiError): boolean {
  if (error.code === "LOCKED") return true;
  return error.code === "UNAUTHENTICATED" && error.operation !== "session.login" && error.reason !== "bad_credentials";
}

export async function invoke(name: string, input: unknown): Promise<unknown> {
  if (!transport) throw new Error("API transport not connected");
  const envelope = await transport(name, input);
  if (envelope.ok) return envelope.value;
  const error = new ApiError(envelope.error, name);
  if (interruptsSession(error)) for (const listener of interruptionListeners) listener(error);
  throw error;
}

/** `api.users.create(input)` → invoke("users.create", input), typed from the registry. */
export const api = new Proxy({} as Api, {
  get: (_target, area) =>
    new Proxy(
      {},
      {
        get: (_areaTarget, verb) => (input: unknown) => invoke(`${String(area)}.${String(verb)}`, input),
      },
    ),
});
