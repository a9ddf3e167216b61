import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { parse as parseDomain } from "tldts";
import { placeKey, type PlaceIndex } from "../detect/places/gazetteer";

// Country attribution with reasons: each clue gives a country with a weight and a sentence an
// analyst can check. Conflicting clues are shown side by side, never averaged into one answer;
// the analyst confirms the country.

export type CountrySignalType =
  "phone" | "ip" | "email_domain" | "url_domain" | "stated_place" | "activity_hours" | "language";

export interface CountrySignal {
  type: CountrySignalType;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** How much the clue weighs (phone 3, stated city or IP 2, country domain 1.5, hours 1). */
  weight: number;
  /** What the clue is and why it points there, in words. */
  reason: string;
  /** The observation the clue comes from, when it is one. */
  observationId: string | null;
}

/** Country-code domains that are used worldwide as generic names: no country clue. */
const GENERIC_CC_DOMAINS = new Set([
  "io",
  "co",
  "tv",
  "me",
  "ai",
  "ly",
  "fm",
  "gg",
  "cc",
  "ws",
  "to",
  "sh",
  "app",
  "xyz",
]);

const ccOfSuffix = (suffix: string): string | null => {
  const last = suffix.split(".").at(-1)!.toLowerCase();
  if (last.length !== 2 || GENERIC_CC_DOMAINS.has(last)) return null;
  return last === "uk" ? "GB" : last.toUpperCase();
};

export interface IdentifierForCountry {
  observationId: string | null;
  kind: string;
  value: string;
  normalized: string;
}

/** The clues the identifiers give: phone numbers, email and web domains, stated places. */
export function identifierCountrySignals(
  identifiers: readonly IdentifierForCountry[],
  places?: PlaceIndex,
): CountrySignal[] {
  const signals: CountrySignal[] = [];
  for (const id of identifiers) {
    const observationId = id.observationId;
    if (id.kind === "phone") {
      const country = parsePhoneNumberFromString(id.normalized)?.country;
      if (country) {
        signals.push({
          type: "phone",
          country,
          weight: 3,
          reason: `The phone number ${id.normalized} has the calling code of ${country}.`,
          observationId,
        });
      }
    } else if (id.kind === "email" || id.kind === "url") {
      const host = id.kind === "email" ? id.normalized.split("@").at(-1)! : id.normalized;
      const suffix = parseDomain(host).publicSuffix;
      const country = suffix ? ccOfSuffix(suffix) : null;
      if (country) {
        signals.push({
          type: id.kind === "email" ? "email_domain" : "url_domain",
          country,
          weight: 1.5,
          reason: `The ${id.kind === "email" ? "email address" : "web address"} ${id.value} ends in .${suffix}, the domain of ${country}.`,
          observationId,
        });
      }
    } else if (id.kind === "place" && places) {
      const place = places.get(placeKey(id.value));
      if (place) {
        signals.push({
          type: "stated_place",
          country: place.country,
          weight: place.kind === "city" ? 2 : 1.5,
          reason: `The subject named ${place.name} (${place.kind}), in ${place.country}.`,
          observationId,
        });
      }
    }
  }
  return signals;
}

// How much people write at each local hour, relative to each other (little at night, most in the
// evening): a typical chat-activity profile, used only to rank offsets.
const LOCAL_ACTIVITY = [
  0.8, 0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 0.7, 0.8, 0.9, 1, 1, 1, 1, 1, 1, 1.1, 1.2, 1.3, 1.3, 1.3,
  1.2, 1,
];

/**
 * The UTC offset (whole hours) whose local hours best fit when someone writes (a typical day:
 * little at night, most in the evening). Null with fewer than 8 messages: too few to say.
 * `quietShare` is the share of messages written between 01:00 and 07:00 at that offset.
 */
export function activityOffset(
  times: readonly Date[],
): { offset: number; quietShare: number } | null {
  if (times.length < 8) return null;
  const hours = new Array<number>(24).fill(0);
  for (const time of times) hours[time.getUTCHours()]!++;
  const localHour = (utc: number, offset: number) => (((utc + offset) % 24) + 24) % 24;
  let best = { offset: 0, score: -1 };
  for (let offset = -12; offset <= 14; offset++) {
    let score = 0;
    for (let utc = 0; utc < 24; utc++)
      score += hours[utc]! * LOCAL_ACTIVITY[localHour(utc, offset)]!;
    if (score > best.score) best = { offset, score };
  }
  let quiet = 0;
  for (let utc = 0; utc < 24; utc++) {
    const local = localHour(utc, best.offset);
    if (local >= 1 && local < 7) quiet += hours[utc]!;
  }
  return { offset: best.offset, quietShare: quiet / times.length };
}

const formatOffset = (offset: number) => `UTC${offset >= 0 ? "+" : "−"}${Math.abs(offset)}`;

/**
 * For each country other clues point to: whether the hours of activity fit one of its time
 * zones (`offsetsOf` gives a country's UTC offsets in whole hours).
 */
export function activitySignals(
  activity: { offset: number; quietShare: number } | null,
  candidates: readonly string[],
  offsetsOf: (country: string) => readonly number[],
): CountrySignal[] {
  if (!activity) return [];
  return candidates.flatMap((country) => {
    const offsets = offsetsOf(country);
    if (!offsets.some((o) => Math.abs(o - activity.offset) <= 1)) return [];
    return [
      {
        type: "activity_hours" as const,
        country,
        weight: 1,
        reason: `The subject writes at hours that fit ${formatOffset(activity.offset)}, a time zone of ${country}.`,
        observationId: null,
      },
    ];
  });
}

export interface CountryCandidate {
  country: string;
  score: number;
  signals: CountrySignal[];
}

export interface CountryAttribution {
  /** Every country a clue points to, strongest first. */
  candidates: CountryCandidate[];
  /** True when clues point to more than one country: shown, never averaged away. */
  conflict: boolean;
}

/** Groups the clues by country; the analyst sees each country with its reasons. */
export function attributeCountry(signals: readonly CountrySignal[]): CountryAttribution {
  const byCountry = new Map<string, CountryCandidate>();
  for (const signal of signals) {
    const candidate = byCountry.get(signal.country) ?? {
      country: signal.country,
      score: 0,
      signals: [],
    };
    candidate.score += signal.weight;
    candidate.signals.push(signal);
    byCountry.set(signal.country, candidate);
  }
  const candidates = [...byCountry.values()].sort(
    (a, b) => b.score - a.score || a.country.localeCompare(b.country),
  );
  return { candidates, conflict: candidates.length > 1 };
}

/**
 * Languages spoken mainly in one country (ISO 639-3 → ISO 3166-1), and where else they are.
 * Languages of many countries (English, Spanish, Portuguese, Arabic, Russian…) give no clue.
 */
const LANGUAGE_COUNTRIES: Record<string, { name: string; country: string; alsoIn?: string }> = {
  tgl: { name: "Tagalog", country: "PH" },
  // Trigram detectors confuse the Philippine languages on short chat: all point to PH.
  ceb: { name: "Cebuano", country: "PH" },
  ilo: { name: "Ilocano", country: "PH" },
  hil: { name: "Hiligaynon", country: "PH" },
  nld: { name: "Dutch", country: "NL", alsoIn: "Belgium and Suriname" },
  deu: { name: "German", country: "DE", alsoIn: "Austria and Switzerland" },
  fra: {
    name: "French",
    country: "FR",
    alsoIn: "Belgium, Switzerland, Canada and parts of Africa",
  },
  ita: { name: "Italian", country: "IT", alsoIn: "Switzerland" },
  pol: { name: "Polish", country: "PL" },
  swe: { name: "Swedish", country: "SE", alsoIn: "Finland" },
  dan: { name: "Danish", country: "DK" },
  nob: { name: "Norwegian", country: "NO" },
  fin: { name: "Finnish", country: "FI" },
  ces: { name: "Czech", country: "CZ" },
  hun: { name: "Hungarian", country: "HU" },
  ron: { name: "Romanian", country: "RO", alsoIn: "Moldova" },
  ell: { name: "Greek", country: "GR", alsoIn: "Cyprus" },
  tur: { name: "Turkish", country: "TR" },
  ukr: { name: "Ukrainian", country: "UA" },
  jpn: { name: "Japanese", country: "JP" },
  kor: { name: "Korean", country: "KR" },
  tha: { name: "Thai", country: "TH" },
  vie: { name: "Vietnamese", country: "VN" },
  ind: { name: "Indonesian", country: "ID" },
};

/**
 * The clue the language of the counterpart's messages gives (detected offline from their own
 * text), weight 1: a language spoken mainly in one country points there; the reason says where
 * else it is spoken, since people write in a language wherever they live.
 */
export function languageSignal(
  language: { code: string; messages: number } | null,
): CountrySignal | null {
  if (!language) return null;
  const known = LANGUAGE_COUNTRIES[language.code];
  if (!known) return null;
  return {
    type: "language",
    country: known.country,
    weight: 1,
    reason:
      `Their ${language.messages} messages are written in ${known.name}, spoken mainly in ${known.country}` +
      (known.alsoIn ? ` (also in ${known.alsoIn}).` : ".") +
      " People write in a language wherever they live.",
    observationId: null,
  };
}
