// Byte helpers shared by the ledger. Plain Uint8Array and hex only, so the same code runs in
// Node and in the browser.

const HEX = /^(?:[0-9a-f]{2})*$/;

// Every append turns each leaf hash to hex: a table lookup per byte is several times faster
// than formatting each byte.
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += BYTE_HEX[byte]!;
  return out;
}

/** Decodes lowercase or uppercase hex; throws on odd length or non-hex characters. */
export function fromHex(hex: string): Uint8Array {
  const normalized = hex.toLowerCase();
  if (!HEX.test(normalized)) throw new Error(`not a hex string: ${hex.slice(0, 20)}`);
  const out = new Uint8Array(normalized.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(normalized.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
