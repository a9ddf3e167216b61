/**
 * Tests that need explicit words live here, under a `lexicon` path (S1): the sexual-request rules,
 * their hard negatives, and the explicit-term spans the console masks (S8).
 */
import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { findExplicitTerms } from "./explicitTerms";

const counterpart = (text: string) => detect(text, { dir: "in" }).map((i) => i.type);
const persona = (text: string) => detect(text, { dir: "out" }).map((i) => i.type);

describe("solicit.sexual with explicit words", () => {
  for (const text of ["strip for me", "be naughty for me", "u r so sexy", "send nudes"]) {
    it(`finds it in ${JSON.stringify(text)}`, () =>
      expect(counterpart(text)).toContain("solicit.sexual"));
  }
  for (const text of [
    "nice striped shirt",
    "i like comic strips",
    "a/s/l? age sex location",
    "what sex are you",
  ]) {
    it(`not in ${JSON.stringify(text)}`, () =>
      expect(counterpart(text)).not.toContain("solicit.sexual"));
  }
});

describe("persona.sexual_topic with explicit words", () => {
  it("flags the persona raising explicit content", () => {
    expect(persona("do u think im sexy")).toContain("persona.sexual_topic");
  });

  it("a name rule never takes an explicit word for a name", () => {
    expect(detect("im horny", { dir: "in" }).map((i) => i.type)).not.toContain("id.name");
  });
});

describe("findExplicitTerms", () => {
  it("finds nothing in ordinary chat", () => {
    expect(findExplicitTerms("hi how was school today")).toEqual([]);
  });

  it("reports spans inside the original text for masking", () => {
    const text = "be SEXY for me, no str1pping";
    const spans = findExplicitTerms(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(["SEXY", "str1pping"]);
  });
});
