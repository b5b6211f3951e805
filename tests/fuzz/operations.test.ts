import { expect, it } from "vitest";
import { registry, type OperationName } from "../../electron/api/registry";
import { OPERATION_GENERATORS } from "./generators/operations";
import { fuzzOperations, PASSWORD_OPERATIONS } from "./suite";

/**
 * Generated input for every operation, from every role, through the real dispatcher on a real
 * seeded database: ok or a declared refusal, never INTERNAL or a crash; a refusal commits
 * nothing; the audit chain verifies. The password operations are in passwords.test.ts.
 */
it("has a generator for every registry operation", () => {
  expect(Object.keys(OPERATION_GENERATORS).sort()).toEqual(Object.keys(registry).sort());
});

fuzzOperations((Object.keys(registry) as OperationName[]).filter((name) => !PASSWORD_OPERATIONS.includes(name)));
