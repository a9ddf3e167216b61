import canonicalize from "canonicalize";
import { utf8 } from "./bytes";

/** A JSON value as it appears in a ledger entry: no Dates, no undefined, no functions. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * RFC 8785 (JCS) canonical JSON: keys sorted by UTF-16 code units, no whitespace, ECMAScript
 * number formatting, minimal string escaping. Lone surrogates, NaN and Infinity are refused,
 * because they have no canonical form and would make two verifiers disagree.
 *
 * The `canonicalize` package (v5) does the serialization; it declares Node >= 22 in its engines
 * but needs only String.prototype.isWellFormed, which Node 20 has. v2.1 was not chosen: it
 * accepts lone surrogates (RFC 8785 §3.2.2.2 requires rejecting them) and has no cycle check.
 */
export function canonicalJson(value: JsonValue): string {
  assertPlainJson(value, "$");
  const text = canonicalize(value);
  if (text === undefined) throw new Error("value has no JSON form");
  return text;
}

export function canonicalBytes(value: JsonValue): Uint8Array {
  return utf8(canonicalJson(value));
}

// The serializer would silently call toJSON (Dates) or drop undefined members; an entry must
// be exactly the JSON it claims to be, so anything else is a programming error.
function assertPlainJson(value: unknown, path: string): void {
  if (value === null || typeof value === "boolean" || typeof value === "string") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${path}: ${value} has no JSON form`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertPlainJson(item, `${path}[${i}]`));
    return;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    // for..in without an entries array: every append walks each entry once (the hot path).
    const object = value as Record<string, unknown>;
    for (const key in object) assertPlainJson(object[key], `${path}.${key}`);
    return;
  }
  throw new Error(`${path}: ${typeof value} is not plain JSON`);
}
