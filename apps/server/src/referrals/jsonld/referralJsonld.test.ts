import { describe, expect, it } from "vitest";
import type { ConversationDigest } from "../conversationDigest";
import type { ReferralSubject } from "../referralSource";
import { buildReferralJsonld } from "./referralJsonld";
import type { ReferralJsonldInput } from "./referralJsonldInput";

// The builder on its own (the SHACL conformance test builds a real package): deterministic, and
// two subjects who used one handle on one venue each keep their own account.

const conversation = (id: string, handle: string): ConversationDigest => ({
  id,
  openingIndex: 1,
  initiator: "counterpart",
  counterpartHandle: handle,
  venue: { protocol: "training", name: "lobby", address: "training://lobby" },
  persona: { name: "ana", age: 10 },
  createdAt: "2026-11-30T10:00:00.000000Z",
  messages: [
    {
      index: 2,
      id: `${id}-m1`,
      seq: 1,
      direction: "in",
      body: "hi asl?",
      sentBy: null,
      moveId: null,
      moveLibraryVersion: null,
      createdAt: "2026-11-30T10:00:01.000000Z",
      indicators: ["age.query"],
    },
  ],
  events: [],
  captures: [],
  decisions: [],
  entriesPath: `evidence/conversations/${id}/entries.jsonl`,
});

const subject = (id: string, conversationId: string): ReferralSubject => ({
  id,
  label: `subject ${id}`,
  country: "DE",
  established: false,
  notEstablishedBecause: "No claim has been recorded yet.",
  identifiers: [],
  conversationIds: [conversationId],
});

const input: ReferralJsonldInput = {
  packageId: "p-1",
  now: new Date("2026-12-01T10:00:00Z"),
  country: "DE",
  agency: "Test agency",
  operation: {
    id: "op-1",
    name: "Test operation",
    mode: "identify",
    isTraining: true,
    authorization: {
      issuingAuthority: "Test prosecutor",
      reference: "REF-1",
      partnerUnit: "Test unit",
      startsAt: "2026-11-01T00:00:00.000Z",
      endsAt: "2026-12-31T00:00:00.000Z",
      permittedVenues: ["training://lobby"],
    },
    personas: [{ id: "pe-1", name: "ana", age: 10, gender: "female", location: "Manila" }],
  },
  subjects: [subject("s-1", "c-1"), subject("s-2", "c-2")],
  digests: new Map([
    ["s-1", [conversation("c-1", "same handle")]],
    ["s-2", [conversation("c-2", "same handle")]],
  ]),
  transcripts: new Map(),
  head: { size: 10, root: "ab".repeat(32) },
  tool: { name: "Sweetie", version: "0.1.0" },
};

describe("buildReferralJsonld", () => {
  it("gives the same document for the same input", () => {
    expect(JSON.stringify(buildReferralJsonld(input))).toBe(
      JSON.stringify(buildReferralJsonld(input)),
    );
  });

  it("keeps one account per subject when two subjects used the same handle", () => {
    const graph = buildReferralJsonld(input)["@graph"];
    const owners = graph
      .filter((n) => n["@type"] === "uco-observable:AccountFacet")
      .map((n) => n["uco-observable:owner"]);
    expect(owners).toHaveLength(3); // the persona's account and the two subjects'
    expect(new Set(owners.map((o) => JSON.stringify(o))).size).toBe(3);
  });

  it("operation status follows the authorized window", () => {
    const op = (now: string) =>
      buildReferralJsonld({ ...input, now: new Date(now) })["@graph"].find(
        (n) => n["cacontology-undercover:operationType"] === "online_investigation",
      )!["cacontology-undercover:operationStatus"];
    expect(op("2026-10-01T00:00:00Z")).toBe("planning");
    expect(op("2026-12-01T00:00:00Z")).toBe("active");
    expect(op("2027-01-05T00:00:00Z")).toBe("completed");
  });
});
