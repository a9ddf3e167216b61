import { describe, expect, it } from "vitest";
import type { ConversationDigest } from "../conversationDigest";
import type { ReferralSubject } from "../referralSource";
import { buildReferralJsonld, referralJsonldChunks } from "./referralJsonld";
import { referralJsonldOnThread } from "./referralJsonldThread";
import { transcriptFacts } from "./referralJsonldWorker";
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

  it("links a claim to the finding file and the chat message it rests on (Supported_By)", () => {
    const claimed: ReferralSubject = {
      ...subject("s-1", "c-1"),
      identifiers: [
        {
          kind: "uses the email address",
          value: "cp1@example.net",
          claim: { id: "cl-1", predicate: "uses_email" },
          sources: ['finding "Profile"'],
          basis: {
            files: [
              {
                findingId: "f-1",
                title: "Profile",
                path: "evidence/subjects/s-1/finding-f-1.png",
                mediaType: "image/png",
                sizeBytes: 12,
                sha256: "cd".repeat(32),
              },
            ],
            messages: [
              { id: "c-1-m1", conversationId: "c-1" },
              // A message of a conversation the package does not carry: no node to link to.
              { id: "elsewhere", conversationId: "c-9" },
            ],
          },
        },
      ],
    };
    const document = buildReferralJsonld({ ...input, subjects: [claimed] });
    const graph = document["@graph"];
    const byId = new Map(graph.map((n) => [n["@id"], n]));
    const links = graph.filter((n) => n["uco-core:kindOfRelationship"] === "Supported_By");
    expect(links).toHaveLength(2);
    const claim = graph.find((n) => n["@type"] === "uco-core:Assertion")!;
    for (const link of links) {
      expect(link["@type"]).toBe("uco-core:Relationship");
      expect(link["uco-core:source"]).toEqual({ "@id": claim["@id"] });
      expect(link["@id"]).toMatch(/^kb:claim-supported-by-[0-9a-f-]{36}$/);
    }
    const targets = links.map((l) => byId.get((l["uco-core:target"] as { "@id": string })["@id"])!);
    expect(targets.map((t) => t["@type"]).sort()).toEqual([
      "uco-observable:File",
      "uco-observable:Message",
    ]);
    const hash = graph.find(
      (n) => n["@type"] === "uco-types:Hash" && JSON.stringify(n).includes("CDCD"),
    );
    expect(hash?.["uco-types:hashValue"]).toEqual({
      "@type": "xsd:hexBinary",
      "@value": "CD".repeat(32),
    });
    expect(document["@context"].kb).toBe("urn:sweetie:kb:");
    // Stable: the same claim and finding give the same IRIs in every package.
    const again = buildReferralJsonld({ ...input, packageId: "p-2", subjects: [claimed] });
    expect(
      again["@graph"]
        .filter((n) => n["uco-core:kindOfRelationship"] === "Supported_By")
        .map((n) => n["@id"]),
    ).toEqual(links.map((n) => n["@id"]));
  });
});

describe("referralJsonldOnThread", () => {
  it("writes the same bytes as the in-process writer, transcripts' facts included", async () => {
    const digests = input.digests;
    const transcripts = new Map(
      [...digests.values()].flat().map((d) => [d.id, transcriptFacts(d)] as const),
    );
    const expected = [...referralJsonldChunks({ ...input, transcripts })].join("");
    expect(expected).toContain("transcript.txt");
    const { digests: _d, transcripts: _t, ...header } = input;
    let text = "";
    for await (const chunk of referralJsonldOnThread(header, digests)) text += chunk;
    expect(text).toBe(expected);
  });

  it("fails (and stops its thread) when a node is described two different ways", async () => {
    // Two subjects with one id: the same person node, described with different labels.
    const clash = { ...subject("s-1", "c-2"), label: "another label" };
    const { digests: _d, transcripts: _t, ...header } = input;
    const run = async () => {
      for await (const _chunk of referralJsonldOnThread(
        { ...header, subjects: [subject("s-1", "c-1"), clash] },
        input.digests,
      ));
    };
    await expect(run()).rejects.toThrow(/described two different ways/);
  });
});
