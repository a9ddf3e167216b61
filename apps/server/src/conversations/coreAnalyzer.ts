import {
  advanceContext,
  contextFor,
  detect,
  startContext,
  type ConversationContext,
  type Indicator,
} from "@sweetie/core/detect/index";
import { assessMessage, startAssessment, summarize } from "@sweetie/core/protocol/index";
import type { AnalyzedMessage, ConversationAnalyzer, StoredIndicator } from "./analyzer";

/**
 * The domain's detector and protocol behind the analyzer port. Earlier messages are replayed from
 * their stored indicators (never re-detected), so a conversation's history reads the same as
 * when it was recorded.
 */
export const coreAnalyzer: ConversationAnalyzer = {
  detect(previous, message) {
    let context: ConversationContext = startContext();
    for (const earlier of previous)
      context = advanceContext(context, earlier.direction, asIndicators(earlier));
    return detect(message.text, contextFor(context, message.direction)).map(toStored);
  },
  assess(initiator, messages, brokenOff) {
    let state = startAssessment(initiator);
    for (const message of messages) {
      state = assessMessage(
        state,
        { dir: message.direction, text: message.text },
        asIndicators(message),
      );
    }
    const assessment = summarize(state);
    return {
      stage: assessment.stage,
      flags: assessment.flags,
      proposed: assessment.proposed,
      brokenOff: brokenOff || assessment.brokenOff,
    };
  },
};

// Stored indicators were produced by `detect` and saved as JSON; their types are the domain's.
function asIndicators(message: AnalyzedMessage): Indicator[] {
  return message.indicators as unknown as Indicator[];
}

function toStored(indicator: Indicator): StoredIndicator {
  return { ...indicator };
}
