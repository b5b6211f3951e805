import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callerE164, formatPhone, formatTyped, looksLikePhone, phoneSearch, toE164 } from "../../common/phone";
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
    expect(e164Prefix("+41 022 73")).toBe("+412273");
    expect(e164Prefix("(022) 73")).toBe("+412273");
    expect(e164Prefix("7353392")).toBeNull();
  });
});

/** Every way a Swiss desk writes 022 735 33 92 (and a mobile), all one number for the lookup, the forms and the call page. */
const SPELLINGS: [string, string][] = [
  ["022 735 33 92", "+41227353392"],
  ["0227353392", "+41227353392"],
  ["+41 22 735 33 92", "+41227353392"],
  ["+41227353392", "+41227353392"],
  ["0041 22 735 33 92", "+41227353392"],
  ["0041227353392", "+41227353392"],
  ["+41 (0)22 735 33 92", "+41227353392"],
  ["+41(0)227353392", "+41227353392"],
  ["0041 (0)22 735 33 92", "+41227353392"],
  ["(022) 735 33 92", "+41227353392"],
  ["+41 022 735 33 92", "+41227353392"],
  ["0041 022 735 33 92", "+41227353392"],
  ["(+41) 22 735 33 92", "+41227353392"],
  ["022/735 33 92", "+41227353392"],
  ["022.735.33.92", "+41227353392"],
  ["022-735-33-92", "+41227353392"],
  ["+41-22-735-33-92", "+41227353392"],
  // No-break spaces, as a number copied from a web page or a PDF has them.
  ["022\u00a0735\u00a033\u00a092", "+41227353392"],
  [" 022 735 33 92 ", "+41227353392"],
  ["079 123 45 67", "+41791234567"],
  ["+41 79 123 45 67", "+41791234567"],
  ["(079) 123 45 67", "+41791234567"],
  ["0041 079 123 45 67", "+41791234567"],
  ["+33 1 42 68 53 00", "+33142685300"],
  ["0033 1 42 68 53 00", "+33142685300"],
  ["+33 (0)1 42 68 53 00", "+33142685300"],
  ["+33 01 42 68 53 00", "+33142685300"],
  // Italy keeps its leading 0 in the international number: it is not a trunk prefix there.
  ["+39 06 698 1234", "+39066981234"],
];

describe("one reading of a written number", () => {
  it.each(SPELLINGS)("%j is %s for the forms, the call page and the lookup", (written, e164) => {
    expect(toE164(written)).toBe(e164);
    expect(callerE164(written)).toBe(e164);
    expect(phoneSearch(written)).toEqual({ from: "start", start: e164, whole: e164 });
  });

  it("shows a whole number as the app writes numbers, and a partial one as typed", () => {
    expect(formatTyped("(022) 735 33 92")).toBe("022 735 33 92");
    expect(formatTyped("+41 022 735 33 92")).toBe("022 735 33 92");
    expect(formatTyped("0795551234")).toBe("079 555 12 34");
    expect(formatTyped(" 735 33 ")).toBe("735 33");
  });

  it.each(["tel:+41227353392", "022 735 33 92 ext. 12", "+41 22 735 33 92<script>", "022 735 33 92;", "++41 22 735 33 92", "41 22 735 33 9a"])("refuses %j: it is not written as a number", (written) => {
    expect(toE164(written)).toBeNull();
    expect(callerE164(written)).toBeNull();
    expect(phoneSearch(written)).toBeNull();
  });

  it("bounds what the phone system sends before parsing it", () => {
    expect(callerE164("")).toBeNull();
    expect(callerE164(`022 735 33 92${" ".repeat(40)}`)).toBeNull();
  });

  it.each([
    ["022 735", "+4122735"],
    ["(022) 735", "+4122735"],
    ["(022) 7", "+41227"],
    ["+41 022 73", "+412273"],
    ["0041 022 73", "+412273"],
    ["+41 (0)22 73", "+412273"],
    ["0041 (0)22", "+4122"],
    ["0041 0", "+41"],
    ["079 12", "+417912"],
    ["0033 01 4", "+3314"],
    ["+39 06 12", "+390612"],
  ])("reads the beginning of %j as the start of %s", (typed, start) => {
    expect(phoneSearch(typed)).toEqual({ from: "start", start, whole: null });
  });

  it.each([
    ["7353392", "7353392"],
    ["735 33 92", "7353392"],
    ["33 92", "3392"],
    ["41 22 735", "4122735"],
  ])("reads bare digits %j as the end %s of a number", (typed, digits) => {
    expect(phoneSearch(typed)).toEqual({ from: "end", digits });
  });

  it.each(["Dupont", "022", "12", "", "ER-2026-00042", "dupont@", "1202 Genève", "00 0"])("%j is no phone search", (text) => {
    expect(phoneSearch(text)).toBeNull();
  });

  it("treats a name, an email or an address as text, and every written number as a number", () => {
    for (const text of ["Dupont", "jean.dupont@example.ch", "Rue de Lausanne 63", "1202 Genève", "ER-2026-00042"]) expect(looksLikePhone(text), text).toBe(false);
    for (const [written] of SPELLINGS) expect(looksLikePhone(written), written).toBe(true);
  });
});

/** A Swiss number (landline area codes and mobile prefixes) as its E.164 and its national digits after the 0. */
const swissNumber = fc
  .tuple(fc.constantFrom("21", "22", "24", "26", "27", "31", "32", "33", "34", "41", "43", "44", "52", "55", "56", "58", "61", "62", "71", "81", "91", "75", "76", "77", "78", "79"), fc.stringMatching(/^[1-9]\d{6}$/))
  .map(([area, rest]) => ({ national: area + rest, e164: `+41${area}${rest}` }))
  .filter(({ e164 }) => toE164(e164) === e164);

/** The national digits (without the trunk 0) as a desk may write them: grouped with one separator, behind any prefix. */
const writtenSwiss = fc
  .tuple(
    swissNumber,
    fc.constantFrom("0", "+41 ", "+41", "0041 ", "+41 (0)", "0041 (0)", "+41 0", "0041 0", "(0", "(+41) "),
    fc.constantFrom(" ", "", ".", "/", "-", "\u00a0"),
    fc.constantFrom([2, 3, 2, 2], [2, 7], [2, 3, 4], [9]),
  )
  .map(([number, prefix, separator, groups]) => {
    const parts: string[] = [];
    let at = 0;
    for (const size of groups) {
      parts.push(number.national.slice(at, at + size));
      at += size;
    }
    // "(0" opens the area code: "(022) 735 33 92".
    const written = prefix === "(0" ? `(0${parts[0]}) ${parts.slice(1).join(separator)}` : prefix + parts.join(separator);
    return { written: written.trim(), e164: number.e164 };
  });

describe("every spelling of every Swiss number (generated)", () => {
  it("is read as the same E.164 number, whole", () => {
    fc.assert(
      fc.property(writtenSwiss, ({ written, e164 }) => {
        expect(toE164(written)).toBe(e164);
        expect(phoneSearch(written)).toEqual({ from: "start", start: e164, whole: e164 });
      }),
      { numRuns: 500 },
    );
  });

  it("is found from its beginning while it is typed: every prefix reads as the start of its E.164", () => {
    fc.assert(
      fc.property(writtenSwiss, fc.nat(), ({ written, e164 }, cut) => {
        const typed = written.slice(0, 1 + (cut % written.length)).trim();
        const search = phoneSearch(typed);
        if (search === null) return; // fewer than 4 digits: not a number yet
        expect(search.from).toBe("start");
        if (search.from === "start") expect(e164.startsWith(search.start), `${typed} → ${search.start}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("is found from its end by its last digits", () => {
    fc.assert(
      fc.property(swissNumber, fc.integer({ min: 4, max: 8 }), ({ e164 }, count) => {
        const digits = e164.slice(-count);
        fc.pre(!digits.startsWith("0"));
        expect(phoneSearch(digits)).toEqual({ from: "end", digits });
      }),
    );
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
