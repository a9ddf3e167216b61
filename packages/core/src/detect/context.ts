/**
 * Carrying the detector's context from message to message of one conversation. Pure: each call
 * returns a new context.
 */
import type { DetectContext, Direction, Indicator, IndicatorType } from "./types";

export interface ConversationContext {
  previous?: { dir: Direction; types: readonly IndicatorType[] };
  ageQuestionPending: boolean;
  region?: string;
}

export function startContext(region?: string): ConversationContext {
  return region === undefined
    ? { ageQuestionPending: false }
    : { ageQuestionPending: false, region };
}

/** The `DetectContext` for the next message, in direction `dir`. */
export function contextFor(conversation: ConversationContext, dir: Direction): DetectContext {
  const ctx: DetectContext = { dir, ageQuestionPending: conversation.ageQuestionPending };
  if (conversation.previous !== undefined) ctx.previous = conversation.previous;
  if (conversation.region !== undefined) ctx.region = conversation.region;
  return ctx;
}

/** The context after a message in direction `dir` with these indicators. */
export function advanceContext(
  conversation: ConversationContext,
  dir: Direction,
  indicators: readonly Indicator[],
  region?: string,
): ConversationContext {
  const types: IndicatorType[] = new Array<IndicatorType>(indicators.length);
  for (let k = 0; k < indicators.length; k++) types[k] = indicators[k]!.type;
  // An age question stays open through the persona's other replies ("why?") until the persona
  // states an age or the counterpart moves on after a persona reply.
  let ageQuestionPending = conversation.ageQuestionPending;
  if (dir === "in") {
    if (types.includes("age.query")) ageQuestionPending = true;
    else if (conversation.previous?.dir === "out") ageQuestionPending = false;
  } else if (types.includes("persona.age_statement")) ageQuestionPending = false;
  const next: ConversationContext = { previous: { dir, types }, ageQuestionPending };
  const nextRegion = region ?? conversation.region;
  if (nextRegion !== undefined) next.region = nextRegion;
  return next;
}
