import type { MoveLanguage, SafeMove } from "./types";

export interface MoveContext {
  language: MoveLanguage;
  /** The persona's declared age, from the operation's authorization. */
  personaAge: number;
}

/**
 * The exact words a move sends. Only the persona's declared age is substituted: the rest is the
 * reviewed text of the library (S2).
 */
export function renderMove(move: SafeMove, context: MoveContext): string {
  if (!Number.isInteger(context.personaAge) || context.personaAge < 1 || context.personaAge > 17) {
    throw new Error(`persona age must be a whole number from 1 to 17, got ${context.personaAge}`);
  }
  return move.variants[context.language].replaceAll("{age}", String(context.personaAge));
}
