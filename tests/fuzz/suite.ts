import { afterAll, beforeAll, describe, it } from "vitest";
import type { OperationName } from "../../electron/api/registry";
import { assertOperation, operationOrder } from "./property";
import { openWorld, type World } from "./world";

/** At least 200 generated inputs per operation in `npm test`; `npm run bench -- soak` runs 5,000. */
export const INPUTS_PER_OPERATION = 200;

/**
 * The operations whose well-formed input costs a real scrypt run (about 1 s here at N=2^17): they
 * get a test file and a seeded world of their own, so vitest runs them beside the others.
 */
export const PASSWORD_OPERATIONS: readonly OperationName[] = ["setup.createAdmin", "session.login", "session.unlock", "users.create", "users.resetPassword"];

/** One `it` per operation, in the order that lets readers see what the writers stored. */
export function fuzzOperations(names: readonly OperationName[]): void {
  describe("every operation keeps its promise under generated input", () => {
    let world: World;
    beforeAll(async () => {
      world = await openWorld();
    });
    afterAll(() => world?.close());

    for (const name of operationOrder(names)) {
      it(name, async () => {
        await assertOperation(world, name, INPUTS_PER_OPERATION);
      }, 240_000);
    }
  });
}
