import { describe, expect, it } from "vitest";
import { identityConfidence } from "./identityConfidence";

describe("identity confidence", () => {
  it("is established only when the subject is", () => {
    expect(identityConfidence({ established: true, establishedClaims: 1, claims: 1 })).toBe(
      "established",
    );
    expect(identityConfidence({ established: false, establishedClaims: 3, claims: 3 })).toBe(
      "corroborated",
    );
  });

  it("tells claims that wait from a subject with none", () => {
    expect(identityConfidence({ established: false, establishedClaims: 0, claims: 2 })).toBe(
      "claimed",
    );
    expect(identityConfidence({ established: false, establishedClaims: 0, claims: 0 })).toBe(
      "clues",
    );
  });
});
