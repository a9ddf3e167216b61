import { ed25519 } from "@noble/curves/ed25519.js";
import { verifyEd25519 } from "./signatures";
import { bytesEqual, fromHex, toHex } from "./bytes";
import { canonicalBytes } from "./canonicalJson";
import { HASH_SIZE } from "./hashing";

/** A tree head: the operation's log had `size` entries with this root at `time`. */
export interface TreeHead {
  operation: string;
  size: number;
  /** Merkle root, hex. */
  root: string;
  /** RFC 3339 UTC. */
  time: string;
}

/** A head with its Ed25519 signature over the head's RFC 8785 form, and the signer's key. */
export interface SignedTreeHead {
  head: TreeHead;
  /** Ed25519 signature, hex (64 bytes). */
  signature: string;
  /** Ed25519 public key, hex (32 bytes). */
  publicKey: string;
}

export function treeHeadBytes(head: TreeHead): Uint8Array {
  return canonicalBytes({
    operation: head.operation,
    size: head.size,
    root: head.root,
    time: head.time,
  });
}

export interface SigningKey {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

/** A key from a 32-byte Ed25519 seed (secret key). */
export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new Error(`an Ed25519 secret key is 32 bytes, not ${seed.length}`);
  return { secretKey: seed, publicKey: ed25519.getPublicKey(seed) };
}

export function generateSigningKey(): SigningKey {
  return signingKeyFromSeed(ed25519.utils.randomSecretKey());
}

export function signTreeHead(head: TreeHead, key: SigningKey): SignedTreeHead {
  return {
    head: { ...head },
    signature: toHex(ed25519.sign(treeHeadBytes(head), key.secretKey)),
    publicKey: toHex(key.publicKey),
  };
}

/**
 * True when the signature is valid for the head under its public key, the root is a SHA-256
 * hash, and (when given) the key is one of `trustedKeys` (hex). Strict RFC 8032 decoding.
 * A head that verifies with an untrusted key proves nothing: pass the keys you trust.
 */
export function verifyHead(signed: SignedTreeHead, trustedKeys?: readonly string[]): boolean {
  try {
    const { head } = signed;
    if (!Number.isSafeInteger(head.size) || head.size < 0) return false;
    if (fromHex(head.root).length !== HASH_SIZE) return false;
    const publicKey = fromHex(signed.publicKey);
    if (trustedKeys && !trustedKeys.some((key) => bytesEqual(fromHex(key), publicKey))) {
      return false;
    }
    return verifyEd25519(fromHex(signed.signature), treeHeadBytes(head), publicKey);
  } catch {
    // Malformed hex, a key that is not a curve point, a signature of the wrong length.
    return false;
  }
}
