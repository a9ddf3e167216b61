import type { Socket } from "node:net";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError, toProblem, type ErrorCode, type FieldError } from "../errors";
import { SECURITY_HEADERS } from "./securityHeaders";

// The one rule at the edge for what no route may receive, and the framework's own refusals
// answered like every other error (problem+json with the security headers).

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

// PostgreSQL cannot store NUL in text, and a lone surrogate (half of a UTF-16 pair) is no
// character at all: the driver would store U+FFFD instead of what was sent.
// eslint-disable-next-line no-control-regex -- NUL is exactly the character to find
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_MESSAGE =
  "Contains a character that cannot be stored (a NUL character or half of an emoji). Remove it and try again.";

/** Paths (dotted) of every string, or object key, in `value` that cannot be stored. */
export function unstorableFields(value: unknown, path: string[] = [], found: string[] = []) {
  if (typeof value === "string") {
    if (UNSTORABLE.test(value)) found.push(path.join("."));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableFields(item, [...path, String(index)], found));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) found.push([...path, key].join("."));
      else unstorableFields(item, [...path, key], found);
    }
  }
  return found;
}

interface KnownRoute {
  method: string;
  pattern: RegExp;
}

const patternOf = (url: string) =>
  new RegExp(
    `^${url
      .split("/")
      .map((part) =>
        part.startsWith(":")
          ? "[^/]+"
          : part === "*"
            ? ".*"
            : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("/")}/?$`,
  );

/** Registers the edge rules; call before any route is registered (it watches them being added). */
export function registerRequestEdge(app: FastifyInstance): void {
  const routes: KnownRoute[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, pattern: patternOf(route.url) });
  });
  const allowedOn = (path: string) =>
    [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))].sort();

  // Before the session check: a method no route accepts is 405 for everyone, and so is a known
  // address asked with a method it does not take.
  app.addHook("onRequest", async (request, reply) => {
    const known = METHODS.has(request.method);
    if (known && !request.is404) return;
    const path = request.url.split("?")[0] ?? "";
    const allow = allowedOn(path);
    if (known && allow.length === 0) return;
    if (allow.length > 0) void reply.header("allow", allow.join(", "));
    throw new AppError("method_not_allowed", {
      detail: `${path} does not accept ${request.method.slice(0, 20)}${allow.length ? `; it accepts ${allow.join(", ")}` : ""}.`,
    });
  });

  app.addHook("preValidation", async (request) => {
    const errors = unstorableFieldsOf(request);
    if (errors.length === 0) return;
    const first = errors[0]!;
    throw new AppError("validation_failed", {
      detail:
        errors.length === 1
          ? `${first.field}: ${UNSTORABLE_MESSAGE.charAt(0).toLowerCase()}${UNSTORABLE_MESSAGE.slice(1)}`
          : `${errors.length} fields contain characters that cannot be stored; each is named.`,
      errors,
    });
  });
}

function unstorableFieldsOf(request: FastifyRequest): FieldError[] {
  return [
    ...unstorableFields(request.body),
    ...unstorableFields(request.query).map((field) => `query.${field}`),
    ...unstorableFields(request.params).map((field) => `address.${field}`),
  ].map((field) => ({ field: field || "body", message: UNSTORABLE_MESSAGE }));
}

/** Fastify's own refusals before routing (a URL it cannot decode): problem+json like the rest. */
export function frameworkProblem(error: Error & { code?: string }) {
  const appError = new AppError(error.code === "FST_ERR_BAD_URL" ? "bad_url" : "bad_request", {
    cause: error,
  });
  return {
    status: appError.status,
    headers: { "content-type": "application/problem+json; charset=utf-8", ...SECURITY_HEADERS },
    body: JSON.stringify(toProblem(appError)),
  };
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (a header block or address
 * too large, broken HTTP): answered on the socket as problem+json with the security headers.
 */
export function clientErrorHandler(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const code: ErrorCode =
    error.code === "HPE_HEADER_OVERFLOW"
      ? "headers_too_large"
      : error.code === "HPE_URI_TOO_LONG"
        ? "uri_too_long"
        : "bad_request";
  if (error.code === "ECONNRESET" || error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    socket.destroy();
    return;
  }
  const problem = toProblem(new AppError(code, { cause: error }));
  const body = JSON.stringify(problem);
  const headers = {
    "content-type": "application/problem+json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
    ...SECURITY_HEADERS,
  };
  const reason = {
    400: "Bad Request",
    414: "URI Too Long",
    431: "Request Header Fields Too Large",
  };
  socket.end(
    `HTTP/1.1 ${problem.status} ${reason[problem.status as 400 | 414 | 431] ?? "Bad Request"}\r\n${Object.entries(
      headers,
    )
      .map(([name, value]) => `${name}: ${value}`)
      .join("\r\n")}\r\n\r\n${body}`,
  );
}
