import { bytesEqual, fromHex } from "../ledger/bytes";
import { leafHash } from "../ledger/hashing";
import type { SignedTreeHead } from "../ledger/treeHead";
import { decodeBatchProof } from "./batchProof";
import { readEntryLines } from "./entryLines";
import { checkBatchProof, ProvedNodes } from "./provedNodes";

// Proves an entries file against the package's signed head with its batch proof: every line is
// a ledger entry of this operation at the index the manifest gives, and all of them together
// lead to the head's root.

export interface CaptureEntry {
  bytesSha256: unknown;
  sizeBytes: unknown;
}

/** What a finding entry records of its file (the hash at recording and as stored when read). */
export interface FindingEntry {
  fileSha256: unknown;
  fileBytesSha256: unknown;
  fileSizeBytes: unknown;
}

export type EntriesProof =
  | {
      ok: true;
      entries: number;
      captures: Map<number, CaptureEntry>;
      findings: Map<number, FindingEntry>;
      /** How many entries of each kind the file holds (for the reader: "3 claims, 1 finding"). */
      kinds: Map<string, number>;
    }
  /** `proofBroken`: the proof file itself is not a proof against this head. */
  | { ok: false; detail: string; proofBroken: boolean };

export function proveEntries(
  entriesBytes: Uint8Array,
  proofBytes: Uint8Array,
  leafIndices: readonly number[],
  head: SignedTreeHead,
  /** The nodes earlier entries files proved against this head (shared across a package). */
  proved?: ProvedNodes,
  /** Each line's leaf hash (32 bytes apiece) when the host worked them out already. */
  leafHashes?: Uint8Array,
): EntriesProof {
  const broken = (detail: string): EntriesProof => ({ ok: false, detail, proofBroken: true });
  const wrong = (detail: string): EntriesProof => ({ ok: false, detail, proofBroken: false });
  const proof = decodeBatchProof(proofBytes);
  if (!proof) return broken("the proof file is damaged: it is not a batch inclusion proof");
  let root: Uint8Array;
  try {
    root = proved?.root ?? fromHex(head.head.root);
  } catch {
    return broken("the package's head has no valid root");
  }
  if (proof.treeSize !== head.head.size || !bytesEqual(proof.root, root)) {
    return broken("the proof is not against the package's signed head");
  }
  const parsed = readEntryLines(entriesBytes);
  if (parsed.length !== proof.indices.length || parsed.length !== leafIndices.length) {
    return wrong("the number of entries, of proved leaves and of leaf indices differ");
  }
  const captures = new Map<number, CaptureEntry>();
  const findings = new Map<number, FindingEntry>();
  const kinds = new Map<string, number>();
  if (parsed.length === 0) return { ok: true, entries: 0, captures, findings, kinds };
  const given = leafHashes?.length === 32 * parsed.length ? leafHashes : undefined;
  const lines = given ? null : splitLines(entriesBytes);
  const leaves: Uint8Array[] = new Array<Uint8Array>(parsed.length);
  for (let i = 0; i < parsed.length; i++) {
    const entry = parsed[i];
    if (!entry) return wrong(`line ${i + 1} is not a ledger entry`);
    if (entry.index !== proof.indices[i] || entry.index !== leafIndices[i]) {
      return wrong(`line ${i + 1}: the entry's index, its proof's and the manifest's differ`);
    }
    if (entry.operation !== head.head.operation) {
      return wrong(`line ${i + 1} belongs to another operation`);
    }
    if (entry.kind === "capture") {
      const { bytesSha256, sizeBytes } = entry.content;
      captures.set(entry.index, { bytesSha256, sizeBytes });
    }
    if (entry.kind === "finding") {
      const { fileSha256, fileBytesSha256, fileSizeBytes } = entry.content;
      findings.set(entry.index, { fileSha256, fileBytesSha256, fileSizeBytes });
    }
    kinds.set(entry.kind, (kinds.get(entry.kind) ?? 0) + 1);
    leaves[i] = given ? given.subarray(32 * i, 32 * i + 32) : leafHash(lines![i]!);
  }
  const checked = checkBatchProof(proof, leaves, proved ?? new ProvedNodes(proof.treeSize, root));
  if (checked === "misfit") {
    return broken("the proof does not fit its entries (nodes missing or left over)");
  }
  if (checked === "mismatch") {
    return wrong(
      `entries ${proof.indices[0]}–${proof.indices.at(-1)} are not all in the signed log: the text of an entry or the proof was changed`,
    );
  }
  return { ok: true, entries: parsed.length, captures, findings, kinds };
}

/** The lines of an entries file (each an RFC 8785 entry; JSON never holds a raw newline). */
function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}
