import { describe, expect, it } from "vitest";
import { normalizeValue, scoreCorpus, unlabelled, type LabelledRecord } from "./scoreCorpus";

const records: LabelledRecord[] = [
  {
    type: "conversation",
    conv: "a",
    initiator: "counterpart",
    expect: { stage: "solicited", flags: [] },
  },
  { type: "message", conv: "a", id: "a.1", dir: "in", text: "x", labels: ["age.query"] },
  {
    type: "message",
    conv: "a",
    id: "a.2",
    dir: "in",
    text: "y",
    labels: ["id.phone"],
    values: { "id.phone": ["+639175550199"] },
  },
];

describe("scoreCorpus", () => {
  it("counts true and false positives per indicator like score.py", () => {
    const detected = new Map([
      ["a.1", [{ type: "age.query" }, { type: "secrecy" }]],
      ["a.2", [{ type: "id.phone", value: "0917 555 0199" }]],
    ]);
    const assessed = new Map([
      ["a", { conv: "a", stage: "solicited", broken_off: false, proposed: true, flags: [] }],
    ]);
    const score = scoreCorpus(records, detected, assessed);
    expect(score.indicators.find((i) => i.type === "secrecy")).toMatchObject({
      tp: 0,
      fp: 1,
      fn: 0,
      precision: 0,
    });
    expect(score.indicators.find((i) => i.type === "age.query")).toMatchObject({ tp: 1, f1: 1 });
    expect(score.microF1).toBeCloseTo((2 * 2) / (2 * 2 + 1));
    expect(score.valuesRight).toBe(1);
    expect(score.assessmentRight).toBe(1);
  });

  it("normalizes values the same way", () => {
    expect(normalizeValue("id.url", "HTTPS://Example.org/x/")).toBe("example.org/x");
    expect(normalizeValue("id.handle", "@Joe")).toBe("joe");
  });

  it("drops labels from the input it feeds", () => {
    expect(unlabelled(records)).not.toContain("labels");
  });
});
