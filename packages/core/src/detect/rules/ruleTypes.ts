import { TYPE_BIT } from "../gates";
import type { DetectContext, IndicatorType } from "../types";

/** A pattern rule over normalized text. */
export interface PatternRule {
  id: string;
  type: IndicatorType;
  /** TYPE_BIT[type], kept on the rule so the hot loop does no keyed look-up. */
  bit: number;
  re: RegExp;
  confidence: number;
  /** Extra check on the match (hard negatives that a regex alone says badly). */
  accept?: (match: RegExpExecArray, normalized: string, ctx: DetectContext) => boolean;
}

export function rules(
  type: IndicatorType,
  list: ReadonlyArray<readonly [string, RegExp, number]>,
): PatternRule[] {
  return list.map(([id, re, confidence]) => ({
    id: `${type}/${id}`,
    type,
    bit: TYPE_BIT[type],
    re,
    confidence,
  }));
}
