import {
  activityOffset,
  activitySignals,
  attributeCountry,
  canonicalIp,
  identifierCountrySignals,
  languageSignal,
  type CountryAttribution,
  type CountrySignal,
} from "@sweetie/core/identity/index";
import { loadPlaceIndex } from "@sweetie/core/detect/places/gazetteer";
import { franc } from "franc-min";
import { createRequire } from "node:module";
import type { DbOrTrx } from "../db/database";
import { ipCountry, GEOIP_DATABASE_DATE } from "./ipCountry";
import { subjectMembers } from "./subjectGroups";

const require = createRequire(import.meta.url);
let zonesByCountry: Map<string, string[]> | undefined;

/** A country's time zones' UTC offsets now, in whole hours (from the city-timezones data). */
function offsetsOf(country: string): number[] {
  if (!zonesByCountry) {
    zonesByCountry = new Map();
    const cities = require("city-timezones/data/cityMap.json") as {
      iso2: string;
      timezone: string;
    }[];
    for (const city of cities) {
      const zones = zonesByCountry.get(city.iso2) ?? [];
      if (!zones.includes(city.timezone)) zones.push(city.timezone);
      zonesByCountry.set(city.iso2, zones);
    }
  }
  const now = new Date();
  return (zonesByCountry.get(country) ?? []).flatMap((timeZone) => {
    try {
      const name = new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "shortOffset" })
        .formatToParts(now)
        .find((p) => p.type === "timeZoneName")?.value;
      const match = /GMT([+-]\d+)?/u.exec(name ?? "");
      return match ? [Number(match[1] ?? 0)] : [];
    } catch {
      return [];
    }
  });
}

/** Counterpart text needed before its language is told (trigrams are unreliable on less). */
const LANGUAGE_MIN_CHARACTERS = 120;

/**
 * The language of the counterpart's own messages, detected offline (franc-min trigrams over
 * their text), or null when there is too little text or it cannot be told.
 */
export function languageOf(bodies: readonly string[]): { code: string; messages: number } | null {
  const text = bodies.join("\n");
  if (text.replace(/\s+/gu, "").length < LANGUAGE_MIN_CHARACTERS) return null;
  const code = franc(text, { minLength: LANGUAGE_MIN_CHARACTERS });
  return code === "und" ? null : { code, messages: bodies.length };
}

export interface SubjectCountryAttribution extends CountryAttribution {
  /** The IP database's date, for the IP clues. */
  ipDatabaseDate: string;
  /** The UTC offset the hours of activity fit, when there were enough messages. */
  activity: { offset: number; quietShare: number; messages: number } | null;
}

/**
 * The country clues of a subject (and the subjects merged into it): phone codes, email and web
 * domains, places they stated, the IP country of network origins (offline database, dated),
 * whether the hours of activity fit each country's time zones, and the language they write in.
 */
export async function attributeSubjectCountry(
  db: DbOrTrx,
  subjectId: string,
): Promise<SubjectCountryAttribution> {
  const members = (await subjectMembers(db, [subjectId])).get(subjectId) ?? [subjectId];
  const observations = await db
    .selectFrom("observations")
    .select(["id", "kind", "value", "normalized"])
    .where("subject_id", "in", members)
    .orderBy("created_at")
    .execute();
  const signals: CountrySignal[] = identifierCountrySignals(
    observations.map((o) => ({
      observationId: o.id,
      kind: o.kind,
      value: o.value,
      normalized: o.normalized,
    })),
    await loadPlaceIndex(),
  );
  for (const o of observations.filter((o) => o.kind === "network_origin")) {
    const host = o.normalized
      .replace(/^[a-z]+:/u, "")
      .split("@")
      .at(-1)!;
    const ip = canonicalIp(host);
    const found = ip ? ipCountry(ip) : null;
    if (found) {
      signals.push({
        type: "ip",
        country: found.country,
        weight: 2,
        reason: `The connection came from ${ip}, registered in ${found.country} (IP database of ${found.databaseDate}; a VPN would hide the real country).`,
        observationId: o.id,
      });
    }
  }
  const times = await db
    .selectFrom("messages")
    .innerJoin(
      "subject_conversations",
      "subject_conversations.conversation_id",
      "messages.conversation_id",
    )
    .select(["messages.created_at", "messages.body"])
    .where("subject_conversations.subject_id", "in", members)
    .where("messages.direction", "=", "in")
    .execute();
  const activity = activityOffset(times.map((t) => t.created_at));
  const language = languageSignal(languageOf(times.map((t) => t.body)));
  if (language) signals.push(language);
  const candidates = [...new Set(signals.map((s) => s.country))];
  signals.push(...activitySignals(activity, candidates, offsetsOf));
  return {
    ...attributeCountry(signals),
    ipDatabaseDate: GEOIP_DATABASE_DATE,
    activity: activity ? { ...activity, messages: times.length } : null,
  };
}
