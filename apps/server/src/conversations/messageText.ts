/** Bytes beyond this are not stored: the counterpart cannot fill the database with one message (S7). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

const decoder = new TextDecoder("utf-8", { fatal: false });

/**
 * The text form of untrusted bytes: invalid UTF-8 becomes U+FFFD and NUL (which PostgreSQL text
 * cannot hold) becomes U+FFFD too. The exact bytes are stored beside it.
 */
export function textOfBytes(bytes: Uint8Array): string {
  return decoder.decode(bytes).replaceAll("\u0000", "\uFFFD");
}

export function limitBytes(bytes: Uint8Array): { bytes: Uint8Array; truncated: boolean } {
  if (bytes.length <= MAX_MESSAGE_BYTES) return { bytes, truncated: false };
  return { bytes: bytes.slice(0, MAX_MESSAGE_BYTES), truncated: true };
}
