import { attributeCountry, languageSignal } from "@sweetie/core/identity/index";
import { describe, expect, it } from "vitest";
import { languageOf } from "./countryAttributionService";

// Country attribution, the language clue (issue 11, build 8): told offline from the counterpart's
// own text, weighed lightly, and shown beside the other clues rather than averaged with them.

describe("the language clue", () => {
  it("tells Tagalog and Dutch from enough text, and nothing from too little", () => {
    const tagalog = [
      "Taga saan ka? Ako si Jun, nagtatrabaho ako sa Maynila",
      "mahilig akong maglaro ng basketball tuwing hapon kasama ang mga kaibigan ko",
      "anong ginagawa mo ngayon, may pasok ka ba bukas sa paaralan",
    ];
    // Tagalog or a close Philippine language (trigrams on chat confuse them): the Philippines.
    expect(languageSignal(languageOf(tagalog))?.country).toBe("PH");
    const dutch = [
      "Ik woon in Amsterdam en ik werk bij een bakkerij in de buurt van het station",
      "wat doe jij eigenlijk in het weekend, ga je vaak naar de stad met je vrienden",
    ];
    expect(languageOf(dutch)?.code).toBe("nld");
    expect(languageOf(["hoi", "hoe gaat het"])).toBeNull();
  });

  it("points a one-country language to its country with a reason, and no country for a world language", () => {
    const signal = languageSignal({ code: "tgl", messages: 3 })!;
    expect(signal).toMatchObject({ type: "language", country: "PH", weight: 1 });
    expect(signal.reason).toMatch(/Tagalog/u);
    expect(languageSignal({ code: "eng", messages: 9 })).toBeNull();
    expect(languageSignal({ code: "nld", messages: 2 })!.reason).toMatch(/also in Belgium/u);
  });

  it("is shown as a conflict beside a phone clue, not averaged away", () => {
    const attribution = attributeCountry([
      languageSignal({ code: "nld", messages: 4 })!,
      {
        type: "phone",
        country: "DE",
        weight: 3,
        reason: "The phone number has the calling code of DE.",
        observationId: null,
      },
    ]);
    expect(attribution.candidates.map((c) => c.country)).toEqual(["DE", "NL"]);
    expect(attribution.conflict).toBe(true);
  });
});
