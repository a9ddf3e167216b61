import { movesForMode, renderMove, SAFE_MOVES, type MoveLanguage } from "@sweetie/core/moves/index";
import type { SafeMove } from "@sweetie/core/api/consoleSchemas";
import type { OperationRow } from "../db/tables/operations";

/** The operation's safe moves with their exact words per language, the persona's age filled in. */
export function presentSafeMoves(operation: OperationRow): SafeMove[] {
  return movesForMode(SAFE_MOVES, operation.mode).map((move) => ({
    id: move.id,
    kind: move.kind,
    hotkey: move.hotkey,
    label: move.label,
    breaksOff: move.breaksOff,
    triggersFault: move.triggersFault,
    deterOnly: move.deterOnly,
    variants: Object.fromEntries(
      (Object.keys(move.variants) as MoveLanguage[]).map((language) => [
        language,
        renderMove(move, { language, personaAge: operation.persona_age }),
      ]),
    ),
  }));
}
