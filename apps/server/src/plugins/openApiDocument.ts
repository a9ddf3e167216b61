import type { FastifySchema } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { errorRegistry } from "../errors";

// The OpenAPI document says, for every operation, how it is secured and which errors it can
// answer, from the route's own settings: declared once here, not by hand in every route.

const problemSchema = {
  type: "object",
  required: ["type", "title", "status", "detail", "code"],
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string", description: "What went wrong and what to do, for a person" },
    code: { type: "string", enum: Object.keys(errorRegistry) },
    errors: {
      type: "array",
      items: {
        type: "object",
        required: ["field", "message"],
        properties: { field: { type: "string" }, message: { type: "string" } },
      },
    },
  },
} as const;

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Routes that check a password count failures on the sign-in limiter.
const THROTTLED = new Set(["/api/session", "/api/session/password", "/api/session/totp"]);

type Transform = typeof jsonSchemaTransform;

/** jsonSchemaTransform, plus each operation's security and its problem+json error answers. */
export const documentOperation: Transform = (input) => {
  const transformed = jsonSchemaTransform(input);
  const { route, url } = input;
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
  const access = (route.config as { access?: string } | undefined)?.access ?? "signedIn";
  const schema = transformed.schema as FastifySchema & {
    response?: Record<string, unknown>;
    security?: Record<string, string[]>[];
  };
  const changes = methods.some((method) => STATE_CHANGING.has(method));
  const errors: Record<string, unknown> = {
    400: problem(
      "A field, the address or the body is not valid (the fields at fault are named), or the JSON cannot be read",
    ),
    405: problem("The address does not accept this method"),
    500: problem("The server could not complete the request; nothing was saved"),
  };
  if (schema.body) {
    errors[413] = problem("The body is larger than the route accepts");
    errors[415] = problem("The body is not JSON");
  }
  if (access !== "public") {
    errors[401] = problem("Not signed in, or the session has ended");
    errors[403] = problem(
      changes
        ? "Not allowed: the role does not permit it, the CSRF token is missing, or a password change or second factor is required first"
        : "Not allowed: the role does not permit it, or a password change or second factor is required first",
    );
  }
  if (schema.params || access !== "public") {
    errors[404] = problem("Nothing exists at this address, or it is not visible to you");
  }
  if (THROTTLED.has(url)) errors[429] = problem("Too many failed attempts; wait, then try again");
  schema.response = { ...errors, ...schema.response };
  schema.security =
    access === "public" ? [] : changes ? [{ session: [], csrf: [] }] : [{ session: [] }];
  return { ...transformed, schema };
};
