import { ed25519 } from "@noble/curves/ed25519.js";
import { verifyEd25519 } from "../ledger/signatures";
import { z } from "zod";
import { concatBytes, fromHex, toHex, utf8 } from "../ledger/bytes";
import { signedTreeHeadSchema, verifyHeadExtension } from "../ledger/consistency";
import { sha256 } from "../ledger/hashing";
import type { SignedTreeHead, SigningKey } from "../ledger/treeHead";
import type { ConsistencyFile } from "./manifest";

// A receiving agency as a witness of the operation's log: it keeps the last head it saw, accepts
// a new one only when the package proves it extends that head, and cosigns it. The cosignature
// follows the C2SP tlog-cosignature scheme (cosignature/v1 over the checkpoint body, with the
// time), so Sweetie can record it against the head and show who saw which history.

export const WITNESS_STATE_FORMAT = "sweetie.witness.state";

export const witnessStateSchema = z.object({
  format: z.literal(WITNESS_STATE_FORMAT),
  version: z.literal(1),
  /** Per log (operation id + log key), the last head this witness accepted. */
  logs: z.record(z.string(), signedTreeHeadSchema),
});
export type WitnessState = z.infer<typeof witnessStateSchema>;

export function emptyWitnessState(): WitnessState {
  return { format: WITNESS_STATE_FORMAT, version: 1, logs: {} };
}

export const logKeyOf = (head: SignedTreeHead) => `${head.head.operation}/${head.publicKey}`;

/** The C2SP checkpoint origin line of an operation's log. */
export const originOf = (operationId: string) => `sweetie/${operationId}`;

export type WitnessDecision =
  | { ok: true; firstSight: boolean; previous: SignedTreeHead | null; state: WitnessState }
  | { ok: false; reason: string };

/**
 * Checks a package's head against the witness's state, using the package's consistency proofs.
 * Refuses a smaller log, a different root at the same size (a split view) and a log that is not
 * an extension of the head last seen (a rewritten history).
 */
export function witnessHead(
  state: WitnessState,
  head: SignedTreeHead,
  consistency: ConsistencyFile | null,
): WitnessDecision {
  const key = logKeyOf(head);
  const previous = state.logs[key] as SignedTreeHead | undefined;
  const next: WitnessState = { ...state, logs: { ...state.logs, [key]: head } };
  if (!previous) return { ok: true, firstSight: true, previous: null, state: next };
  const seen = previous.head;
  if (head.head.size < seen.size) {
    return {
      ok: false,
      reason: `refused: this package's log has ${head.head.size} entries, fewer than the ${seen.size} you already saw (a rolled-back or different history)`,
    };
  }
  if (head.head.size === seen.size) {
    return head.head.root === seen.root
      ? { ok: true, firstSight: false, previous, state: next }
      : {
          ok: false,
          reason: `refused: the log has the same size (${seen.size}) as the head you saw but another root: Sweetie showed two different histories (split view)`,
        };
  }
  const proof = consistency?.from.find((f) => f.size === seen.size);
  if (!proof || proof.root !== seen.root) {
    return {
      ok: false,
      reason: `refused: the package carries no consistency proof from the head you last saw (${seen.size} entries, root ${seen.root}): its history may have been rewritten`,
    };
  }
  const extension = verifyHeadExtension(seen, head.head, proof.hashes);
  if (!extension.ok) return { ok: false, reason: `refused: ${extension.reason}` };
  return { ok: true, firstSight: false, previous, state: next };
}

function checkpointBody(head: SignedTreeHead): string {
  const root = btoa(String.fromCharCode(...fromHex(head.head.root)));
  return `${originOf(head.head.operation)}\n${head.head.size}\n${root}\n`;
}

/** The bytes a cosignature/v1 signs: the header line, the time, then the checkpoint body. */
export function cosignedMessage(head: SignedTreeHead, unixSeconds: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${unixSeconds}\n${checkpointBody(head)}`);
}

/** The key id of a cosignature/v1 key: SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]. */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, 0x04), publicKey)).subarray(0, 4);
}

export interface Cosignature {
  witness: string;
  publicKey: string;
  time: number;
  /** The note signature line: "— <name> <base64(key id ‖ time ‖ signature)>". */
  line: string;
  signature: string;
}

export function cosignHead(
  head: SignedTreeHead,
  witness: string,
  key: SigningKey,
  now: Date,
): Cosignature {
  const time = Math.floor(now.getTime() / 1000);
  const signature = ed25519.sign(cosignedMessage(head, time), key.secretKey);
  const timestamp = new Uint8Array(8);
  new DataView(timestamp.buffer).setBigUint64(0, BigInt(time));
  const blob = concatBytes(cosignatureKeyId(witness, key.publicKey), timestamp, signature);
  return {
    witness,
    publicKey: toHex(key.publicKey),
    time,
    line: `\u2014 ${witness} ${btoa(String.fromCharCode(...blob))}`,
    signature: toHex(signature),
  };
}

/** True when a cosignature line is valid for the head under the witness's public key. */
export function verifyCosignature(
  head: SignedTreeHead,
  line: string,
  witness: string,
  publicKeyHex: string,
): boolean {
  try {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line.trim());
    if (!match || match[1] !== witness) return false;
    const blob = Uint8Array.from(atob(match[2]!), (c) => c.charCodeAt(0));
    if (blob.length !== 4 + 8 + 64) return false;
    const publicKey = fromHex(publicKeyHex);
    const id = cosignatureKeyId(witness, publicKey);
    if (!id.every((b, i) => blob[i] === b)) return false;
    const time = Number(new DataView(blob.buffer, blob.byteOffset + 4, 8).getBigUint64(0));
    return verifyEd25519(blob.subarray(12), cosignedMessage(head, time), publicKey);
  } catch {
    return false;
  }
}
