/**
 * What the preload exposes to the page as `window.crm` in Electron (absent in the browser mode,
 * where the client uses the loopback HTTP transport instead). Types only: the renderer imports
 * this with `import type`.
 */
export interface CrmBridge {
  /** Calls one registry operation; resolves to its result envelope, never rejects for API errors. */
  invoke(name: string, input: unknown): Promise<unknown>;
}
