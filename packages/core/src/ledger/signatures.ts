import { ed25519 } from "@noble/curves/ed25519.js";

/** Checks an Ed25519 signature (RFC 8032, strict: no ZIP-215 leniency). */
export type Ed25519Verify = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean;

let verify: Ed25519Verify = (signature, message, publicKey) =>
  ed25519.verify(signature, message, publicKey, { zip215: false });

/**
 * Lets a host supply a native Ed25519 check (the CLI verifier passes Node's: a package's
 * manifest is a megabyte or more, and the portable SHA-512 inside the check is slow on it).
 * Browsers keep the portable one; a test holds the two to the same answers.
 */
export function useEd25519Verify(implementation: Ed25519Verify): void {
  verify = implementation;
}

/** True when `signature` is `publicKey`'s over `message`; false on anything malformed. */
export function verifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    return verify(signature, message, publicKey);
  } catch {
    return false;
  }
}
