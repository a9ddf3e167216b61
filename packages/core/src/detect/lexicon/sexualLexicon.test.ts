/**
 * Tests that need explicit words live here, under a `lexicon` path (S1): the sexual-request rules,
 * sexual talk,
 * their hard negatives, and the explicit-term spans the console masks (S8).
 */
import { describe, expect, it } from "vitest";
import { detect } from "../detect";
import { findExplicitTerms } from "./explicitTerms";
import { assessMessage, startAssessment, summarize } from "../../protocol/assessment";

const counterpart = (text: string) => detect(text, { dir: "in" }).map((i) => i.type);
const persona = (text: string) => detect(text, { dir: "out" }).map((i) => i.type);

describe("solicit.sexual: a request, offer or demand addressed to the persona", () => {
  for (const text of [
    "strip for me",
    "be naughty for me",
    "send nudes",
    "take off ur shirt",
    "can u get n@ked for me",
    "i want to see u naked",
    "wanna have sex?",
    "show me ur body",
    "lets make out",
    "tell me something sexy",
    "u want to see my dick?",
    "can you touch yourself",
    "i will pay you to take it all off",
    "send me a bikini pic",
    "wanna talk about something naughty?",
  ]) {
    it(`finds it in ${JSON.stringify(text)}`, () =>
      expect(counterpart(text)).toContain("solicit.sexual"));
  }
  // Insults, expletives, third persons and talk that asks for nothing are not solicitations.
  for (const text of [
    "nice striped shirt",
    "i like comic strips",
    "a/s/l? age sex location",
    "what sex are you",
    "u r so sexy",
    "fuck you",
    "shut the fuck up",
    "i kicked his ass last night",
    "get your butt over here to the party",
    "cum to the party later",
    "sex, drugs and rock n roll",
    "i dont want hot pics of anyone",
    "what a dick",
    "he was mad no one was horny",
    "the movie had a naked guy in it",
  ]) {
    it(`not in ${JSON.stringify(text)}`, () =>
      expect(counterpart(text)).not.toContain("solicit.sexual"));
  }
});

describe("sexual.talk: explicit language directed at the persona that asks for nothing", () => {
  for (const text of [
    "u r so sexy",
    "are you horny?",
    "what size bra do u wear",
    "i am so horny",
  ]) {
    it(`finds it in ${JSON.stringify(text)}`, () => {
      const types = counterpart(text);
      expect(types).toContain("sexual.talk");
      expect(types).not.toContain("solicit.sexual");
    });
  }
  for (const text of [
    "fuck you",
    "what the fuck",
    "ill kick your ass",
    "my body hurts",
    "hi how r u",
  ]) {
    it(`not in ${JSON.stringify(text)}`, () =>
      expect(counterpart(text)).not.toContain("sexual.talk"));
  }
  it("is not reported beside a solicitation in the same message", () => {
    expect(counterpart("u r so sexy, take off ur shirt")).toEqual(["solicit.sexual"]);
  });
  it("never moves the stage and never sets no_prior_age_statement", () => {
    let state = startAssessment("counterpart");
    for (const [dir, text] of [
      ["in", "u r so sexy"],
      ["out", "im 10"],
    ] as const)
      state = assessMessage(state, { dir, text }, detect(text, { dir }));
    expect(summarize(state)).toEqual({
      stage: "age_stated",
      brokenOff: false,
      proposed: false,
      flags: [],
    });
  });
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
