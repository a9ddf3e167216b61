/**
 * The persona consistency guard (S2): typed persona text that contradicts the persona's declared
 * facts (another age, another place) is held with a warning until the operator confirms it. A
 * persona that is 10 in one message and 13 in the next, or from Cebu and then from Manila, hands
 * the defence an argument that the investigators were careless or that the child was not
 * credible. The guard only warns: it never rewrites what the operator typed.
 *
 * Pure: the place index comes in as an argument (the caller loads it).
 */
import { detect } from "../detect/detect";
import { findLocation } from "../detect/identifiers/selfDisclosures";
import { normalizeInto } from "../detect/normalize";
import { placeKey, type PlaceIndex } from "../detect/places/gazetteer";
import { AGE_WORDS } from "../detect/rules/personaRules";
import type { Indicator } from "../detect/types";

/** What the persona is declared to be (the operation's persona record). */
export interface PersonaFacts {
  age: number;
  /** "Cebu, Philippines"; empty or "unspecified" when none was declared. */
  location: string;
}

export type ConsistencyWarning =
  | { kind: "age"; stated: number; declared: number; start: number; end: number; message: string }
  | {
      kind: "location";
      stated: string;
      declared: string;
      start: number;
      end: number;
      message: string;
    };

const GRADE = /\b(?:grade|gr|year|yr|class|standard|std|grader|first|second|third|fourth|fifth)\b/;
const AGE_NUMBER = new RegExp(`\\b(\\d{1,2}|${Object.keys(AGE_WORDS).join("|")})\\b`);

/** Every contradiction of the persona's declared age or place in a message the persona would send. */
export function checkPersonaConsistency(
  text: string,
  persona: PersonaFacts,
  places: PlaceIndex | undefined,
): ConsistencyWarning[] {
  if (text.trim().length === 0) return [];
  return [...ageWarnings(text, persona.age), ...locationWarnings(text, persona.location, places)];
}

function ageWarnings(text: string, declared: number): ConsistencyWarning[] {
  const warnings: ConsistencyWarning[] = [];
  for (const indicator of detect(text, { dir: "out" })) {
    if (indicator.type !== "persona.age_statement") continue;
    const said = normalizeInto(text.slice(indicator.start, indicator.end)).text;
    // A school grade is not an age: a 10-year-old in grade 5 says "grade 5".
    if (GRADE.test(said)) continue;
    const number = AGE_NUMBER.exec(said)?.[1];
    if (number === undefined) continue;
    const stated = /^\d+$/.test(number) ? Number(number) : AGE_WORDS[number];
    if (stated === undefined || stated === declared) continue;
    warnings.push({
      kind: "age",
      stated,
      declared,
      start: indicator.start,
      end: indicator.end,
      message: `The persona is ${declared}, but this message says ${stated}.`,
    });
  }
  return warnings;
}

interface DeclaredPlace {
  keys: Set<string>;
  countries: Set<string>;
}

function declaredPlace(location: string, places: PlaceIndex): DeclaredPlace | undefined {
  const parts = location
    .split(/[,;/]/)
    .map((part) => placeKey(part))
    .filter((part) => part.length > 0 && part !== "unspecified");
  const countries = new Set<string>();
  for (const part of parts) {
    const place = places.get(part);
    if (place !== undefined) countries.add(place.country);
  }
  // A location the gazetteer does not know cannot be compared: no warning rather than a wrong one.
  if (countries.size === 0) return undefined;
  return { keys: new Set(parts), countries };
}

function locationWarnings(
  text: string,
  location: string,
  places: PlaceIndex | undefined,
): ConsistencyWarning[] {
  if (places === undefined) return [];
  const declared = declaredPlace(location, places);
  if (declared === undefined) return [];
  const found: Indicator[] = [];
  // The same reading as for a counterpart's own place ("i live in", "taga", "from"): the persona
  // saying where she is.
  findLocation(text, normalizeInto(text), places, found);
  const warnings: ConsistencyWarning[] = [];
  for (const indicator of found) {
    if (indicator.type !== "id.location" || indicator.value === undefined) continue;
    const key = placeKey(indicator.value);
    if (declared.keys.has(key)) continue;
    const place = places.get(key);
    // Naming the country, or the province, of the declared place is consistent with it.
    if (place && place.kind !== "city" && declared.countries.has(place.country)) continue;
    warnings.push({
      kind: "location",
      stated: indicator.value,
      declared: location,
      start: indicator.start,
      end: indicator.end,
      message: `The persona lives in ${location}, but this message says ${indicator.value}.`,
    });
  }
  return warnings;
}
