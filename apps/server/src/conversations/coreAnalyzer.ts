import {
  advanceContext,
  contextFor,
  detect,
  startContext,
  type ConversationContext,
  type Indicator,
} from "@sweetie/core/detect/index";
import {
  assessMessage,
  startAssessment,
  summarize,
  type AssessmentState,
} from "@sweetie/core/protocol/index";
import { z } from "zod";
import type {
  AnalysisState,
  AnalyzedMessage,
  ConversationAnalyzer,
  StoredIndicator,
} from "./analyzer";

/** Raise when the shape of CoreState changes: stored states of other versions are replayed. */
const STATE_VERSION = 1;

interface CoreState extends AnalysisState {
  version: typeof STATE_VERSION;
  context: ConversationContext;
  assessment: AssessmentState;
}

// What a stored state must look like to be used; anything else is replayed from the messages.
const storedState = z.object({
  version: z.literal(STATE_VERSION),
  context: z.object({
    previous: z.object({ dir: z.enum(["in", "out"]), types: z.array(z.string()) }).optional(),
    ageQuestionPending: z.boolean(),
    region: z.string().optional(),
  }),
  assessment: z.object({
    initiator: z.enum(["counterpart", "persona"]),
    ageStated: z.boolean(),
    solicited: z.boolean(),
    paymentDiscussed: z.boolean(),
    brokenOff: z.boolean(),
    personaRaisedFirst: z.boolean(),
    noPriorAgeStatement: z.boolean(),
    personaOfferPending: z.boolean(),
    messageCount: z.number().int().nonnegative(),
  }),
});

/**
 * The domain's detector and protocol behind the analyzer port. Earlier messages enter the state
 * through their stored indicators (never re-detected), so a conversation reads the same as when
 * it was recorded.
 */
export const coreAnalyzer: ConversationAnalyzer = {
  start(initiator) {
    return core({
      version: STATE_VERSION,
      context: startContext(),
      assessment: startAssessment(initiator),
    });
  },
  restore(stored) {
    const parsed = storedState.safeParse(stored);
    // The indicator types were written by this detector; the schema checks their shape only.
    return parsed.success ? core(parsed.data as CoreState) : null;
  },
  detect(state, message) {
    const { context } = asCore(state);
    return detect(message.text, contextFor(context, message.direction)).map(toStored);
  },
  advance(state, message) {
    const { context, assessment } = asCore(state);
    const indicators = asIndicators(message);
    return core({
      version: STATE_VERSION,
      context: advanceContext(context, message.direction, indicators),
      assessment: assessMessage(
        assessment,
        { dir: message.direction, text: message.text },
        indicators,
      ),
    });
  },
  assess(state, brokenOff) {
    const assessment = summarize(asCore(state).assessment);
    return {
      stage: assessment.stage,
      flags: assessment.flags,
      proposed: assessment.proposed,
      brokenOff: brokenOff || assessment.brokenOff,
    };
  },
};

const core = (state: CoreState): AnalysisState => state;

function asCore(state: AnalysisState): CoreState {
  if (state.version !== STATE_VERSION) {
    throw new Error(
      `analysis state of version ${state.version} given to analyzer version ${STATE_VERSION}`,
    );
  }
  return state as CoreState;
}

// Stored indicators were produced by `detect` and saved as JSON; their types are the domain's.
function asIndicators(message: AnalyzedMessage): Indicator[] {
  return message.indicators as unknown as Indicator[];
}

function toStored(indicator: Indicator): StoredIndicator {
  return { ...indicator };
}
