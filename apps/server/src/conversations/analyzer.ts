/** A message as the analyzer sees it: who wrote it, its text and what was detected in it. */
export interface AnalyzedMessage {
  direction: "in" | "out";
  text: string;
  indicators: readonly StoredIndicator[];
  /** The safe move it was, for persona messages sent from the library. */
  moveKind?: string | null;
}

/** An indicator as stored with a message (jsonb): its type, span, confidence and rule. */
export interface StoredIndicator {
  type: string;
  start: number;
  end: number;
  confidence: number;
  rule: string;
  value?: string;
}

export interface ConversationAssessment {
  stage: string;
  flags: string[];
  proposed: boolean;
  brokenOff: boolean;
}

/**
 * The domain's detector and conversation protocol as the ingest and send commands use them.
 * A port, so the commands do not depend on how detection is implemented.
 */
export interface ConversationAnalyzer {
  /** Indicators in `message`, given the messages before it. */
  detect(
    previous: readonly AnalyzedMessage[],
    message: { direction: "in" | "out"; text: string },
  ): StoredIndicator[];
  /** Stage, S6 flags and whether the conversation is proposed, from all its messages. */
  assess(
    initiator: "counterpart" | "persona",
    messages: readonly AnalyzedMessage[],
    brokenOff: boolean,
  ): ConversationAssessment;
}
