/** Indicator types from DESIGN.md "Indicators". Counterpart-side first, then persona-side. */
export const COUNTERPART_INDICATORS = [
  "age.query",
  "age.acknowledged",
  "isolation",
  "solicit.webcam",
  "solicit.sexual",
  "solicit.image",
  "sexual.talk",
  "payment.offer",
  "contact.move_platform",
  "secrecy",
  "meet.offline",
  "id.email",
  "id.phone",
  "id.handle",
  "id.url",
  "id.name",
  "id.location",
  "id.age_self",
  "id.occupation",
] as const;

export const PERSONA_INDICATORS = [
  "persona.age_statement",
  "persona.break_off",
  "persona.sexual_topic",
] as const;

export const INDICATOR_TYPES = [...COUNTERPART_INDICATORS, ...PERSONA_INDICATORS] as const;

export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** "in": written by the counterpart; "out": written by the persona (through an operator). */
export type Direction = "in" | "out";

export interface Indicator {
  type: IndicatorType;
  /** UTF-16 offset into the original message text, inclusive. */
  start: number;
  /** UTF-16 offset into the original message text, exclusive. */
  end: number;
  /** The extracted value for identifiers (E.164 for phones, the handle without "@", ...). */
  value?: string;
  /** 0..1: how sure the rule is. */
  confidence: number;
  /** Which rule fired, so a reviewer can see why. */
  rule: string;
  /** For id.handle: the platform the handle belongs to, when stated. */
  platform?: string;
  /** For id.location: ISO 3166-1 alpha-2 country of the place, when known. */
  country?: string;
}

/**
 * What the detector needs to know about the conversation so far. Kept small so that the
 * detector stays a pure function: the caller (console, CLI) carries it from message to message,
 * usually through `advanceContext`.
 */
export interface DetectContext {
  dir: Direction;
  /** Direction and indicator types of the message right before this one, if any. */
  previous?: { dir: Direction; types: readonly IndicatorType[] };
  /** The counterpart asked the persona's age and the persona has not answered yet. */
  ageQuestionPending?: boolean;
  /** ISO 3166-1 alpha-2 region used to read national phone numbers ("0917 …"). */
  region?: string;
}
