import {
  OUTCOME_WORDS,
  STATUS_WORDS,
  type ReferralStatus,
  type ReferralStep,
} from "@sweetie/core/referral/lifecycle";
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import type { BadgeTone } from "../../components/Badge";

countries.registerLocale(en);

export { OUTCOME_WORDS, STATUS_WORDS };

/** Every assigned ISO 3166-1 alpha-2 code with its English name, sorted by name. */
export function countryOptions(): { code: string; name: string }[] {
  return Object.entries(countries.getNames("en", { select: "official" }))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
}

/** "Germany (DE)", or the code alone when unknown. */
export function countryLabel(code: string): string {
  const name = countries.getName(code, "en");
  return name ? `${name} (${code})` : code;
}

/** The badge tone of a status: done looks settled, a draft looks unfinished. */
export const STATUS_TONE: Record<ReferralStatus, BadgeTone> = {
  draft: "neutral",
  released: "training",
  sent: "active",
  acknowledged: "active",
  outcome: "closed",
};

/** A status in a few words, for the progress line and "already in another referral (…)". */
export const STATUS_SHORT: Record<ReferralStatus, string> = {
  draft: "Draft",
  released: "Released",
  sent: "Sent",
  acknowledged: "Acknowledged",
  outcome: "Outcome",
};

export const STATUS_IN_WORDS: Record<ReferralStatus, string> = {
  draft: "a draft",
  released: "released",
  sent: "sent",
  acknowledged: "acknowledged by the agency",
  outcome: "with an outcome",
};

export const STEP_WORDS: Record<ReferralStep, string> = {
  drafted: "Drafted",
  draft_changed: "Draft changed",
  released: "Released (package built and signed)",
  sent: "Sent to the agency",
  acknowledged: "Acknowledged by the agency",
  outcome: "Outcome recorded",
};

/** The first and last characters of a hash, enough to compare by eye (the full one is in a title). */
export function shortHash(hex: string): string {
  return hex.length > 20 ? `${hex.slice(0, 12)}…${hex.slice(-8)}` : hex;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Today as YYYY-MM-DD in the reader's own time zone (what a date field shows). */
export function today(now: Date = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** "1 subject", "3 subjects". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}
