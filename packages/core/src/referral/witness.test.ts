import { describe, expect, it } from "vitest";
import { toHex } from "../ledger/bytes";
import { sha256 } from "../ledger/hashing";
import { MerkleTree } from "../ledger/merkleTree";
import { generateSigningKey, signTreeHead } from "../ledger/treeHead";
import { consistencyFile } from "./packageParts";
import { cosignHead, emptyWitnessState, verifyCosignature, witnessHead } from "./witness";

const OPERATION = "0190a4c2-0000-7000-8000-000000000002";
const log = Array.from({ length: 60 }, (_, i) => sha256(Uint8Array.of(i)));
const key = generateSigningKey();
const agency = generateSigningKey();

function headAt(leaves: Uint8Array[], size: number) {
  const tree = new MerkleTree(leaves.slice(0, size));
  return {
    tree,
    head: signTreeHead(
      { operation: OPERATION, size, root: toHex(tree.root()), time: `2026-12-01T00:00:${size}Z` },
      key,
    ),
  };
}

describe("witness", () => {
  const first = headAt(log, 16);
  const grown = headAt(log, 37);
  const carried = consistencyFile(grown.tree, [first.head], grown.head);

  it("stores the first head, then cosigns a head whose log grew consistently", () => {
    const seen = witnessHead(emptyWitnessState(), first.head, null);
    expect(seen.ok && seen.firstSight).toBe(true);
    if (!seen.ok) return;
    const next = witnessHead(seen.state, grown.head, carried);
    expect(next.ok).toBe(true);
    if (!next.ok) return;
    expect(next.previous?.head.size).toBe(16);
    expect(Object.values(next.state.logs)[0]?.head.size).toBe(37);
    const cosignature = cosignHead(
      grown.head,
      "nl-police",
      agency,
      new Date("2026-12-01T12:00:00Z"),
    );
    expect(cosignature.line).toMatch(/^\u2014 nl-police [A-Za-z0-9+/]+=*$/);
    expect(
      verifyCosignature(grown.head, cosignature.line, "nl-police", cosignature.publicKey),
    ).toBe(true);
    expect(
      verifyCosignature(first.head, cosignature.line, "nl-police", cosignature.publicKey),
    ).toBe(false);
    expect(verifyCosignature(grown.head, cosignature.line, "other", cosignature.publicKey)).toBe(
      false,
    );
  });

  it("refuses a package built on a rewritten history", () => {
    const seen = witnessHead(emptyWitnessState(), first.head, null);
    if (!seen.ok) throw new Error("first sight refused");
    const rewritten = [...log];
    rewritten[3] = sha256(Uint8Array.of(99));
    const forged = headAt(rewritten, 40);
    // The forger's own consistency proof from a head it pretends is the one the agency saw.
    const forgedProofs = consistencyFile(forged.tree, [headAt(rewritten, 16).head], forged.head);
    const refused = witnessHead(seen.state, forged.head, forgedProofs);
    expect(refused).toEqual({ ok: false, reason: expect.stringMatching(/rewritten/) });
    // Presenting the agency's real old root with the forged proof does not pass either.
    forgedProofs.from[0]!.root = first.head.head.root;
    const still = witnessHead(seen.state, forged.head, forgedProofs);
    expect(still.ok).toBe(false);
  });

  it("refuses a split view (same size, another root) and a smaller log", () => {
    const seen = witnessHead(emptyWitnessState(), grown.head, null);
    if (!seen.ok) throw new Error("first sight refused");
    const other = [...log];
    other[30] = sha256(Uint8Array.of(77));
    const split = witnessHead(seen.state, headAt(other, 37).head, null);
    expect(split).toEqual({ ok: false, reason: expect.stringMatching(/split view/) });
    const smaller = witnessHead(seen.state, first.head, null);
    expect(smaller).toEqual({ ok: false, reason: expect.stringMatching(/fewer than/) });
  });
});
