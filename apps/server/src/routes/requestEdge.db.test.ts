import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { buildSignedInTeam, buildUser } from "../test/accounts";
import { useTestApp } from "../test/testHooks";

// Issue 9, input and errors: one rule at the edge refuses characters PostgreSQL cannot store
// (naming the field), unknown methods are 405, and every refusal the framework or Node makes
// itself is problem+json with the security headers. The OpenAPI document says all of it.

const expectProblem = (
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) => {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers["content-type"])).toContain("application/problem+json");
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(String(response.headers["content-security-policy"])).toContain("default-src 'self'");
  const problem = JSON.parse(response.body) as { status: number; code: string; detail: string };
  expect(problem.status).toBe(status);
  expect(problem.detail.length).toBeGreaterThan(10);
  return problem as typeof problem & { errors?: { field: string; message: string }[] };
};

/** Sends raw bytes to the listening server and parses the answer's status, headers and body. */
function rawRequest(url: string, request: string) {
  const { port } = new URL(url);
  return new Promise<{ statusCode: number; headers: Record<string, string>; body: string }>(
    (resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write(request));
      let data = "";
      socket.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      socket.on("error", reject);
      socket.on("close", () => {
        const [head = "", body = ""] = data.split("\r\n\r\n");
        const [statusLine = "", ...lines] = head.split("\r\n");
        const headers = Object.fromEntries(
          lines.map((line) => {
            const at = line.indexOf(":");
            return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
          }),
        );
        resolve({ statusCode: Number(statusLine.split(" ")[1]), headers, body });
      });
    },
  );
}

describe("the edge of the API", () => {
  const server = useTestApp({ listen: true });

  it("refuses NUL and lone surrogates with 400 naming the field, signed in or not", async () => {
    const nul = await server.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "admin\u0000", password: "x" },
    });
    expect(expectProblem(nul, 400)).toMatchObject({
      code: "validation_failed",
      errors: [{ field: "username" }],
    });
    const surrogate = await server.app.inject({
      method: "POST",
      url: "/api/session",
      headers: { "content-type": "application/json" },
      payload: '{"username":"admin","password":"half \\ud83d of an emoji"}',
    });
    expect(expectProblem(surrogate, 400).errors).toEqual([
      { field: "password", message: expect.stringMatching(/cannot be stored/) },
    ]);
    // A whole emoji is fine (refused for the password, not for the character).
    const emoji = await server.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: "nobody", password: "a whole \ud83d\ude00" },
    });
    expect(emoji.statusCode).toBe(401);

    const { operation, members } = await buildSignedInTeam(server.app, server.store.db, [
      "supervisor",
    ]);
    const inPath = await server.app.inject({
      method: "GET",
      url: `/api/operations/${operation.id}/conversations/%00`,
      headers: members.supervisor.session.headers,
    });
    expect(expectProblem(inPath, 400).errors?.[0]?.field).toBe("address.conversationId");
    const inQuery = await server.app.inject({
      method: "GET",
      url: `/api/operations/${operation.id}/audit?action=%00`,
      headers: members.supervisor.session.headers,
    });
    expect(expectProblem(inQuery, 400).errors?.[0]?.field).toBe("query.action");
  });

  it("answers 405 to unknown methods and to a method a known address does not take", async () => {
    const query = await server.app.inject({ method: "QUERY" as "GET", url: "/api/session" });
    expectProblem(query, 405);
    const patch = await server.app.inject({ method: "PATCH", url: "/api/session" });
    expect(expectProblem(patch, 405).code).toBe("method_not_allowed");
    expect(patch.headers.allow).toBe("DELETE, GET, HEAD, POST");
    const nowhere = await server.app.inject({ method: "PATCH", url: "/api/nowhere" });
    expect(nowhere.statusCode).not.toBe(405);
  });

  it("answers the framework's own refusals as problem+json with the security headers", async () => {
    expectProblem(await server.app.inject({ method: "GET", url: "/api/%zz" }), 400);
    expectProblem(
      await server.app.inject({
        method: "POST",
        url: "/api/session",
        headers: { "content-type": "application/json" },
        payload: "{not json",
      }),
      400,
    );
    expectProblem(
      await server.app.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: "x".repeat(2 * 1024 * 1024), password: "x" },
      }),
      413,
    );
    const longUrl = await rawRequest(
      server.url,
      `GET /api/${"a".repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    expect(expectProblem(longUrl, 431).code).toBe("headers_too_large");
    const hugeHeader = await rawRequest(
      server.url,
      `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"b".repeat(20_000)}\r\n\r\n`,
    );
    expectProblem(hugeHeader, 431);
    const broken = await rawRequest(server.url, "NOT HTTP AT ALL\r\n\r\n");
    expectProblem(broken, 400);
  });

  it("grants exposure overrides only to members of the operation", async () => {
    const { operation, members } = await buildSignedInTeam(server.app, server.store.db, [
      "supervisor",
    ]);
    const outsider = await buildUser(server.store.db);
    const override = (userId: string) =>
      server.app.inject({
        method: "POST",
        url: `/api/operations/${operation.id}/exposure-overrides`,
        headers: members.supervisor.session.headers,
        payload: { userId, extraReveals: 2, reason: "urgent transcript" },
      });
    expect(expectProblem(await override(outsider.id), 404).errors?.[0]?.field).toBe("userId");
    expectProblem(await override("00000000-0000-4000-8000-000000000000"), 404);
  });

  it("declares each operation's security and its problem+json errors in the OpenAPI document", async () => {
    const document = (await server.app.inject({ method: "GET", url: "/api/openapi.json" })).json<{
      paths: Record<
        string,
        Record<string, { security?: unknown[]; responses: Record<string, { content?: object }> }>
      >;
    }>();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.security, where).toBeDefined();
      expect(operation.responses["500"]?.content, where).toHaveProperty("application/problem+json");
      expect(operation.responses["400"], where).toBeDefined();
    }
    const signIn = document.paths["/api/session"]!.post!;
    expect(signIn.security).toEqual([]);
    expect(signIn.responses["429"]).toBeDefined();
    const change = document.paths["/api/session/password"]!.post!;
    expect(change.security).toEqual([{ session: [], csrf: [] }]);
    expect(change.responses["401"]).toBeDefined();
  });
});
