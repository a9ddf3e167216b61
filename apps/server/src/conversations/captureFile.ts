import { CAPTURE_LIMIT_MESSAGE, MAX_CAPTURE_BYTES } from "@sweetie/core/api/limits";

export { MAX_CAPTURE_BYTES };

export const CAPTURE_MEDIA_TYPES = [
  "image/png",
  "image/jpeg",
  "image/webp",
  "video/webm",
  "video/mp4",
] as const;
export type CaptureMediaType = (typeof CAPTURE_MEDIA_TYPES)[number];

const startsWith = (bytes: Uint8Array, prefix: number[], offset = 0) =>
  prefix.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * The media type the file's own bytes show, or null. The declared type and the file name are
 * the sender's claims; only the signature decides what the file is.
 */
export function sniffMediaType(bytes: Uint8Array): CaptureMediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return "video/webm";
  if (startsWith(bytes, ascii("ftyp"), 4)) return "video/mp4";
  return null;
}

export type CaptureCheck =
  { ok: true; mediaType: CaptureMediaType } | { ok: false; reason: string };

/** Checks size and type: the declared type must be allowed and match the bytes. */
export function checkCapture(bytes: Uint8Array, declaredType: string): CaptureCheck {
  if (bytes.length === 0) return { ok: false, reason: "The file is empty." };
  if (bytes.length > MAX_CAPTURE_BYTES) {
    return {
      ok: false,
      reason: `The file is ${(bytes.length / 1048576).toFixed(1)} MiB. ${CAPTURE_LIMIT_MESSAGE}`,
    };
  }
  const sniffed = sniffMediaType(bytes);
  if (!sniffed)
    return {
      ok: false,
      reason: "The file is not a PNG, JPEG or WebP image, nor a WebM or MP4 clip.",
    };
  if (sniffed !== declaredType) {
    return {
      ok: false,
      reason: `The file says it is ${declaredType || "untyped"} but its contents are ${sniffed}.`,
    };
  }
  return { ok: true, mediaType: sniffed };
}
