import type { z } from "zod";
import type { ApiClient } from "../../../electron/api/client";
import type { Registry } from "../../../electron/api/registry";

/**
 * The client's type: electron/api/client.ts's `ApiClient` with each input read straight from the
 * operation's schema. `OperationInput` there infers `never` (its `Operation<infer S, unknown>`
 * pattern cannot match an operation whose audit callbacks take a specific output), which would make
 * every call untypable; once that is fixed this can become `ApiClient` again.
 */
type AreaOf<N> = N extends `${infer A}.${string}` ? A : never;
type InputOf<N extends keyof Registry> = z.input<Registry[N]["input"]>;
type Verbs<A extends keyof ApiClient> = {
  [V in keyof ApiClient[A]]: `${A}.${V & string}` extends infer N extends keyof Registry
    ? (input: InputOf<N>) => ReturnType<ApiClient[A][V] extends (...args: never[]) => infer R ? () => R : never>
    : never;
};
export type Api = { [A in AreaOf<keyof Registry> & keyof ApiClient]: Verbs<A> };
