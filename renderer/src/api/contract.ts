import type { PageOperationName, PageOperationTypes } from "../../../common/contract/page";

/** Every operation's input and output by name, from the contract in common/ (the desk shell's `desk.*` included). */
export type Operations = PageOperationTypes;
type OperationName = PageOperationName;

type AreaOf<N> = N extends `${infer A}.${string}` ? A : never;
type VerbsOf<A extends string> = {
  [N in OperationName as N extends `${A}.${infer V}` ? V : never]: (input: Operations[N]["input"]) => Promise<Operations[N]["output"]>;
};
/** The same contract by area, as `api.people.search(input)` is written. */
export type Api = { [A in AreaOf<OperationName>]: VerbsOf<A> };
