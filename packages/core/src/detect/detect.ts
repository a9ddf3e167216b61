/**
 * The indicator detector: one message in, its indicators out, each with a span of the ORIGINAL
 * text, a confidence and the rule that fired. Pure and synchronous; the conversation context it
 * needs (what the previous message was, whether an age question is pending) comes in `ctx`.
 */
import { TYPE_BIT } from "./gates";
import { normalizeInto, originalSpan, type Normalized } from "./normalize";
import { findEmails, findHandles, findPhones, findUrls } from "./identifiers/contactIdentifiers";
import {
  findAgeSelf,
  findLocation,
  findNames,
  findOccupation,
} from "./identifiers/selfDisclosures";
import { loadedPlaceIndex, type PlaceIndex } from "./places/gazetteer";
import { ACCEPTING_LEAD, ACCEPTING_REPLY, COUNTERPART_RULES } from "./rules/counterpart/index";
import { BARE_AGE_ANSWER, PERSONA_RULES } from "./rules/personaRules";
import type { PatternRule } from "./rules/ruleTypes";
import type { DetectContext, Indicator, IndicatorType } from "./types";

export interface DetectOptions {
  /** Gazetteer for `id.location`; defaults to the one `loadPlaceIndex()` loaded, if any. */
  places?: PlaceIndex;
  /** Run every rule, without the word pre-filter (for tests proving the pre-filter loses nothing). */
  noPrefilter?: boolean;
}

const ALL_TYPES = -1;
/** The counterpart repeating the persona's age with surprise: "10?", "oh 10, wow". */
const ECHOED_AGE =
  /^\W*(?:(?:oh|ah|wow|omg|really|hmm|what)\W+)?(?:\d{1,2}|ten|nine|eleven|twelve)\s*(?:\?+|!+|,?\s*(?:wow|ok|nice|cool|omg|really|lol|young|huh)\b)/;
const BIT_HANDLE = TYPE_BIT["id.handle"];
const BIT_NAME = TYPE_BIT["id.name"];
const BIT_LOCATION = TYPE_BIT["id.location"];
const BIT_AGE_SELF = TYPE_BIT["id.age_self"];
const BIT_OCCUPATION = TYPE_BIT["id.occupation"];
const NO_INDICATORS: readonly Indicator[] = [];

/** The rules of one indicator type; the pre-filter bit decides for the whole group at once. */
interface RuleGroup {
  bit: number;
  rules: readonly PatternRule[];
  /** Another group reports the same type. */
  shared: boolean;
}

function groupByType(rules: readonly PatternRule[]): RuleGroup[] {
  const groups: Array<{ bit: number; rules: PatternRule[]; shared: boolean }> = [];
  for (const rule of rules) {
    const group = groups.find((g) => g.bit === rule.bit);
    if (group) group.rules.push(rule);
    else groups.push({ bit: rule.bit, rules: [rule], shared: false });
  }
  for (const g of groups)
    g.shared = groups.some((o) => o !== g && o.rules[0]!.type === g.rules[0]!.type);
  return groups;
}

const COUNTERPART_GROUPS = groupByType(COUNTERPART_RULES);
const PERSONA_GROUPS = groupByType(PERSONA_RULES);

/** Run each type's rules in order until one fires: one indicator per type, from its first rule. */
function runRules(
  groups: readonly RuleGroup[],
  n: Normalized,
  ctx: DetectContext,
  out: Indicator[],
  mask: number,
): void {
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    if ((mask & group.bit) === 0) continue;
    const rules = group.rules;
    // A rule with a pre-filter of its own is a group of its own: one indicator per type still.
    if (group.shared && has(out, rules[0]!.type)) continue;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      const m = rule.re.exec(n.text);
      if (m === null) continue;
      if (rule.accept !== undefined && !rule.accept(m, n.text, ctx)) continue;
      const span = originalSpan(n, m.index, m.index + m[0].length);
      out.push({
        type: rule.type,
        start: span.start,
        end: span.end,
        confidence: rule.context === undefined ? rule.confidence : boosted(rule, m, n.text),
        rule: rule.id,
      });
      break;
    }
  }
}

/** Presidio-style context: words near the match raise the rule's score. */
function boosted(rule: PatternRule, m: RegExpExecArray, text: string): number {
  const { re, window, boost } = rule.context!;
  const near = text.slice(Math.max(0, m.index - window), m.index + m[0].length + window);
  return re.test(near) ? Math.min(1, rule.confidence + boost) : rule.confidence;
}

function byPosition(a: Indicator, b: Indicator): number {
  return a.start - b.start || a.end - b.end;
}

function wholeMessage(
  type: IndicatorType,
  text: string,
  confidence: number,
  rule: string,
): Indicator {
  return { type, start: 0, end: text.length, confidence, rule };
}

function has(out: readonly Indicator[], type: IndicatorType): boolean {
  for (let k = 0; k < out.length; k++) if (out[k]!.type === type) return true;
  return false;
}

export function detect(text: string, ctx: DetectContext, options: DetectOptions = {}): Indicator[] {
  const out: Indicator[] = [];
  if (text.length === 0) return out;
  // Rules see the whole message: every pattern is linear in the text (bounded repetitions, no
  // nested quantifiers), which the property tests check on megabyte inputs.
  const ruleText = text;
  const n = normalizeInto(ruleText);
  const mask = options.noPrefilter === true ? ALL_TYPES : n.gate;
  const previousTypes = ctx.previous?.types ?? [];
  if (ctx.dir === "out") {
    runRules(PERSONA_GROUPS, n, ctx, out, mask);
    const ageAsked =
      ctx.ageQuestionPending === true ||
      (ctx.previous?.dir === "in" && previousTypes.includes("age.query"));
    if (!has(out, "persona.age_statement") && ageAsked && BARE_AGE_ANSWER.test(n.text)) {
      out.push(
        wholeMessage("persona.age_statement", text, 0.9, "persona.age_statement/answers_age_query"),
      );
    }
  } else {
    runRules(COUNTERPART_GROUPS, n, ctx, out, mask);
    // Talk that comes with a solicitation is part of it: `sexual.talk` is for talk alone.
    if (has(out, "solicit.sexual")) {
      const talk = out.findIndex((i) => i.type === "sexual.talk");
      if (talk >= 0) out.splice(talk, 1);
    }
    const afterAgeStatement =
      ctx.previous?.dir === "out" && previousTypes.includes("persona.age_statement");
    if (afterAgeStatement && !has(out, "age.acknowledged")) {
      if (n.text.length <= 120 && ACCEPTING_REPLY.test(n.text))
        out.push(wholeMessage("age.acknowledged", text, 0.75, "age.acknowledged/accepts_age"));
      else {
        // "i dont mind. can u open ur webcam": the acceptance opens a longer message.
        const lead = ACCEPTING_LEAD.exec(n.text);
        if (lead !== null) {
          const span = originalSpan(n, lead.index, lead.index + lead[0].length);
          out.push({
            type: "age.acknowledged",
            start: span.start,
            end: span.end,
            confidence: 0.75,
            rule: "age.acknowledged/accepts_age_then_more",
          });
        }
      }
      if (!has(out, "age.acknowledged")) {
        const echo = ECHOED_AGE.exec(n.text);
        if (echo !== null) {
          const span = originalSpan(n, echo.index, echo.index + echo[0].length);
          out.push({
            type: "age.acknowledged",
            start: span.start,
            end: span.end,
            confidence: 0.75,
            rule: "age.acknowledged/echoes_age",
          });
        }
      }
    }
    const before = out.length;
    findEmails(text, out);
    const emails = out.length > before ? out.slice(before) : NO_INDICATORS;
    findUrls(text, out);
    if ((mask & BIT_HANDLE) !== 0 || text.includes("@")) findHandles(text, out, emails);
    findPhones(text, out, ctx.region);
    if ((mask & BIT_NAME) !== 0) findNames(ruleText, n, out);
    if ((mask & BIT_LOCATION) !== 0)
      findLocation(ruleText, n, options.places ?? loadedPlaceIndex(), out);
    if ((mask & BIT_AGE_SELF) !== 0) findAgeSelf(ruleText, n, out);
    if ((mask & BIT_OCCUPATION) !== 0) findOccupation(ruleText, n, out);
  }
  if (out.length > 1) out.sort(byPosition);
  // A value cut from hostile text never carries half a surrogate pair (S7).
  for (let k = 0; k < out.length; k++) {
    const v = out[k]!.value;
    if (v !== undefined && !v.isWellFormed()) out[k]!.value = v.toWellFormed();
  }
  return out;
}
