/**
 * Hostile input (S7): `detect` never throws and keeps every span inside the text, for arbitrary
 * UTF-16 — lone surrogates, control characters, astral symbols — up to 100 KB per message. And the
 * word pre-filter never loses an indicator: detection with and without it is identical. And the
 * normalization for evasion holds: look-alike letters, full-width and mathematical forms and
 * invisible characters inside words change nothing a rule finds, and offsets still point into the
 * original text without splitting a surrogate pair.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { cases } from "./detect.cases";
import { detect } from "./detect";
import { findExplicitTerms } from "./lexicon/explicitTerms";
import { loadPlaceIndex } from "./places/gazetteer";
import type { DetectContext, Direction, Indicator, IndicatorType } from "./types";

// The gazetteer takes a few seconds to load on a busy machine.
beforeAll(async () => {
  await loadPlaceIndex();
}, 60_000);

/** Any UTF-16 code unit, including lone surrogates and C0/C1 controls. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const chatWord = fc.constantFrom(
  "u",
  "ur",
  "r",
  "im",
  "10",
  "cam",
  "webcam",
  "show",
  "pay",
  "$20",
  "skype",
  "kik:",
  "@joe_1",
  "a@b.co",
  "www.x.com/",
  "+44 7700 900123",
  "0917 555 0199",
  "from",
  "manila",
  "how",
  "old",
  "age",
  "?",
  "!",
  "...",
  "heyyy",
  "c4m",
  "pls",
  "po",
  "alone",
  "secret",
  "meet",
  "money",
  "gcash",
  "bye",
  "internet",
  "slow",
  "grade",
  "my name is",
  "Joe",
  "i work as a",
  "teacher",
  "i'm",
  "don't",
  "tell",
  " ",
  "\n",
  "\t",
  "\u0000",
  "\ud800",
  "\udfff",
  "😀",
  "ñ",
  "İ",
  "ß",
);
const messageUnit = fc.oneof(
  { weight: 3, arbitrary: codeUnit },
  { weight: 2, arbitrary: chatWord },
);

const contexts: fc.Arbitrary<DetectContext> = fc
  .record({
    dir: fc.constantFrom<Direction>("in", "out"),
    previous: fc.option(
      fc.record({
        dir: fc.constantFrom<Direction>("in", "out"),
        types: fc.subarray<IndicatorType>([
          "age.query",
          "persona.age_statement",
          "persona.sexual_topic",
        ]),
      }),
      { nil: undefined },
    ),
    ageQuestionPending: fc.boolean(),
    region: fc.constantFrom("PH", "GB", "US", "XX", "ph", ""),
  })
  .map((ctx) => {
    const clean: DetectContext = {
      dir: ctx.dir,
      ageQuestionPending: ctx.ageQuestionPending,
      region: ctx.region,
    };
    if (ctx.previous !== undefined) clean.previous = ctx.previous;
    return clean;
  });

function assertSpansInside(text: string, indicators: readonly Indicator[]): void {
  for (const i of indicators) {
    expect(Number.isInteger(i.start) && Number.isInteger(i.end)).toBe(true);
    expect(i.start).toBeGreaterThanOrEqual(0);
    expect(i.end).toBeGreaterThanOrEqual(i.start);
    expect(i.end).toBeLessThanOrEqual(text.length);
    expect(i.confidence).toBeGreaterThan(0);
    expect(i.confidence).toBeLessThanOrEqual(1);
  }
}

describe("detect on hostile input", () => {
  it("never throws and keeps spans inside short messages", () => {
    fc.assert(
      fc.property(fc.string({ unit: messageUnit, maxLength: 200 }), contexts, (text, ctx) => {
        const found = detect(text, ctx);
        assertSpansInside(text, found);
        for (const s of findExplicitTerms(text)) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it("never throws and keeps spans inside messages up to 100 KB", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 100_000 }),
        fc.string({ unit: messageUnit, minLength: 1, maxLength: 400 }),
        contexts,
        (size, block, ctx) => {
          const text = block.repeat(Math.ceil(size / block.length)).slice(0, size);
          assertSpansInside(text, detect(text, ctx));
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it("survives pathological repetition quickly", () => {
    for (const unit of [
      "a.",
      "a@",
      "1 ",
      "\ud800",
      "u ",
      "heyyy ",
      "my skype is ",
      "www.",
      "aaaa",
      "+1",
      "from ",
    ]) {
      const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
      const started = performance.now();
      for (const dir of ["in", "out"] as const)
        assertSpansInside(text, detect(text, { dir, region: "PH" }));
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  }, 120_000);
});

const phrases = Object.values(cases).flatMap((c) => [...c.positives, ...c.negatives]);

describe("the word pre-filter", () => {
  it("never changes what is detected on the labelled cases, alone or run together", () => {
    fc.assert(
      fc.property(fc.subarray(phrases, { minLength: 1, maxLength: 3 }), contexts, (picked, ctx) => {
        const text = picked.join(picked.length % 2 === 0 ? ". " : " ");
        expect(detect(text, ctx)).toEqual(detect(text, ctx, { noPrefilter: true }));
      }),
      { numRuns: 3000 },
    );
    for (const text of phrases) {
      for (const dir of ["in", "out"] as const) {
        expect(detect(text, { dir })).toEqual(detect(text, { dir }, { noPrefilter: true }));
      }
    }
  }, 120_000);

  it("never changes what is detected", () => {
    fc.assert(
      fc.property(fc.array(chatWord, { maxLength: 25 }), contexts, (words, ctx) => {
        const text = words.join(" ");
        expect(detect(text, ctx)).toEqual(detect(text, ctx, { noPrefilter: true }));
      }),
      { numRuns: 2000 },
    );
  }, 120_000);
});

const HOMOGLYPH: Readonly<Record<string, string>> = {
  a: "\u0430",
  c: "\u0441",
  e: "\u0435",
  o: "\u043e",
  p: "\u0440",
  x: "\u0445",
  y: "\u0443",
  i: "\u0456",
  s: "\u0455",
};
const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\u00ad"];

/** Disguise a phrase the way evaders do; `seed` decides which letters, `how` which disguise. */
function disguise(text: string, seed: number, how: number): string {
  let out = "";
  for (let k = 0; k < text.length; k++) {
    const ch = text[k]!;
    const pick = (seed >> (k % 24)) & 1;
    const isLetter = /[a-z]/.test(ch);
    if (how === 0 && isLetter && pick === 1 && HOMOGLYPH[ch] !== undefined) out += HOMOGLYPH[ch];
    else if (how === 1 && ch >= "!" && ch <= "~")
      out += String.fromCharCode(ch.charCodeAt(0) + 0xfee0); // full-width form
    else if (how === 2 && isLetter && pick === 1)
      out += String.fromCodePoint(0x1d41a + ch.charCodeAt(0) - 97); // mathematical bold
    else out += ch;
    // An invisible character between two letters of a word.
    if (how === 3 && isLetter && /[a-z]/.test(text[k + 1] ?? "") && pick === 1)
      out += INVISIBLE[(seed + k) % INVISIBLE.length];
  }
  return out;
}

/** Behaviour indicators (identifier values are cut from the original text, disguise and all). */
const behaviour = (found: readonly Indicator[]): string[] =>
  found
    .filter((i) => !i.type.startsWith("id."))
    .map((i) => i.type)
    .sort();

const labelled = Object.values(cases).flatMap((c) =>
  [...c.positives, ...c.negatives].map((text) => ({ text, ctx: c.ctx ?? { dir: "in" as const } })),
);

describe("normalization for evasion", () => {
  it("a disguised phrase raises the same behaviour indicators as the plain one", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...labelled),
        fc.integer({ min: 0, max: 0xffffff }),
        fc.integer({ min: 0, max: 3 }),
        ({ text, ctx }, seed, how) => {
          const lower = text.toLowerCase();
          const disguised = disguise(lower, seed, how);
          const found = detect(disguised, ctx);
          assertSpansInside(disguised, found);
          expect(behaviour(found), JSON.stringify(disguised)).toEqual(
            behaviour(detect(lower, ctx)),
          );
        },
      ),
      { numRuns: 3000 },
    );
  }, 120_000);

  it("the pre-filter loses nothing on disguised text", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...labelled),
        fc.integer({ min: 0, max: 0xffffff }),
        fc.integer({ min: 0, max: 3 }),
        ({ text, ctx }, seed, how) => {
          const disguised = disguise(text.toLowerCase(), seed, how);
          expect(detect(disguised, ctx)).toEqual(detect(disguised, ctx, { noPrefilter: true }));
        },
      ),
      { numRuns: 2000 },
    );
  }, 120_000);

  it("spans never split a surrogate pair of well-formed text", () => {
    const astral = fc.constantFrom("\u{1d41c}", "\u{1d41a}", "\u{1d426}", "😀", "\u{1d428}");
    fc.assert(
      fc.property(
        fc.array(fc.oneof(chatWord, astral), { maxLength: 30 }),
        contexts,
        (words, ctx) => {
          const text = words.join(" ").toWellFormed();
          for (const i of detect(text, ctx)) {
            for (const at of [i.start, i.end]) {
              const unit = text.charCodeAt(at);
              // A span edge never falls between the two halves of a pair.
              expect(
                at > 0 && unit >= 0xdc00 && unit <= 0xdfff && /[\ud800-\udbff]/.test(text[at - 1]!),
              ).toBe(false);
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
  }, 120_000);
});
