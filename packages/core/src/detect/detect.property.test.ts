/**
 * Hostile input (S7): `detect` never throws and keeps every span inside the text, for arbitrary
 * UTF-16 — lone surrogates, control characters, astral symbols — up to 100 KB per message. And the
 * word pre-filter never loses an indicator: detection with and without it is identical.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { cases } from "./detect.cases";
import { detect } from "./detect";
import { findExplicitTerms } from "./lexicon/explicitTerms";
import { loadPlaceIndex } from "./places/gazetteer";
import type { DetectContext, Direction, Indicator, IndicatorType } from "./types";

beforeAll(async () => {
  await loadPlaceIndex();
});

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
  });

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
  });

  it("never changes what is detected", () => {
    fc.assert(
      fc.property(fc.array(chatWord, { maxLength: 25 }), contexts, (words, ctx) => {
        const text = words.join(" ");
        expect(detect(text, ctx)).toEqual(detect(text, ctx, { noPrefilter: true }));
      }),
      { numRuns: 2000 },
    );
  });
});
