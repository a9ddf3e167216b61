import type { FastifyError, FastifyInstance } from "fastify";
import { fieldLabel, userMessageFor } from "@sweetie/core/api/validationMessages";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, toProblem, type FieldError } from "../errors";

// Every schema's default messages are written for the person who will read them.
z.config({ customError: userMessageFor });

/**
 * Every error leaves as RFC 9457 problem+json with a stable code and a message a person can act
 * on. Validation problems name the field. Unexpected errors are logged with their cause and
 * answered without internals.
 */
export function registerErrorHandler(app: FastifyInstance, options: { spaIndex: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError = toAppError(error);
    // A route with a larger body limit (captures) states its own limit in one sentence.
    const tooLarge = request.routeOptions.config.tooLargeDetail;
    if (appError.code === "payload_too_large" && tooLarge) {
      appError = new AppError("payload_too_large", { detail: tooLarge, cause: error });
    }
    if (appError.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: appError.code }, "request refused");
    void reply.code(appError.status).type("application/problem+json").send(toProblem(appError));
  });
  // The console routes in the browser: any other page address gets the console itself.
  app.setNotFoundHandler((request, reply) => {
    if (options.spaIndex && request.method === "GET" && !request.url.startsWith("/api/")) {
      return reply.type("text/html").sendFile("index.html");
    }
    const path = request.url.split("?")[0] ?? "";
    return reply
      .code(404)
      .type("application/problem+json")
      .send(
        toProblem(
          new AppError("not_found", { detail: `Nothing exists at ${request.method} ${path}.` }),
        ),
      );
  });
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "body";
    const errors: FieldError[] = error.validation.flatMap((v) => {
      const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
      const keys = (v.params as { keys?: unknown }).keys;
      if (v.keyword === "unrecognized_keys" && Array.isArray(keys)) {
        return keys.map((key) => ({
          field: [path, String(key)].filter(Boolean).join("."),
          message: "This field is not allowed here.",
        }));
      }
      return [{ field: path || where, message: v.message ?? "Not valid." }];
    });
    // The address of a page or a filter is not something a person typed into a field.
    if (where === "params") {
      return new AppError("validation_failed", {
        detail:
          "The address of this page is not valid. Go back to the list, reload it and open the item again.",
        errors,
      });
    }
    const first = errors[0];
    // A problem with the whole request (no field) is said as it is.
    const detail =
      errors.length === 1 && first
        ? first.field === where
          ? first.message
          : `${fieldLabel(first.field)}: ${lowerFirst(first.message)}`
        : `${errors.length} fields need attention; each says what to change.`;
    return new AppError("validation_failed", { detail, errors });
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large", { cause: error });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", { cause: error });
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("malformed_json", {
        detail: "The request body is empty. Send a JSON object.",
        cause: error,
      });
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("malformed_json", { cause: error });
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return new AppError("malformed_json", { cause: error });
  }
  if (error.statusCode === 429) return new AppError("too_many_attempts", { cause: error });
  return new AppError("internal", { cause: error });
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
