import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  breakOffMoveFor,
  buildLibrary,
  computeLibraryVersion,
  findMove,
  MOVE_LANGUAGES,
  movesForMode,
  renderMove,
  SAFE_MOVES,
  validateLibrary,
  type SafeMoveLibraryData,
} from "./index";
import { SAFE_MOVE_LIBRARY_DATA } from "./libraryData";

const cloneData = (): SafeMoveLibraryData => structuredClone(SAFE_MOVE_LIBRARY_DATA);

describe("safe-move library", () => {
  it("has every move the protocol needs, each in every language", () => {
    const kinds = SAFE_MOVES.moves.map((move) => move.kind).sort();
    expect(kinds).toEqual(
      [
        "age_statement",
        "deflection",
        "greeting",
        "repeat_request",
        "technical_break_off",
        "warning_notice",
      ].sort(),
    );
    for (const move of SAFE_MOVES.moves) {
      for (const language of MOVE_LANGUAGES)
        expect(move.variants[language].length).toBeGreaterThan(0);
    }
    expect(validateLibrary(SAFE_MOVE_LIBRARY_DATA)).toEqual([]);
  });

  it("is versioned by a content hash of its canonical data", () => {
    expect(SAFE_MOVES.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(computeLibraryVersion(cloneData())).toBe(SAFE_MOVES.version);
    // Key order does not matter (RFC 8785), content does.
    const reordered = cloneData();
    reordered.moves = reordered.moves.map((move) => {
      const { variants, id, ...rest } = move;
      return { variants, ...rest, id };
    });
    expect(computeLibraryVersion(reordered)).toBe(SAFE_MOVES.version);
    const edited = cloneData();
    edited.moves[0]!.variants.en = "hello";
    expect(computeLibraryVersion(edited)).not.toBe(SAFE_MOVES.version);
  });

  it("changes version on any single-character edit of any variant", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SAFE_MOVE_LIBRARY_DATA.moves.length - 1 }),
        fc.constantFrom(...MOVE_LANGUAGES),
        fc.string({ minLength: 1, maxLength: 3 }),
        (index, language, suffix) => {
          const edited = cloneData();
          edited.moves[index]!.variants[language] += suffix;
          return computeLibraryVersion(edited) !== SAFE_MOVES.version;
        },
      ),
    );
  });

  it("refuses duplicate ids and hotkeys, stray placeholders and faults that do not break off", () => {
    const data = cloneData();
    data.moves[1]!.id = data.moves[0]!.id;
    data.moves[2]!.hotkey = data.moves[0]!.hotkey;
    data.moves[3]!.variants.en = "hi {name}";
    data.moves[0]!.triggersFault = true;
    const problems = validateLibrary(data);
    expect(problems).toHaveLength(4);
    expect(() => buildLibrary(data)).toThrow(/invalid safe-move library/);
  });

  it("fills only the persona age into the age statement", () => {
    const move = findMove(SAFE_MOVES, "age_statement")!;
    expect(renderMove(move, { language: "en", personaAge: 10 })).toBe("im 10");
    expect(renderMove(move, { language: "taglish", personaAge: 11 })).toContain("11");
    expect(() => renderMove(move, { language: "en", personaAge: 30 })).toThrow(/1 to 17/);
  });

  it("offers the warning notice only in deter mode and breaks off with it there", () => {
    expect(movesForMode(SAFE_MOVES, "identify").some((move) => move.deterOnly)).toBe(false);
    expect(movesForMode(SAFE_MOVES, "deter")).toHaveLength(SAFE_MOVES.moves.length);
    expect(breakOffMoveFor(SAFE_MOVES, "identify").triggersFault).toBe(true);
    expect(breakOffMoveFor(SAFE_MOVES, "deter").kind).toBe("warning_notice");
  });
});
