import type { OperationInput, OperationOutput } from "./operation";
import type { Registry } from "./registry";

/**
 * The renderer's view of the registry, as types only: `api.session.login(input)` resolves to the
 * operation's output. Renderer code imports this file with `import type`.
 */
type AreaOf<N> = N extends `${infer A}.${string}` ? A : never;
type VerbsOf<A extends string> = {
  [N in keyof Registry as N extends `${A}.${infer V}` ? V : never]: (input: OperationInput<Registry[N]>) => Promise<OperationOutput<Registry[N]>>;
};
export type ApiClient = { [A in AreaOf<keyof Registry>]: VerbsOf<A> };
export type { Envelope, ApiErrorBody, ErrorCode } from "./envelope";
export type { OperationName } from "./registry";

/** The same contract flat, by operation name: what the renderer's query layer is typed from. */
export type OperationTypes = { [N in keyof Registry]: { input: OperationInput<Registry[N]>; output: OperationOutput<Registry[N]> } };
