import { CREDIBILITY_WORDS, RELIABILITY_WORDS } from "@sweetie/core/identity/admiralty";
import { CLAIM_PREDICATE_WORDS } from "@sweetie/core/identity/claims";
import { IDENTIFIER_KIND_LABELS } from "@sweetie/core/identity/entities";
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import type { Observation } from "../../api/identity";

countries.registerLocale(en);

export { CLAIM_PREDICATE_WORDS, CREDIBILITY_WORDS, IDENTIFIER_KIND_LABELS, RELIABILITY_WORDS };

/** "Germany (DE)", or the code alone when unknown. */
export function countryName(code: string | null): string {
  if (!code) return "Not confirmed";
  const name = countries.getName(code, "en");
  return name ? `${name} (${code})` : code;
}

/** Where an identifier was seen, in words. */
export function provenanceText(observation: Observation): string {
  const p = observation.provenance;
  if (p.type === "message")
    return `Said in the chat (message ${p.seq ?? "?"}, characters ${p.span.start}–${p.span.end})`;
  if (p.type === "network")
    return p.seq !== null
      ? `Recorded by the chat connector with message ${p.seq} (where they connected from)`
      : "Recorded by the chat connector (where they connected from)";
  return "Shown by a finding";
}

export const SIGNAL_LABELS: Record<string, string> = {
  phone: "Phone number",
  ip: "Network address",
  email_domain: "Email domain",
  url_domain: "Web address domain",
  stated_place: "Place they named",
  activity_hours: "Hours of activity",
  language: "Language they write in",
};
