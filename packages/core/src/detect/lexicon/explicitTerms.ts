/** Spans of explicit terms in a message, so the console can mask them (S8). */
import { normalizeInto, originalSpan } from "../normalize";
import { explicitSpansIn } from "./sexualLexicon";

export function findExplicitTerms(text: string): Array<{ start: number; end: number }> {
  const n = normalizeInto(text);
  return explicitSpansIn(n.text).map((s) => originalSpan(n, s.start, s.end));
}
