import { z } from "zod";
import { bytesEqual, fromHex, toHex } from "./bytes";
import {
  createFrontier,
  frontierAppend,
  frontierRoot,
  MerkleTree,
  type Frontier,
} from "./merkleTree";
import { verifyConsistency } from "./proofVerification";
import { verifyHead, type SignedTreeHead, type TreeHead } from "./treeHead";

// Consistency between two heads of one log (RFC 6962 §2.1.2, RFC 9162 §2.1.4): the older tree
// is a prefix of the newer one, so nothing the older head covered was changed, removed or moved.
// Pure, for the server's signer and verifier, a supervisor's checkpoint and an agency's witness.

export type ConsistencyResult = { ok: true } | { ok: false; reason: string };

/**
 * PROOF(older.size, D[newer.size]) as hex, from the log's leaf hashes (or a tree over them). The
 * leaves must be the log the newer head was signed over.
 */
export function proveHeadConsistency(
  leaves: readonly Uint8Array[] | MerkleTree,
  older: Pick<TreeHead, "size">,
  newer: Pick<TreeHead, "size">,
): string[] {
  const tree = leaves instanceof MerkleTree ? leaves : new MerkleTree(leaves);
  return tree.consistencyProof(older.size, newer.size).map(toHex);
}

/**
 * True when `newer` extends `older`: same operation, not smaller, and the proof shows the older
 * tree is a prefix of the newer (equal heads need an empty proof). Signatures are not checked
 * here; verifySignedHeadExtension checks them too. Never throws on hostile input.
 */
export function verifyHeadExtension(
  older: TreeHead,
  newer: TreeHead,
  proofHex: readonly string[],
): ConsistencyResult {
  try {
    if (older.operation !== newer.operation) {
      return { ok: false, reason: "the two heads belong to different operations" };
    }
    if (newer.size < older.size) {
      return {
        ok: false,
        reason: `the log has ${newer.size} entries, fewer than the ${older.size} the older head covered`,
      };
    }
    const ok = verifyConsistency(
      older.size,
      newer.size,
      fromHex(older.root),
      fromHex(newer.root),
      proofHex.map(fromHex),
    );
    return ok
      ? { ok: true }
      : {
          ok: false,
          reason: `the tree of size ${newer.size} is not an extension of the head of size ${older.size} (root ${older.root}): the history it covered was rewritten`,
        };
  } catch (error) {
    return { ok: false, reason: `malformed head or proof: ${(error as Error).message}` };
  }
}

/** verifyHeadExtension, plus both heads' signatures under `trustedKeys` (hex). */
export function verifySignedHeadExtension(
  older: SignedTreeHead,
  newer: SignedTreeHead,
  proofHex: readonly string[],
  trustedKeys: readonly string[],
): ConsistencyResult {
  if (!verifyHead(older, trustedKeys)) {
    return { ok: false, reason: "the older head's signature is invalid or its key is not trusted" };
  }
  if (!verifyHead(newer, trustedKeys)) {
    return { ok: false, reason: "the newer head's signature is invalid or its key is not trusted" };
  }
  return verifyHeadExtension(older.head, newer.head, proofHex);
}

/** A copy of `frontier` with `leaves` appended (the compact range of the longer log). */
export function extendFrontier(frontier: Frontier, leaves: readonly Uint8Array[]): Frontier {
  const extended = createFrontier(frontier.size, frontier.hashes);
  for (const leaf of leaves) frontierAppend(extended, leaf);
  return extended;
}

/**
 * True when appending `leaves` to the compact range of a trusted log gives `root`: the tree of
 * size frontier.size + leaves.length with that root extends the trusted one. What a signer that
 * keeps its last frontier checks before signing, reading only the leaves added since.
 */
export function frontierExtendsTo(
  frontier: Frontier,
  leaves: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  return bytesEqual(frontierRoot(extendFrontier(frontier, leaves)), root);
}

const hex = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `${bytes * 2} lowercase hex characters`);

export const signedTreeHeadSchema = z.object({
  head: z.object({
    operation: z.string().min(1),
    size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    root: hex(32),
    time: z.string().min(1),
  }),
  signature: hex(64),
  publicKey: hex(32),
});

export const CHECKPOINT_FORMAT = "sweetie.ledger.checkpoint";

/**
 * A checkpoint: signed heads (at most one per operation, the latest) exported so a supervisor or
 * a receiving agency can later check that the stored log still extends them.
 */
export const checkpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string().min(1),
  heads: z.array(signedTreeHeadSchema),
});

export type Checkpoint = z.infer<typeof checkpointSchema>;

export function buildCheckpoint(heads: readonly SignedTreeHead[], exportedAt: Date): Checkpoint {
  return {
    format: CHECKPOINT_FORMAT,
    version: 1,
    exportedAt: exportedAt.toISOString(),
    heads: heads.map((h) => ({
      head: { ...h.head },
      signature: h.signature,
      publicKey: h.publicKey,
    })),
  };
}

/** Parses a checkpoint file's text; the reason says what is wrong in a person's words. */
export function parseCheckpoint(
  text: string,
): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "the file is not JSON" };
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      reason: `not a Sweetie ledger checkpoint (${issue.path.join(".") || "file"}: ${issue.message})`,
    };
  }
  return { ok: true, checkpoint: parsed.data };
}
