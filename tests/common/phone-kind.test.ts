import { describe, expect, it } from "vitest";
import { suggestedPhoneKind } from "../../common/phone";

describe("the phone kind a number suggests", () => {
  it("says landline for a Swiss fixed number and mobile for a Swiss mobile one, however written", () => {
    for (const landline of ["022 735 33 92", "+41 22 735 33 92", "0041 22 735 33 92", "021 312 45 67", "031 300 11 22"]) expect(suggestedPhoneKind(landline), landline).toBe("landline");
    for (const mobile of ["079 123 45 67", "+41 78 600 00 01", "076 555 12 34", "0041 77 123 45 67"]) expect(suggestedPhoneKind(mobile), mobile).toBe("mobile");
    expect(suggestedPhoneKind("+33 6 12 34 56 78")).toBe("mobile");
    expect(suggestedPhoneKind("+33 1 42 68 53 00")).toBe("landline");
  });

  it("says nothing while the number is incomplete or its type is neither", () => {
    for (const unknown of ["", "022", "022 735 3", "0800 800 800", "abc"]) expect(suggestedPhoneKind(unknown), unknown).toBeNull();
  });
});
