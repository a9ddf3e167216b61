import { RULE_BIT, TYPE_BIT } from "../gates";
import type { DetectContext, IndicatorType } from "../types";

/** A check on a match over normalized text (hard negatives a regex alone says badly). */
export type MatchCheck = (
  match: RegExpExecArray,
  normalized: string,
  ctx: DetectContext,
) => boolean;

/** A pattern rule over normalized text: what the detector's hot loop runs. */
export interface PatternRule {
  id: string;
  type: IndicatorType;
  /** The pre-filter bit: TYPE_BIT[type], or the rule's own (RULE_BIT in ../gates.ts). */
  bit: number;
  re: RegExp;
  confidence: number;
  /** The match counts only when this says yes. */
  accept?: MatchCheck;
  /** Words near the match that raise its confidence (see Recognizer.context). */
  context?: { re: RegExp; window: number; boost: number };
}

/** One pattern of a recognizer: [name, pattern over normalized text, score 0..1]. */
export type RecognizerPattern = readonly [name: string, re: RegExp, score: number];

/**
 * A declarative recognizer for one indicator type, in the manner of Microsoft Presidio's pattern
 * recognizers: patterns with a score each, tried in order (the first that matches and is not
 * rejected gives the indicator), hard negatives as named rejections, and context words that raise
 * the score when they occur near the match.
 */
export interface Recognizer {
  type: IndicatorType;
  patterns: readonly RecognizerPattern[];
  /** Pattern name → rejection; "*" applies to every pattern. A match is dropped when it returns true. */
  reject?: Readonly<Record<string, MatchCheck>>;
  /** Words within `window` characters either side of the match that add `boost` to its score. */
  context?: { words: readonly string[]; window: number; boost: number };
}

/** The recognizer as pattern rules for the detector. */
export function compile(recognizer: Recognizer): PatternRule[] {
  const { type, reject = {}, context } = recognizer;
  const contextRule =
    context === undefined
      ? undefined
      : {
          re: new RegExp(`\\b(?:${context.words.join("|")})\\b`),
          window: context.window,
          boost: context.boost,
        };
  return recognizer.patterns.map(([name, re, score]) => {
    const own = reject[name];
    const all = reject["*"];
    const id = `${type}/${name}`;
    const rule: PatternRule = {
      id,
      type,
      bit: RULE_BIT[id] ?? TYPE_BIT[type],
      re,
      confidence: score,
    };
    if (own !== undefined || all !== undefined)
      rule.accept = (m, normalized, ctx) =>
        !(own?.(m, normalized, ctx) ?? false) && !(all?.(m, normalized, ctx) ?? false);
    if (contextRule !== undefined) rule.context = contextRule;
    return rule;
  });
}

/** Shorthand for a recognizer with patterns only. */
export function rules(type: IndicatorType, patterns: readonly RecognizerPattern[]): PatternRule[] {
  return compile({ type, patterns });
}
