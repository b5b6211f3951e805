import fc from "fast-check";
import type { z } from "zod";

/**
 * Valid (and boundary) input for a zod 4 schema, found by walking its definition
 * (`schema._zod.def`): objects, enums, bounds, regexes and formats give the shape; a field whose
 * meaning the schema cannot tell (an id that must exist, a phone number, a date) is asked of
 * `fieldArb` by its key first.
 */

/** Given a field's key and its schema, an arbitrary for it, or undefined to walk the schema. */
export type FieldArb = (key: string, schema: z.ZodType) => fc.Arbitrary<unknown> | undefined;

interface Def {
  type: string;
  [k: string]: any;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Def[] => (def.checks ?? []).map((c: { _zod: { def: Def } }) => c._zod.def);

/** The type a value must have on the way in: through optional, default, nullable and pipes. */
export function baseType(schema: z.ZodType): string {
  const def = defOf(schema);
  if (def.type === "optional" || def.type === "default" || def.type === "nullable") return baseType(def.innerType);
  if (def.type === "pipe") return baseType(def.in);
  return def.type;
}

/** Required keys of an object schema: not optional and without a default. */
function isOptional(schema: z.ZodType): boolean {
  const t = defOf(schema).type;
  return t === "optional" || t === "default";
}

/** A short text, often with the characters that break rendering and searching. */
function textArb(min: number, max: number): fc.Arbitrary<string> {
  const room = Math.min(max, 40);
  const arbs: fc.Arbitrary<string>[] = [fc.string({ minLength: min, maxLength: Math.max(min, room) }), fc.string({ unit: "grapheme", minLength: min, maxLength: Math.max(min, room) })];
  const edges = [min > 0 ? "x".repeat(min) : "", "é".repeat(max <= 100_000 ? max : 100), "Zoé Müller-Ŝ 👩‍💻 عربي", "O'Brien <b>&amp;</b>", "'; DROP TABLE people; --"].filter((s) => s.length >= min && s.length <= max);
  if (edges.length) arbs.push(fc.constantFrom(...edges));
  return fc.oneof(...arbs);
}

function stringArb(schema: z.ZodType, def: Def): fc.Arbitrary<string> {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  let pattern: RegExp | undefined;
  for (const check of checksOf(def)) {
    if (check.check === "min_length") min = Math.max(min, check.minimum);
    else if (check.check === "max_length") max = Math.min(max, check.maximum);
    else if (check.check === "length_equals") min = max = check.length;
    else if (check.check === "string_format" && check.format === "regex") pattern = check.pattern;
  }
  const fit = (a: fc.Arbitrary<string>) => a.filter((s) => s.length >= min && s.length <= max);
  switch (def.format) {
    case "email":
      return fit(fc.emailAddress());
    case "uuid":
      return fc.uuid({ version: 4 });
    case "url":
      return fit(fc.webUrl());
    case "date":
      return fc.date({ min: new Date(Date.UTC(1890, 0, 1)), max: new Date(Date.UTC(2210, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  }
  if (pattern) {
    try {
      return fit(fc.stringMatching(pattern));
    } catch {
      // A regex fast-check cannot invert (unicode classes): plain text, often refused, still useful.
    }
  }
  return textArb(min, Number.isFinite(max) ? max : 200);
}

function numberArb(def: Def): fc.Arbitrary<number> {
  let min = -Number.MAX_SAFE_INTEGER;
  let max = Number.MAX_SAFE_INTEGER;
  for (const check of checksOf(def)) {
    if (check.check === "greater_than") min = Math.max(min, check.inclusive ? check.value : check.value + 1);
    else if (check.check === "less_than") max = Math.min(max, check.inclusive ? check.value : check.value - 1);
  }
  const edges = [min, max, min + 1, max - 1, 0, 1].filter((n) => n >= min && n <= max);
  const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) });
  return fc.oneof({ weight: 3, arbitrary: min <= 1000 && max >= -1000 ? small : fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

export function fromSchema(schema: z.ZodType, fieldArb: FieldArb, key = ""): fc.Arbitrary<unknown> {
  const byKey = key ? fieldArb(key, schema) : undefined;
  if (byKey) return byKey;
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
      return fromSchema(def.innerType, fieldArb, key);
    case "nullable":
      return fc.oneof({ weight: 4, arbitrary: fromSchema(def.innerType, fieldArb, key) }, { weight: 1, arbitrary: fc.constant(null) });
    case "pipe": {
      // A transform's output cannot be generated: generate what it reads (its input side).
      const out = defOf(def.out).type;
      if (out === "transform") return fromSchema(def.in, fieldArb, key);
      const inner = defOf(def.in).type;
      return inner === "pipe" || inner === "string" ? fromSchema(def.out, fieldArb, key).filter((v) => typeof v === "string") : fromSchema(def.in, fieldArb, key);
    }
    case "object": {
      const shape = def.shape as Record<string, z.ZodType>;
      const model = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, fromSchema(s, fieldArb, k)]));
      const requiredKeys = Object.keys(shape).filter((k) => !isOptional(shape[k]!));
      return fc.record(model, { requiredKeys });
    }
    case "union":
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => fromSchema(o, fieldArb, key)));
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "boolean":
      return fc.boolean();
    case "number":
      return numberArb(def);
    case "string":
      return stringArb(schema, def);
    case "array": {
      let min = 0;
      let max = 5;
      for (const check of checksOf(def)) {
        if (check.check === "min_length") min = check.minimum;
        else if (check.check === "max_length") max = Math.min(check.maximum, Math.max(min, 6));
      }
      // The element is generated under the array's key: `phones` holds phone numbers.
      return fc.array(fromSchema(def.element, fieldArb, key), { minLength: min, maxLength: Math.max(min, max) });
    }
    case "null":
      return fc.constant(null);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}
