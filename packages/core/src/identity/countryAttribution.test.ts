import { describe, expect, it } from "vitest";
import { buildPlaceIndex } from "../detect/places/gazetteer";
import {
  activityOffset,
  activitySignals,
  attributeCountry,
  identifierCountrySignals,
} from "./countryAttribution";

const places = buildPlaceIndex(
  [{ city: "Berlin", city_ascii: "Berlin", iso2: "DE", pop: 3_000_000 }],
  { DE: "Germany", PH: "Philippines" },
);
const id = (kind: string, value: string, normalized = value) => ({
  observationId: `o-${kind}`,
  kind,
  value,
  normalized,
});

describe("country attribution", () => {
  it("reads phone codes, country domains and stated places, with reasons", () => {
    const signals = identifierCountrySignals(
      [
        id("phone", "+49 30 1234567", "+49301234567"),
        id("email", "tom@mail.example.de"),
        id("url", "https://shop.example.co.uk/x"),
        id("url", "https://app.example.io"),
        id("place", "berlin"),
      ],
      places,
    );
    expect(signals.map((s) => [s.type, s.country])).toEqual([
      ["phone", "DE"],
      ["email_domain", "DE"],
      ["url_domain", "GB"],
      ["stated_place", "DE"],
    ]);
    expect(signals[0]!.reason).toContain("+49301234567");
  });

  it("shows conflicts instead of averaging them away", () => {
    const attribution = attributeCountry(
      identifierCountrySignals([id("phone", "+639171234567"), id("email", "x@example.de")]),
    );
    expect(attribution.conflict).toBe(true);
    expect(attribution.candidates.map((c) => c.country)).toEqual(["PH", "DE"]);
  });

  it("finds the time zone from the hours of activity", () => {
    // Writes 18:00–23:00 at UTC+8 (10:00–15:00 UTC), never at night there.
    const times = Array.from(
      { length: 30 },
      (_, i) => new Date(Date.UTC(2026, 10, 1 + (i % 10), 10 + (i % 6))),
    );
    const activity = activityOffset(times);
    expect(activity).not.toBeNull();
    const signals = activitySignals(activity, ["PH", "DE"], (c) => (c === "PH" ? [8] : [1]));
    expect(signals.map((s) => s.country)).toEqual(["PH"]);
    expect(activityOffset(times.slice(0, 3))).toBeNull();
  });
});
