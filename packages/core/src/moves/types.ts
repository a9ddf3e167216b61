/** What a safe move does in the conversation protocol. */
export type SafeMoveKind =
  | "greeting"
  | "age_statement"
  | "deflection"
  | "repeat_request"
  | "technical_break_off"
  | "warning_notice";

/** Languages the library is written in; every move has every language. */
export type MoveLanguage = "en" | "taglish";
export const MOVE_LANGUAGES: readonly MoveLanguage[] = ["en", "taglish"];

/**
 * One reviewed, fixed persona utterance (S2). Text may contain the single placeholder `{age}`,
 * filled with the persona's declared age from the operation's authorization — nothing else is
 * ever substituted into persona speech.
 */
export interface SafeMove {
  id: string;
  kind: SafeMoveKind;
  /** The single key that sends it from the console (shown on screen next to the move). */
  hotkey: string;
  label: string;
  variants: Record<MoveLanguage, string>;
  /** Ends the contact: the conversation is marked broken off after it is sent. */
  breaksOff: boolean;
  /** Sending it also makes the connector simulate a technical problem. */
  triggersFault: boolean;
  /** Only allowed in operations run in *deter* mode. */
  deterOnly: boolean;
}

export interface SafeMoveLibraryData {
  /** Human edition number; the content hash (`version`) is what evidence records. */
  edition: number;
  moves: SafeMove[];
}

export interface SafeMoveLibrary extends SafeMoveLibraryData {
  /** `sha256:<hex>` of the canonical (RFC 8785) JSON of the data. */
  version: string;
}
