import fc from "fast-check";

/** The part of JSON Schema the OpenAPI document's request schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  contentEncoding?: string;
  additionalProperties?: boolean | JsonSchema;
}

/** Ids the fuzzer knows exist, offered for string fields of their name (so requests get deep). */
export type KnownIds = Record<string, readonly string[]>;

// Text that has broken servers: NUL, halves of surrogate pairs, direction overrides, markup,
// injection-shaped strings, long and huge strings.
const HOSTILE_TEXT = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\ud83d",
  "\u202eevil",
  "😀".repeat(40),
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "%00",
  "../../etc/passwd",
  "\r\nX-Injected: 1",
  "x".repeat(5_000),
];
const HUGE_TEXT = "h".repeat(300_000);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(HUGE_TEXT) },
);

/** Anything of the wrong type, or nothing. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, -1, 1e308, [], {}),
  fc.anything({ maxDepth: 2 }),
);

function stringOf(schema: JsonSchema, field: string, known: KnownIds): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [];
  const ids = known[field];
  if (ids?.length) options.push(fc.constantFrom(...ids));
  if (schema.format === "uuid") options.push(fc.uuid());
  else if (schema.format === "date-time") {
    options.push(
      fc
        .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString()),
    );
  } else if (schema.format === "email") options.push(fc.emailAddress());
  else if (schema.contentEncoding === "base64") options.push(fc.base64String({ maxLength: 200 }));
  else if (schema.pattern) {
    try {
      options.push(fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length < 2000));
    } catch {
      // A pattern fast-check cannot generate from: plain strings below still cover the field.
    }
  }
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 80, 200));
  options.push(fc.string({ minLength: min, maxLength: max }));
  return fc.oneof(...options);
}

/** Values valid for `schema` most of the time, hostile or of the wrong type the rest. */
export function valueFor(
  schema: JsonSchema | undefined,
  known: KnownIds,
  field = "",
  depth = 0,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: validFor(schema ?? {}, known, field, depth) },
    { weight: 1, arbitrary: wrongValue },
  );
}

function validFor(
  schema: JsonSchema,
  known: KnownIds,
  field: string,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return fc.oneof(...union.map((s) => validFor(s, known, field, depth)));
  if (schema.allOf?.length)
    return validFor(Object.assign({}, ...schema.allOf), known, field, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return stringOf(schema, field, known);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      if (depth > 3) return fc.constant([]);
      return fc.array(valueFor(schema.items, known, field, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case "object":
    case undefined: {
      if (depth > 3 || !schema.properties)
        return fc.dictionary(fc.string(), wrongValue, { maxKeys: 2 });
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties).map(
        ([name, property]) =>
          [name, valueFor(property, known, name, depth + 1), required.has(name)] as const,
      );
      const record = fc.record(Object.fromEntries(entries.map(([n, arb]) => [n, arb])), {
        requiredKeys: entries.filter(([, , req]) => req).map(([n]) => n),
      });
      // Sometimes a key the schema does not know, or one it needs left out.
      return fc.oneof(
        { weight: 6, arbitrary: record },
        {
          weight: 1,
          arbitrary: fc
            .tuple(record, hostileString, wrongValue)
            .map(([value, key, extra]) => ({ ...(value as object), [key || "extra"]: extra })),
        },
      );
    }
    default:
      return wrongValue;
  }
}
