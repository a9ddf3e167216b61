import { useEffect } from "react";
import type { Conversation, SafeMove } from "../../api/console";
import { isWorking, nextNeedingAttention } from "./consoleFormat";

interface ConsoleKeys {
  conversations: readonly Conversation[];
  moves: readonly SafeMove[];
  selected: Conversation | null;
  readOnly: boolean;
  busy: boolean;
  onSelect: (id: string) => void;
  /** N found nothing that needs attention: say so. */
  onNothingToDo: () => void;
  onMove: (conversation: Conversation, move: SafeMove) => void;
  onType: () => void;
}

/**
 * Keyboard path: N jumps to the conversation that most needs attention, a digit sends that safe
 * move, T types free text. Keys are ignored while typing in a field; read-only views get N only.
 */
export function useConsoleKeys(keys: ConsoleKeys): void {
  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")
      )
        return;
      const key = event.key.toLowerCase();
      if (key === "n") {
        const next = nextNeedingAttention(keys.conversations);
        if (next) keys.onSelect(next.id);
        else keys.onNothingToDo();
        event.preventDefault();
        return;
      }
      if (keys.readOnly || !keys.selected) return;
      if (key === "t") {
        keys.onType();
        event.preventDefault();
        return;
      }
      const move = keys.moves.find((candidate) => candidate.hotkey === key);
      if (move && isWorking(keys.selected) && !keys.busy) {
        keys.onMove(keys.selected, move);
        event.preventDefault();
      }
    };
    window.addEventListener("keydown", handleKey);
    return () => window.removeEventListener("keydown", handleKey);
  }, [keys]);
}
