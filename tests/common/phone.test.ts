import { describe, expect, it } from "vitest";
import { formatPhone, toE164 } from "../../common/phone";
import { e164Prefix, ftsQuery } from "../../db/search";

describe("phone normalisation (default region CH)", () => {
  it.each([
    ["022 735 33 92", "+41227353392"],
    ["+41 22 735 33 92", "+41227353392"],
    ["0041227353392", "+41227353392"],
    ["+41 (0)22 735 33 92", "+41227353392"],
    ["022/735.33.92", "+41227353392"],
    ["0227353392", "+41227353392"],
    ["079 123 45 67", "+41791234567"],
    ["+41 79 123 45 67", "+41791234567"],
    ["+33 1 42 68 53 00", "+33142685300"],
    ["0033 1 42 68 53 00", "+33142685300"],
    ["+49 30 901820", "+4930901820"],
    ["+1 415 555 2671", "+14155552671"],
  ])("%s → %s", (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each(["12", "7353392", "022 735 33 9", "+41 22 735 33 92 99", "abc", "", "+999 123 456", "0041 0000"])("refuses %j", (input) => {
    expect(toE164(input)).toBeNull();
  });

  it("shows Swiss numbers in national format and others internationally", () => {
    expect(formatPhone("+41227353392")).toBe("022 735 33 92");
    expect(formatPhone("+33142685300")).toBe("+33 1 42 68 53 00");
  });

  it("turns what is being typed into the start of an E.164 number", () => {
    expect(e164Prefix("022 735")).toBe("+4122735");
    expect(e164Prefix("+41 (0)22 73")).toBe("+412273");
    expect(e164Prefix("0041 22")).toBe("+4122");
    expect(e164Prefix("7353392")).toBeNull();
  });
});

describe("full-text query building", () => {
  it("quotes every word so operators and quotes are plain text, and prefixes the last word", () => {
    expect(ftsQuery("jean dup")).toBe('"jean" "dup"*');
    // Words as the index holds them: lower case, no diacritics (tests/db/search-query.test.ts).
    expect(ftsQuery('dupont" OR 1=1 --')).toBe('"dupont" "or" "1" "1"');
    expect(ftsQuery("NEAR(a b) AND c*")).toBe('"near" "a" "b" "and" "c"');
    expect(ftsQuery("👍 ***")).toBeNull();
    expect(ftsQuery("d'Aubigné-Müller")).toBe('"d" "aubigne" "muller"*');
  });
});
