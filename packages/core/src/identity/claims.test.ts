import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradingInWords } from "./admiralty";
import { claimStatus, independentOrigins, type CitedSource } from "./claims";

const finding = (id: string, fileSha256: string | null = null, derivedFrom: string | null = null) =>
  ({ type: "finding", id, fileSha256, derivedFrom }) as const;
const observation = (id: string, conversationId: string) =>
  ({ type: "observation", id, messageId: `m-${id}`, conversationId }) as const;

const base = {
  authorId: "author",
  retracted: false,
  sourcesChangedAt: "2026-12-01T10:00:00.000000Z",
};
const signOff = (reviewerId: string, at = "2026-12-01T11:00:00.000000Z") => ({ reviewerId, at });

describe("independent sources", () => {
  it("counts the same finding cited twice as one source", () => {
    expect(independentOrigins([finding("f1"), finding("f1")])).toHaveLength(1);
  });

  it("counts two findings with the same captured file as one", () => {
    expect(independentOrigins([finding("f1", "aa"), finding("f2", "aa")])).toHaveLength(1);
  });

  it("counts a finding derived from another (even through a chain) as the same origin", () => {
    expect(independentOrigins([finding("f1"), finding("f2", null, "f1")])).toHaveLength(1);
    const chain = new Map([["f2", "f1"]]);
    expect(independentOrigins([finding("f1"), finding("f3", null, "f2")], chain)).toHaveLength(1);
  });

  it("counts two disclosures in one conversation as one source, and a finding beside them as another", () => {
    expect(independentOrigins([observation("o1", "c1"), observation("o2", "c1")])).toHaveLength(1);
    expect(independentOrigins([observation("o1", "c1"), finding("f1", "bb")])).toHaveLength(2);
  });

  it("never counts more origins than distinct sources, nor fewer than one per distinct file", () => {
    const source = fc.oneof(
      fc.record({
        type: fc.constant("finding" as const),
        id: fc.constantFrom("f1", "f2", "f3", "f4"),
        fileSha256: fc.option(fc.constantFrom("a", "b", "c")),
        derivedFrom: fc.option(fc.constantFrom("f1", "f2", "f3", "f4")),
      }),
      fc.record({
        type: fc.constant("observation" as const),
        id: fc.constantFrom("o1", "o2", "o3"),
        messageId: fc.constant(null),
        conversationId: fc.option(fc.constantFrom("c1", "c2")),
      }),
    );
    fc.assert(
      fc.property(fc.array(source, { maxLength: 8 }), (sources: CitedSource[]) => {
        const groups = independentOrigins(sources);
        const distinct = new Set(sources.map((s) => `${s.type}:${s.id}`));
        expect(groups.length).toBeLessThanOrEqual(distinct.size);
        expect(groups.flat().sort()).toEqual([...distinct].sort());
      }),
    );
  });
});

describe("claimStatus", () => {
  const two = [finding("f1", "aa"), finding("f2", "bb")];

  it("is established with two independent sources and a non-author's sign-off", () => {
    expect(claimStatus({ ...base, sources: two, signOffs: [signOff("reviewer")] })).toEqual({
      established: true,
      independentSources: 2,
      signedOffBy: "reviewer",
    });
  });

  it("is not established with one source, even signed off", () => {
    const status = claimStatus({
      ...base,
      sources: [finding("f1"), finding("f1")],
      signOffs: [signOff("r")],
    });
    expect(status.established).toBe(false);
    expect(status.independentSources).toBe(1);
  });

  it("is not established when only the author signed it off", () => {
    const status = claimStatus({ ...base, sources: two, signOffs: [signOff("author")] });
    expect(status).toMatchObject({ established: false });
    if (!status.established) expect(status.missing.join(" ")).toMatch(/not its author/);
  });

  it("needs a new sign-off after its sources change", () => {
    const status = claimStatus({
      ...base,
      sources: two,
      sourcesChangedAt: "2026-12-01T12:00:00.000000Z",
      signOffs: [signOff("reviewer")],
    });
    expect(status.established).toBe(false);
  });

  it("is not established once retracted", () => {
    expect(
      claimStatus({ ...base, retracted: true, sources: two, signOffs: [signOff("r")] }).established,
    ).toBe(false);
  });
});

describe("Admiralty grading in words", () => {
  it("says both parts", () => {
    expect(gradingInWords("B", "3")).toBe(
      "Usually reliable source; information possibly true (B3)",
    );
  });
});
