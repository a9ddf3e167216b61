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
 * What the analyzer carries from one message of a conversation to the next (detector context,
 * protocol state). Plain JSON: it is kept on the conversation row, so a new message is analyzed
 * without replaying the conversation's history.
 */
export type AnalysisState = { readonly version: number } & Readonly<Record<string, unknown>>;

/**
 * The domain's detector and conversation protocol as the ingest and send commands use them.
 * A port, so the commands do not depend on how detection is implemented. Incremental: `start`,
 * then `detect` and `advance` once per message in order, `assess` at any point.
 */
export interface ConversationAnalyzer {
  start(initiator: "counterpart" | "persona"): AnalysisState;
  /** A stored state, or null when another version of the analyzer wrote it (replay then). */
  restore(stored: unknown): AnalysisState | null;
  /** Indicators in `message`, given the state after the messages before it. */
  detect(
    state: AnalysisState,
    message: { direction: "in" | "out"; text: string },
  ): StoredIndicator[];
  /** The state after `message` (with the indicators detect found in it). */
  advance(state: AnalysisState, message: AnalyzedMessage): AnalysisState;
  /** Stage, S6 flags and whether the conversation is proposed. */
  assess(state: AnalysisState, brokenOff: boolean): ConversationAssessment;
}
