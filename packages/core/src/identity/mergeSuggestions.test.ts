import { describe, expect, it } from "vitest";
import { deconflictionPointer } from "./deconfliction";
import { suggestMerges } from "./mergeSuggestions";

describe("suggestMerges", () => {
  const subjects = [
    {
      subjectId: "a",
      identifiers: [
        { kind: "email", normalized: "x@y.ph" },
        { kind: "name", normalized: "tom" },
      ],
    },
    {
      subjectId: "b",
      identifiers: [
        { kind: "email", normalized: "x@y.ph" },
        { kind: "name", normalized: "tom" },
      ],
    },
    { subjectId: "c", identifiers: [{ kind: "name", normalized: "tom" }] },
  ] as const;

  it("suggests subjects sharing a distinguishing identifier, with it as the reason", () => {
    expect(suggestMerges(subjects)).toEqual([
      { subjectIds: ["a", "b"], shared: [{ kind: "email", normalized: "x@y.ph" }] },
    ]);
  });

  it("leaves out pairs marked not the same person, in either order", () => {
    expect(suggestMerges(subjects, [["b", "a"]])).toEqual([]);
  });
});

describe("deconflictionPointer", () => {
  it("depends on the secret, the kind and the value", () => {
    const s1 = new Uint8Array(32).fill(1);
    const s2 = new Uint8Array(32).fill(2);
    const p = deconflictionPointer(s1, "email", "x@y.ph");
    expect(p).toMatch(/^[0-9a-f]{64}$/);
    expect(deconflictionPointer(s1, "email", "x@y.ph")).toBe(p);
    expect(deconflictionPointer(s2, "email", "x@y.ph")).not.toBe(p);
    expect(deconflictionPointer(s1, "account", "x@y.ph")).not.toBe(p);
  });
});
