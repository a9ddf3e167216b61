import { describe, expect, it } from "vitest";
import { directionRuns } from "./directionControls";

describe("direction controls in chat text", () => {
  it("leaves ordinary text, emoji and right-to-left scripts as one run", () => {
    for (const text of ["hi 🙂 ça va", "שלום", "مرحبا 12", ""]) {
      expect(directionRuns(text)).toEqual([{ text }]);
    }
  });

  it("marks each override, embedding and isolate, keeping every character", () => {
    const text = "four \u202eend\u202c and \u2067x\u2069";
    const runs = directionRuns(text);
    expect(runs.map((run) => run.control ?? null)).toEqual([
      null,
      "RLO",
      null,
      "PDF",
      null,
      "RLI",
      null,
      "PDI",
    ]);
    expect(runs.map((run) => run.text).join("")).toBe(text);
  });
});
