import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { SAFE_MOVE_LIBRARY_DATA } from "./libraryData";
import type { SafeMove, SafeMoveLibrary, SafeMoveLibraryData } from "./types";

/** Content hash of library data: the same data always yields the same version, anywhere. */
export function computeLibraryVersion(data: SafeMoveLibraryData): string {
  const canonical = canonicalize(data);
  if (canonical === undefined) throw new Error("the safe-move library cannot be canonicalized");
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonical)))}`;
}

/** Checks the structural rules a reviewed library must satisfy; returns the problems found. */
export function validateLibrary(data: SafeMoveLibraryData): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const hotkeys = new Set<string>();
  for (const move of data.moves) {
    if (ids.has(move.id)) problems.push(`duplicate move id "${move.id}"`);
    ids.add(move.id);
    if (hotkeys.has(move.hotkey)) problems.push(`duplicate hotkey "${move.hotkey}"`);
    hotkeys.add(move.hotkey);
    if (move.triggersFault && !move.breaksOff)
      problems.push(`move "${move.id}" triggers a fault but does not break off`);
    for (const [language, text] of Object.entries(move.variants)) {
      const withoutAge = text.replaceAll("{age}", "");
      if (/[{}]/.test(withoutAge))
        problems.push(`move "${move.id}" (${language}) has a placeholder other than {age}`);
      if (text.trim().length === 0) problems.push(`move "${move.id}" (${language}) is empty`);
    }
  }
  return problems;
}

/** Builds a library with its version; refuses data that breaks the library's rules. */
export function buildLibrary(data: SafeMoveLibraryData): SafeMoveLibrary {
  const problems = validateLibrary(data);
  if (problems.length > 0) throw new Error(`invalid safe-move library: ${problems.join("; ")}`);
  return { ...data, version: computeLibraryVersion(data) };
}

/** The library this build ships. */
export const SAFE_MOVES: SafeMoveLibrary = buildLibrary(SAFE_MOVE_LIBRARY_DATA);

export function findMove(library: SafeMoveLibrary, moveId: string): SafeMove | undefined {
  return library.moves.find((move) => move.id === moveId);
}

/** Moves an operator may use in an operation of this mode (the warning notice only in deter). */
export function movesForMode(library: SafeMoveLibrary, mode: "identify" | "deter"): SafeMove[] {
  return library.moves.filter((move) => mode === "deter" || !move.deterOnly);
}

/** The move that ends a contact in this mode: the warning notice in deter, else the technical problem. */
export function breakOffMoveFor(library: SafeMoveLibrary, mode: "identify" | "deter"): SafeMove {
  const kind = mode === "deter" ? "warning_notice" : "technical_break_off";
  const move = library.moves.find((candidate) => candidate.kind === kind);
  if (!move) throw new Error(`the safe-move library has no ${kind} move`);
  return move;
}
