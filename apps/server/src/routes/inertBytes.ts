import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";

/**
 * Sends stored evidence bytes (a finding's file or picture) streamed, as the type given, never
 * sniffed, sandboxed and not cached: whatever the bytes are, a browser runs nothing in them.
 */
export function sendInertBytes(
  reply: FastifyReply,
  stream: AsyncIterable<Uint8Array>,
  headers: { mediaType: string; disposition: string },
) {
  return reply
    .header("content-type", headers.mediaType)
    .header("content-disposition", headers.disposition)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", "no-store")
    .send(Readable.from(stream));
}
