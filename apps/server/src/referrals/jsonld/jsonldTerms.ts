import { createHash } from "node:crypto";

// The vocabulary of referral.jsonld: the namespaces (INTERCHANGE.md), node IRIs and typed values.
// The context is inline (no remote document to fetch), and every value that is not a plain string
// says its datatype, so the RDF is the same whichever JSON-LD processor reads it.

export const CONTEXT = {
  kb: "urn:sweetie:kb:",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  "case-investigation": "https://ontology.caseontology.org/case/investigation/",
  "uco-core": "https://ontology.unifiedcyberontology.org/uco/core/",
  "uco-observable": "https://ontology.unifiedcyberontology.org/uco/observable/",
  "uco-identity": "https://ontology.unifiedcyberontology.org/uco/identity/",
  "uco-location": "https://ontology.unifiedcyberontology.org/uco/location/",
  "uco-tool": "https://ontology.unifiedcyberontology.org/uco/tool/",
  "uco-action": "https://ontology.unifiedcyberontology.org/uco/action/",
  "uco-role": "https://ontology.unifiedcyberontology.org/uco/role/",
  "uco-types": "https://ontology.unifiedcyberontology.org/uco/types/",
  co: "http://purl.org/co/",
  "cac-core": "https://cacontology.projectvic.org/core#",
  "cacontology-undercover": "https://cacontology.projectvic.org/undercover#",
  "cacontology-international": "https://cacontology.projectvic.org/international#",
} as const;

export type JsonValue = string | number | boolean | JsonNode | JsonRef | TypedValue | JsonValue[];
export interface JsonRef {
  "@id": string;
}
export interface TypedValue {
  "@type": string;
  "@value": string;
}
export interface JsonNode {
  "@id": string;
  "@type": string | string[];
  [property: string]: JsonValue;
}

// The namespace of Sweetie's name-based node ids (RFC 4122 version 5): fixed, so one record
// always gets the same IRI, in every package.
const NAMESPACE = Buffer.from("6f1c2a4e9b3d5f70a1c2e3d4b5a69788", "hex");

/** RFC 4122 version-5 UUID of a name in Sweetie's namespace. */
export function uuidV5(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A node's IRI: `kb:<kind>-<uuid>`, the UUID named by the kind and the record's keys (a record's
 * own id, the package id, a hash), so it is stable and ends in a UUID as UCO asks.
 */
export function iri(kind: string, ...keys: readonly (string | number)[]): string {
  return `kb:${kind}-${uuidV5([kind, ...keys].join("/"))}`;
}

export const ref = (id: string): JsonRef => ({ "@id": id });
export const refs = (ids: readonly string[]): JsonRef[] => ids.map(ref);

const typed = (type: string) => (value: string | number | boolean) => ({
  "@type": type,
  "@value": String(value),
});

/** An instant as xsd:dateTime in UTC; Postgres' "+00" offsets become "Z". */
export function dateTime(value: string | Date): TypedValue {
  const text = typeof value === "string" ? value : value.toISOString();
  return typed("xsd:dateTime")(text.replace(/\+00(:?00)?$/, "Z"));
}
export const hexBinary = (hex: string) => typed("xsd:hexBinary")(hex.toUpperCase());
export const integer = typed("xsd:integer");
export const nonNegativeInteger = typed("xsd:nonNegativeInteger");
export const positiveInteger = typed("xsd:positiveInteger");
export const boolean = typed("xsd:boolean");
