import type { FastifyInstance } from "fastify";

// Strict CSP: only our own scripts and styles, no inline script, no plugins, no framing. Counterpart
// text is rendered as text; this is the second line of defence (S7).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Sent on every answer, the framework's own refusals too (plugins/requestEdge). */
export const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
} as const;

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    // A route may set a stricter policy of its own (evidence files: a sandbox with nothing allowed).
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      reply.header(
        name,
        name === "content-security-policy" ? (reply.getHeader(name) ?? value) : value,
      );
    }
    reply.header("cache-control", reply.getHeader("cache-control") ?? "no-store");
    return payload;
  });
}
