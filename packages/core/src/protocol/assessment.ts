/**
 * The assessment of one conversation, updated message by message (DESIGN.md "Indicators" and S6).
 *
 * Stages, furthest reached: approached → age_stated → solicited (a solicitation by the
 * counterpart, or his affirmative reply right after a persona offer) → payment (payment discussed
 * by the counterpart in a solicited conversation, before, with or after the solicitation).
 * `broken_off` once the persona broke off. S6 flags: `persona_initiated`, `persona_raised_first`
 * (the persona raised sexual content or a webcam show before the counterpart solicited) and
 * `no_prior_age_statement` (no persona age statement before the counterpart's first solicitation).
 * Proposed: counterpart initiated, solicited, age stated before the first solicitation, no flag.
 *
 * What solicits (SOLICITATIONS): `solicit.webcam`, `solicit.sexual` and `solicit.image` — each a
 * request, offer or demand addressed to the persona. `solicit.image` counts because asking a
 * child who has stated her age for pictures of herself is the same kind of request as asking her
 * onto a camera (the team's corpora already count "do you have a webcam"); a second person still
 * confirms every proposal. `sexual.talk` (explicit language that asks for nothing) is shown for
 * triage and never moves the stage, and so never sets `no_prior_age_statement` either.
 *
 * `assessMessage` is pure and O(indicators): the console calls it on every message.
 */
import { isAffirmative } from "../detect/affirmative";
import type { Direction, Indicator, IndicatorType } from "../detect/types";

export type Initiator = "counterpart" | "persona";
export const STAGES = ["approached", "age_stated", "solicited", "payment"] as const;
export type Stage = (typeof STAGES)[number];
export const S6_FLAGS = [
  "persona_initiated",
  "persona_raised_first",
  "no_prior_age_statement",
] as const;
export type S6Flag = (typeof S6_FLAGS)[number];

/** Counterpart indicators that move a conversation to `solicited`. */
export const SOLICITATIONS: ReadonlySet<IndicatorType> = new Set<IndicatorType>([
  "solicit.webcam",
  "solicit.sexual",
  "solicit.image",
]);

export interface AssessmentState {
  readonly initiator: Initiator;
  readonly ageStated: boolean;
  readonly solicited: boolean;
  readonly paymentDiscussed: boolean;
  readonly brokenOff: boolean;
  readonly personaRaisedFirst: boolean;
  readonly noPriorAgeStatement: boolean;
  /** The persona made an offer (sexual topic) that the counterpart has not answered yet. */
  readonly personaOfferPending: boolean;
  readonly messageCount: number;
}

export interface AssessedMessage {
  dir: Direction;
  text: string;
}

export interface Assessment {
  stage: Stage;
  brokenOff: boolean;
  proposed: boolean;
  flags: S6Flag[];
}

export function startAssessment(initiator: Initiator): AssessmentState {
  return {
    initiator,
    ageStated: false,
    solicited: false,
    paymentDiscussed: false,
    brokenOff: false,
    personaRaisedFirst: false,
    noPriorAgeStatement: false,
    personaOfferPending: false,
    messageCount: 0,
  };
}

function hasType(indicators: readonly Indicator[], type: IndicatorType): boolean {
  for (const i of indicators) if (i.type === type) return true;
  return false;
}

export function assessMessage(
  state: AssessmentState,
  message: AssessedMessage,
  indicators: readonly Indicator[],
): AssessmentState {
  const messageCount = state.messageCount + 1;
  if (message.dir === "out") {
    const raises = hasType(indicators, "persona.sexual_topic");
    return {
      ...state,
      messageCount,
      ageStated: state.ageStated || hasType(indicators, "persona.age_statement"),
      brokenOff: state.brokenOff || hasType(indicators, "persona.break_off"),
      personaRaisedFirst: state.personaRaisedFirst || (raises && !state.solicited),
      personaOfferPending: state.personaOfferPending || raises,
    };
  }
  const solicits =
    indicators.some((i) => SOLICITATIONS.has(i.type)) ||
    (state.personaOfferPending && isAffirmative(message.text));
  const firstSolicitation = solicits && !state.solicited;
  return {
    ...state,
    messageCount,
    solicited: state.solicited || solicits,
    paymentDiscussed: state.paymentDiscussed || hasType(indicators, "payment.offer"),
    noPriorAgeStatement: state.noPriorAgeStatement || (firstSolicitation && !state.ageStated),
    personaOfferPending: false,
  };
}

export function stageOf(state: AssessmentState): Stage {
  if (state.solicited) return state.paymentDiscussed ? "payment" : "solicited";
  return state.ageStated ? "age_stated" : "approached";
}

export function flagsOf(state: AssessmentState): S6Flag[] {
  const flags: S6Flag[] = [];
  if (state.initiator === "persona") flags.push("persona_initiated");
  if (state.personaRaisedFirst) flags.push("persona_raised_first");
  if (state.noPriorAgeStatement) flags.push("no_prior_age_statement");
  return flags;
}

export function summarize(state: AssessmentState): Assessment {
  const flags = flagsOf(state);
  return {
    stage: stageOf(state),
    brokenOff: state.brokenOff,
    proposed:
      state.initiator === "counterpart" && state.solicited && state.ageStated && flags.length === 0,
    flags,
  };
}
