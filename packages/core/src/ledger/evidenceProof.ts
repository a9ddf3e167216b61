import { bytesEqual, fromHex, toHex } from "./bytes";
import { entryLeafHash, type LedgerEntry } from "./entries";
import { verifyInclusion } from "./proofVerification";
import { verifyHead, type SignedTreeHead } from "./treeHead";

/**
 * Everything an agency needs to check one evidence item offline: the entry exactly as hashed,
 * its inclusion proof, and the signed head the proof leads to.
 */
export interface EvidenceProof {
  entry: LedgerEntry;
  /** Hex leaf hash, SHA-256(0x00 ‖ RFC 8785 entry). */
  leafHash: string;
  proof: { index: number; size: number; hashes: string[] };
  head: SignedTreeHead;
}

export type EvidenceProofResult = { ok: true } | { ok: false; reason: string };

/**
 * Checks an evidence proof: the entry hashes to the leaf, the leaf is at its index in the tree
 * of the head's size, the head's root is that tree's, and the head is signed by a trusted key.
 */
export function verifyEvidenceProof(
  bundle: EvidenceProof,
  trustedKeys: readonly string[],
): EvidenceProofResult {
  try {
    const leaf = entryLeafHash(bundle.entry);
    if (!bytesEqual(leaf, fromHex(bundle.leafHash))) {
      return { ok: false, reason: `the entry hashes to ${toHex(leaf)}, not ${bundle.leafHash}` };
    }
    if (bundle.entry.index !== bundle.proof.index) {
      return { ok: false, reason: "the entry's index and the proof's index differ" };
    }
    if (bundle.entry.operation !== bundle.head.head.operation) {
      return { ok: false, reason: "the entry and the head belong to different operations" };
    }
    if (bundle.proof.size !== bundle.head.head.size) {
      return { ok: false, reason: "the proof is for another tree size than the head's" };
    }
    if (!verifyHead(bundle.head, trustedKeys)) {
      return { ok: false, reason: "the head's signature is invalid or its key is not trusted" };
    }
    const ok = verifyInclusion(
      bundle.proof.index,
      bundle.proof.size,
      leaf,
      bundle.proof.hashes.map(fromHex),
      fromHex(bundle.head.head.root),
    );
    return ok
      ? { ok: true }
      : { ok: false, reason: "the inclusion proof does not lead to the head's root" };
  } catch (error) {
    return { ok: false, reason: `malformed proof: ${(error as Error).message}` };
  }
}
