import { describe, expect, it } from "vitest";
import type { AnalysisState, AnalyzedMessage } from "./analyzer";
import { coreAnalyzer } from "./coreAnalyzer";

// Short, non-graphic lines naming behaviours only (S1).
const conversation: { direction: "in" | "out"; text: string }[] = [
  { direction: "in", text: "hi asl?" },
  { direction: "out", text: "im 13 f" },
  { direction: "in", text: "ok. do you have a cam" },
  { direction: "in", text: "i can send load if you show on cam" },
];

function analyze(stored: (state: AnalysisState) => AnalysisState) {
  let state = coreAnalyzer.start("counterpart");
  const messages: AnalyzedMessage[] = [];
  for (const line of conversation) {
    const indicators = coreAnalyzer.detect(state, line);
    const message = { ...line, indicators };
    messages.push(message);
    state = stored(coreAnalyzer.advance(state, message));
  }
  return { state, messages };
}

describe("coreAnalyzer (incremental state)", () => {
  it("reaches the protocol's stage message by message", () => {
    const { state, messages } = analyze((s) => s);
    expect(messages[2]!.indicators.map((i) => i.type)).toContain("solicit.webcam");
    expect(coreAnalyzer.assess(state, false)).toMatchObject({
      stage: "payment",
      proposed: true,
      flags: [],
    });
  });

  it("gives the same answers when its state goes through JSON between messages", () => {
    const direct = analyze((s) => s);
    const stored = analyze((s) => coreAnalyzer.restore(JSON.parse(JSON.stringify(s)))!);
    expect(stored.messages).toEqual(direct.messages);
    expect(coreAnalyzer.assess(stored.state, false)).toEqual(
      coreAnalyzer.assess(direct.state, false),
    );
  });

  it("refuses a stored state of another version or shape (the caller replays instead)", () => {
    const state = coreAnalyzer.start("persona");
    expect(coreAnalyzer.restore({ ...state, version: 0 })).toBeNull();
    expect(coreAnalyzer.restore({ version: 1, context: {} })).toBeNull();
    expect(coreAnalyzer.restore(null)).toBeNull();
    expect(coreAnalyzer.restore(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});
