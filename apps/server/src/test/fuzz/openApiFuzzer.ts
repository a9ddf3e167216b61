import { createHash } from "node:crypto";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/database";
import type { Role } from "../../db/tables/operations";
import { buildOperationWithTeam, buildUser, signInAs } from "../accounts";
import { buildConversation, buildMessage, storeBlob } from "../factories";
import { hostileString, valueFor, type JsonSchema, type KnownIds } from "./jsonSchemaArbitrary";

// A fuzzer driven by the API's own OpenAPI document: every operation, its path, query and body
// schemas turned into fast-check arbitraries (mostly valid, often hostile), sent by every kind
// of caller (signed in with each role and its CSRF token, an outsider, nobody), with odd
// methods too. What it checks is what every client relies on: no 500, and every error is
// problem+json.

export interface FuzzOperation {
  key: string;
  method: string;
  path: string;
  params: { name: string; schema: JsonSchema }[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | undefined;
}

interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Every operation of the document. */
export function operationsOf(document: {
  paths: Record<string, Record<string, OpenApiOperation>>;
}): FuzzOperation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        params: parameters
          .filter((p) => p.in === "path")
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        query: parameters
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required ?? false })),
        body: operation.requestBody?.content?.["application/json"]?.schema,
      };
    }),
  );
}

// Sent by nobody signed in only: with a session they would end it, or close the operation to
// the whole fuzzing team (a required second factor), and the rest of the run would test less.
const ANONYMOUS_ONLY = new Set([
  "DELETE /api/session",
  "POST /api/session/password",
  "PATCH /api/operations/{operationId}/security",
]);
const ODD_METHODS = ["QUERY", "PROPFIND", "TRACE", "PATCH", "PUT", "DELETE", "OPTIONS", "HEAD"];

export interface FuzzWorld {
  known: KnownIds;
  /** Request headers per caller (null: nobody signed in). */
  callers: Record<string, Record<string, string> | null>;
}

export interface FuzzRequest {
  operation: string;
  caller: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Percent-encodes a path or query value, lone surrogates included (as their WTF-8 bytes). */
export function encodeValue(value: string): string {
  let out = "";
  for (const char of value) {
    try {
      out += encodeURIComponent(char);
    } catch {
      const c = char.charCodeAt(0);
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    }
  }
  return out;
}

const asText = (value: unknown) =>
  typeof value === "string" ? value : (JSON.stringify(value) ?? "");

/** One request: an operation of the document, a caller, values for its path, query and body. */
export function requestArbitrary(
  operations: readonly FuzzOperation[],
  world: FuzzWorld,
): fc.Arbitrary<FuzzRequest> {
  const callerNames = Object.keys(world.callers);
  return fc.constantFrom(...operations).chain((operation) => {
    const callers = ANONYMOUS_ONLY.has(operation.key) ? ["anonymous"] : callerNames;
    const params = fc.record(
      Object.fromEntries(
        operation.params.map((p) => [
          p.name,
          fc.oneof(
            { weight: 6, arbitrary: valueFor(p.schema, world.known, p.name).map(asText) },
            { weight: 1, arbitrary: fc.constantFrom("%zz", "..", "%2e%2e", "a/b") },
          ),
        ]),
      ),
    );
    const query = fc.record(
      Object.fromEntries(
        operation.query.map((q) => [q.name, valueFor(q.schema, world.known, q.name).map(asText)]),
      ),
      { requiredKeys: [] },
    );
    const body = operation.body
      ? fc.oneof(
          {
            weight: 8,
            arbitrary: valueFor(operation.body, world.known).map(
              (v) => JSON.stringify(v) ?? "null",
            ),
          },
          { weight: 1, arbitrary: fc.constantFrom("", "{", "[1,2", "nul", '{"a":1}{}') },
          { weight: 1, arbitrary: hostileString },
        )
      : fc.option(fc.constantFrom("{}", "x"), { freq: 8 });
    return fc
      .record({
        caller: fc.constantFrom(...callers),
        method: fc.oneof(
          { weight: 12, arbitrary: fc.constant(operation.method) },
          { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) },
        ),
        params,
        query,
        body,
        contentType: fc.oneof(
          { weight: 10, arbitrary: fc.constant("application/json") },
          {
            weight: 1,
            arbitrary: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", ""),
          },
        ),
        dropCsrf: fc.boolean().map((b) => b && Math.random() < 0.1),
      })
      .map((r) => {
        const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const value = r.params[name];
          return value === "%zz" || value === "a/b" ? value : encodeValue(value ?? "");
        });
        const search = Object.entries(r.query)
          .map(([name, value]) => `${encodeURIComponent(name)}=${encodeValue(value ?? "")}`)
          .join("&");
        const headers: Record<string, string> = { ...(world.callers[r.caller] ?? {}) };
        if (r.dropCsrf) delete headers["x-csrf-token"];
        const request: FuzzRequest = {
          operation: operation.key,
          caller: r.caller,
          method: r.method,
          url: search ? `${path}?${search}` : path,
          headers,
        };
        if (r.body !== null && !["GET", "HEAD", "TRACE"].includes(r.method)) {
          request.payload = r.body;
          if (r.contentType) headers["content-type"] = r.contentType;
        }
        return request;
      });
  });
}

export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** What is wrong with an answer, or null: no 500, and every error is problem+json. */
export function judge(request: FuzzRequest, response: FuzzResponse): string | null {
  if (response.status === 500) return `500: ${response.body.slice(0, 300)}`;
  if (response.status < 400 || request.method === "HEAD") return null;
  const type = String(response.headers["content-type"] ?? "");
  if (!type.includes("application/problem+json")) {
    return `${response.status} answered as ${type || "no content type"}: ${response.body.slice(0, 200)}`;
  }
  try {
    const problem = JSON.parse(response.body) as {
      status?: unknown;
      code?: unknown;
      detail?: unknown;
    };
    if (
      problem.status !== response.status ||
      typeof problem.code !== "string" ||
      typeof problem.detail !== "string"
    ) {
      return `${response.status}: problem body without its status, code or detail`;
    }
  } catch {
    return `${response.status}: problem+json body that is not JSON`;
  }
  return null;
}

/** Status histogram and the failures (first few of each kind). */
export class FuzzTally {
  readonly statuses: Record<string, number> = {};
  readonly byOperation: Record<string, Record<string, number>> = {};
  /** Statuses per kind of caller: shows every role was let through, not only refused. */
  readonly byCaller: Record<string, Record<string, number>> = {};
  readonly failures: { request: FuzzRequest; problem: string }[] = [];
  requests = 0;

  add(request: FuzzRequest, response: FuzzResponse): void {
    this.requests += 1;
    const status = String(response.status);
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    const perOperation = (this.byOperation[request.operation] ??= {});
    perOperation[status] = (perOperation[status] ?? 0) + 1;
    const perCaller = (this.byCaller[request.caller] ??= {});
    perCaller[status] = (perCaller[status] ?? 0) + 1;
    const problem = judge(request, response);
    if (problem && this.failures.length < 50) {
      this.failures.push({
        request: { ...request, payload: request.payload?.slice(0, 300) ?? "" },
        problem,
      });
    }
  }

  get failureCount(): number {
    return this.failures.length;
  }
}

const ROLES: Role[] = ["admin", "supervisor", "operator", "analyst", "legal"];

/** A team of every role (each signed in), a system admin, an outsider, and evidence to find. */
export async function buildFuzzWorld(app: FastifyInstance, db: Db): Promise<FuzzWorld> {
  const users = await Promise.all(ROLES.map(() => buildUser(db)));
  const team = ROLES.map((role, index) => ({ userId: users[index]!.id, role }));
  const operation = await buildOperationWithTeam(db, { team });
  const training = await buildOperationWithTeam(db, { team, isTraining: true });
  const outsider = await buildUser(db);
  const systemAdmin = await buildUser(db, { isAdmin: true });
  const conversation = await buildConversation(db, { operation_id: operation.id });
  const message = await buildMessage(db, {
    operation_id: operation.id,
    conversation_id: conversation.id,
  });
  const bytes = Buffer.from("fuzz capture bytes");
  await storeBlob(db, bytes);
  const capture = await db
    .insertInto("captures")
    .values({
      operation_id: operation.id,
      conversation_id: conversation.id,
      media_type: "image/png",
      file_name: "fuzz.png",
      size_bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      captured_by: users[2]!.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const callers: FuzzWorld["callers"] = { anonymous: null };
  for (const [index, role] of ROLES.entries()) {
    callers[role] = (await signInAs(app, users[index]!.username)).headers;
  }
  callers.outsider = (await signInAs(app, outsider.username)).headers;
  callers.systemAdmin = (await signInAs(app, systemAdmin.username)).headers;
  return {
    callers,
    known: {
      operationId: [operation.id, training.id],
      conversationId: [conversation.id],
      captureId: [capture.id],
      targetId: [message.id, capture.id],
      userId: [outsider.id],
      username: [outsider.username],
    },
  };
}
