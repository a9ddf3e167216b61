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

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    // A route may set a stricter policy of its own (evidence files: a sandbox with nothing allowed).
    reply.header(
      "content-security-policy",
      reply.getHeader("content-security-policy") ?? CONTENT_SECURITY_POLICY,
    );
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "DENY");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("cache-control", reply.getHeader("cache-control") ?? "no-store");
    return payload;
  });
}
