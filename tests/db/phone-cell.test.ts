import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { internationalPhone } from "../../db/export/phone-cell";

describe("a phone number in a workbook", () => {
  it("is grouped for Swiss numbers exactly as libphonenumber groups them, for every leading pair", () => {
    for (let pair = 10; pair < 100; pair++) {
      for (const rest of ["1234567", "0000000", "9876543"]) {
        const e164 = `+41${pair}${rest}`;
        const parsed = parsePhoneNumberFromString(e164);
        expect(internationalPhone(e164), e164).toBe(parsed ? parsed.formatInternational() : e164);
      }
    }
    expect(internationalPhone("+41227353392")).toBe("+41 22 735 33 92");
    expect(internationalPhone("+41791234567")).toBe("+41 79 123 45 67");
    expect(internationalPhone("+41800123456")).toBe("+41 800 123 456");
  });

  it("follows the library for other countries and leaves what is not a number as stored", () => {
    expect(internationalPhone("+33142685300")).toBe("+33 1 42 68 53 00");
    expect(internationalPhone("+4989123456")).toBe(parsePhoneNumberFromString("+4989123456")!.formatInternational());
    expect(internationalPhone("022 735 33 92")).toBe("022 735 33 92");
    expect(internationalPhone("")).toBe("");
  });
});
