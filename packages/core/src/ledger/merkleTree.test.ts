import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "./bytes";
import { EMPTY_ROOT, leafHash } from "./hashing";
import { MerkleTree, createFrontier, frontierAppend, frontierRoot, merkleRoot } from "./merkleTree";
import { verifyConsistency, verifyInclusion } from "./proofVerification";

// Known answers from the Certificate Transparency / transparency-dev RFC 6962 test data: eight
// leaf inputs, the root of every prefix, and published inclusion and consistency proofs.
const LEAF_INPUTS = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
];
const ROOTS = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const LEAF_HASHES = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
  "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
  "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
  "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
  "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
  "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
];
// [leaf index (0-based), tree size, proof]
const INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    5,
    8,
    [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [
    1,
    5,
    [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
];
// [old size, new size, proof]
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    6,
    8,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [
    2,
    5,
    [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
  [
    6,
    7,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
];

const leaves = LEAF_INPUTS.map((hex) => leafHash(fromHex(hex)));
const tree = new MerkleTree(leaves);

describe("RFC 6962 known answers", () => {
  it("hashes the leaf inputs to the published leaf hashes", () => {
    expect(leaves.map(toHex)).toEqual(LEAF_HASHES);
  });

  it("computes the published root for every size 0..8, three ways", () => {
    expect(toHex(EMPTY_ROOT)).toBe(ROOTS[0]);
    const frontier = createFrontier();
    for (let size = 1; size <= 8; size++) {
      frontierAppend(frontier, leaves[size - 1]!);
      expect(toHex(tree.root(size))).toBe(ROOTS[size]);
      expect(toHex(merkleRoot(leaves.slice(0, size)))).toBe(ROOTS[size]);
      expect(toHex(frontierRoot(frontier))).toBe(ROOTS[size]);
    }
  });

  it.each(INCLUSION)(
    "builds and verifies the inclusion proof of leaf %i in size %i",
    (index, size, proof) => {
      expect(tree.inclusionProof(index, size).map(toHex)).toEqual(proof);
      expect(
        verifyInclusion(index, size, leaves[index]!, proof.map(fromHex), fromHex(ROOTS[size]!)),
      ).toBe(true);
      expect(
        verifyInclusion(index + 1, size, leaves[index]!, proof.map(fromHex), fromHex(ROOTS[size]!)),
      ).toBe(false);
    },
  );

  it.each(CONSISTENCY)(
    "builds and verifies the consistency proof from size %i to %i",
    (m, n, proof) => {
      expect(tree.consistencyProof(m, n).map(toHex)).toEqual(proof);
      expect(
        verifyConsistency(m, n, fromHex(ROOTS[m]!), fromHex(ROOTS[n]!), proof.map(fromHex)),
      ).toBe(true);
      if (m !== n) {
        expect(
          verifyConsistency(m, n, fromHex(ROOTS[n]!), fromHex(ROOTS[m]!), proof.map(fromHex)),
        ).toBe(false);
      }
    },
  );

  it("treats sizes 0 and equal sizes as RFC 9162 does", () => {
    const root1 = fromHex(ROOTS[1]!);
    expect(verifyConsistency(0, 1, EMPTY_ROOT, root1, [])).toBe(true);
    expect(verifyConsistency(1, 1, root1, root1, [])).toBe(true);
    expect(verifyConsistency(1, 1, root1, root1, [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(1, 2, root1, fromHex(ROOTS[2]!), [])).toBe(false);
    expect(verifyConsistency(2, 1, fromHex(ROOTS[2]!), root1, [])).toBe(false);
    expect(verifyInclusion(0, 0, leaves[0]!, [], EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(0, 1, leaves[0]!, [], root1)).toBe(true);
    expect(verifyInclusion(0, 1, leaves[0]!, [], new Uint8Array(0))).toBe(false);
  });
});
