import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registry, type OperationName } from "../../electron/api/registry";
import { OPERATION_GENERATORS } from "./generators/operations";
import { assertOperation, operationOrder } from "./property";
import { openWorld, type World } from "./world";

/**
 * Generated input for every operation, from every role, through the real dispatcher on a real
 * seeded database: ok or a declared refusal, never INTERNAL or a crash; a refusal commits
 * nothing; the audit chain verifies. `npm run bench -- soak` runs the same with 5,000 inputs each.
 */
const INPUTS_PER_OPERATION = 200;

it("has a generator for every registry operation", () => {
  expect(Object.keys(OPERATION_GENERATORS).sort()).toEqual(Object.keys(registry).sort());
});

describe("every operation keeps its promise under generated input", () => {
  let world: World;
  beforeAll(async () => {
    world = await openWorld();
  });
  afterAll(() => world?.close());

  for (const name of operationOrder(Object.keys(registry) as OperationName[])) {
    it(name, async () => {
      await assertOperation(world, name, INPUTS_PER_OPERATION);
    }, 120_000);
  }
});
