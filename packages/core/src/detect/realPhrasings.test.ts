/**
 * Phrasings of real chat the detector used to miss, one category each, with hard negatives. The
 * lines are our own paraphrases of the kinds of things people write (never lines of a corpus),
 * short and non-graphic (S1). Sexual ones, which need explicit words, are in
 * lexicon/sexualLexicon.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { detect } from "./detect";
import { loadPlaceIndex } from "./places/gazetteer";
import type { IndicatorType } from "./types";

// The gazetteer takes a few seconds to load on a busy machine.
beforeAll(async () => {
  await loadPlaceIndex();
}, 60_000);

const types = (text: string): IndicatorType[] => detect(text, { dir: "in" }).map((i) => i.type);

interface Category {
  type: IndicatorType;
  positives: string[];
  negatives: string[];
}

const categories: Record<string, Category> = {
  "photo requests": {
    type: "solicit.image",
    positives: [
      "send me a pic of u",
      "got any new pics?",
      "can i see a photo of you",
      "do u have more pictures",
      "pic plz",
      "share some selfies with me",
      "email me ur picture",
      "so any pics? or cam",
      "take a selfie for me",
      "ur new photo is cute, may i have that one",
    ],
    negatives: [
      "nice pic",
      "wanna see my pic?",
      "i will send u pics of my dog",
      "did u see the pic",
      "i added a pic to my profile",
      "my cousin drew a pic on my cast",
      "send me the pics of the beach trip",
      "i can share pics with you later",
      "may i have that one, the blue shirt",
    ],
  },
  "occupations without a job cue": {
    type: "id.occupation",
    positives: [
      "im in construction",
      "i work in sales, boring lol",
      "i fix cars for a living",
      "i drive for a living",
      "i fix computers at the mall",
      "i work construction mostly",
      "i wait tables on weekends",
      "ive been a nurse for 12 years",
      "retired cop here",
      "ex soldier, 50, from leeds",
      "i m in the navy",
    ],
    negatives: [
      "im in it for the fun",
      "im in the car",
      "i fix my own bike",
      "my dad is a retired cop",
      "my wife has been a nurse for years",
      "i teach myself guitar",
      "i do my homework",
      "how do u make a living",
      "i m in a good mood",
    ],
  },
  "moves to phone or SMS": {
    type: "contact.move_platform",
    positives: [
      "text me later",
      "whats ur number",
      "u got a cell?",
      "can i call u",
      "give me ur digits",
      "call me tonight",
      "sms me when ur free",
    ],
    negatives: [
      "call me mike",
      "text me on 0917 555 0199",
      "my cell died yesterday",
      "they call me the boss",
      "i got a phone case for xmas",
      "can i call you on facetime",
    ],
  },
  "older platforms": {
    type: "contact.move_platform",
    positives: ["add me on msn", "do u have aim", "r u on yahoo", "u on myspace?", "msn me"],
    negatives: [
      "my aim is to finish school",
      "yahoo news said it will rain",
      "i read it on myspace once",
    ],
  },
  "an app named inside a sentence": {
    type: "contact.move_platform",
    positives: ["im on kik if u want", "skype is easier for me", "i am on telegram too"],
    negatives: ["i was on skype with my boss", "im on skype all day for work", "kik is a word"],
  },
  "isolation: when the family is away": {
    type: "isolation",
    positives: [
      "when does ur mom get home",
      "what time does your dad leave for work",
      "so ur mom left?",
      "is ur gma home",
      "when will your parents be back",
      "when do ur rents go back to work",
      "is your sister still there?",
    ],
    negatives: [
      "my mom gets home at 6",
      "what time does the bus leave",
      "when does the store open",
      "my dad left for work early",
      "is the game still on?",
    ],
  },
  secrecy: {
    type: "secrecy",
    positives: [
      "this is our lil secret",
      "only you and me ok",
      "i wouldnt tell anyone",
      "u can delete it after",
      "just between you and me",
    ],
    negatives: [
      "the secret ingredient is garlic",
      "only you and me and my family went",
      "i wont tell u the ending of the movie",
      "delete it from the shopping list",
    ],
  },
  "meeting in person": {
    type: "meet.offline",
    positives: [
      "when can u come see me",
      "i can pick u up after school",
      "see you at the park",
      "cant wait to see u",
      "i want you here with me",
      "u come get me?",
      "would u go on a date with me",
      "so u gonna come over?",
      "ill come today if u want",
      "can we go to the mall friday",
      "were u serious about wanting me to come down",
      "it would be better if u were there",
      "i cant wait to be with u",
    ],
    negatives: [
      "come see my profile",
      "cant wait to see u on cam",
      "see you later",
      "nice to meet you",
      "my mom will pick me up",
      "will u come online later",
      "my friends come over a lot",
      "we went to the mall friday",
    ],
  },
  "implicit age awareness": {
    type: "age.acknowledged",
    positives: [
      "its just the age thing",
      "if u were 16 it would be ok",
      "when u turn 18",
      "u would get me in trouble",
      "i could go to jail for this",
      "i am way older than u",
    ],
    negatives: [
      "my age is 35",
      "the age of empires game",
      "if you were here",
      "i got in trouble at work",
    ],
  },
};

describe("categories closed on real chat language", () => {
  for (const [name, c] of Object.entries(categories)) {
    describe(name, () => {
      for (const text of c.positives)
        it(`finds ${c.type} in ${JSON.stringify(text)}`, () =>
          expect(types(text)).toContain(c.type));
      for (const text of c.negatives)
        it(`no ${c.type} in ${JSON.stringify(text)}`, () =>
          expect(types(text)).not.toContain(c.type));
    });
  }
});

describe("names after 'i am'", () => {
  for (const text of ["im Grace", "im mike from leeds", "im joe"])
    it(`a name in ${JSON.stringify(text)}`, () => expect(types(text)).toContain("id.name"));
  for (const text of [
    "im exhausted",
    "im drunk lol",
    "i'm retired",
    "im confused",
    "my name is 😀",
  ])
    it(`no name in ${JSON.stringify(text)}`, () => expect(types(text)).not.toContain("id.name"));
});

describe("look-alike and invisible characters", () => {
  const evasions: Array<[string, IndicatorType]> = [
    ["can u turn on ur с\u0430m", "solicit.webcam"], // Cyrillic с and а
    ["\uff43\uff41\uff4d tonight?", "solicit.webcam"], // full-width
    ["\u{1d41c}\u{1d41a}\u{1d426} tonight?", "solicit.webcam"], // mathematical bold
    ["how o\u200bld r u", "age.query"], // zero-width space inside a word
    ["how \u202eold r u", "age.query"], // bidi override
    ["h0w 0ld r u", "age.query"], // digits for letters, at a word's edges too
    ["turn on ur c@m", "solicit.webcam"], // @ for a
    ["a\u0301re you alone", "isolation"], // a combining accent
    ["send me a p\u00edc of u", "solicit.image"], // an accented letter
  ];
  for (const [text, type] of evasions)
    it(`finds ${type} in ${JSON.stringify(text)}, spans in the original`, () => {
      const found = detect(text, { dir: "in" }).filter((i) => i.type === type);
      expect(found).toHaveLength(1);
      expect(found[0]!.start).toBeGreaterThanOrEqual(0);
      expect(found[0]!.end).toBeLessThanOrEqual(text.length);
      expect(found[0]!.end).toBeGreaterThan(found[0]!.start);
    });

  it("keeps Arabic, CJK and currency symbols as they are", () => {
    expect(types("مرحبا كيف حالك")).toEqual([]);
    expect(types("i send u ₱500")).toContain("payment.offer");
  });
});

describe("rules see the whole message", () => {
  it("finds a request at the end of a very long message", () => {
    const text = "so we talked about school and games and music. ".repeat(2_000) + "turn on ur cam";
    expect(text.length).toBeGreaterThan(90_000);
    const cam = detect(text, { dir: "in" }).find((i) => i.type === "solicit.webcam");
    expect(cam).toBeDefined();
    expect(text.slice(cam!.start, cam!.end)).toBe("turn on ur cam");
  });
});
