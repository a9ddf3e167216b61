import { findExplicitTerms } from "@sweetie/core/detect/lexicon/explicitTerms";

// Its own module (not reportContent.ts) so that referral.jsonld's thread bundles only this.

/** Replaces explicit terms with a mask, so the report can be read without exposure (S8). */
export function maskExplicit(text: string): string {
  const spans = findExplicitTerms(text);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    out += `${text.slice(at, span.start)}[masked]`;
    at = span.end;
  }
  return out + text.slice(at);
}
