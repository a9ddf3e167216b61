import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/tables/operations";
import { buildOperationWithTeam, buildUser, signInAs, type SignedIn } from "../../test/accounts";
import { useTestApp } from "../../test/testHooks";

type Who = Role | "outsider";
const everyone: Who[] = ["admin", "supervisor", "operator", "analyst", "legal", "outsider"];

// Per-role expectations for the console's routes (S4 need-to-know): 404 for people outside the
// operation (they cannot learn it exists), 403 for members whose role lacks the right.
const cases: {
  name: string;
  method: "GET" | "POST" | "PUT";
  path: string;
  payload?: object;
  allowed: Who[];
  ok: number;
}[] = [
  {
    name: "read the console",
    method: "GET",
    path: "/console",
    allowed: ["admin", "supervisor", "operator", "analyst", "legal"],
    ok: 200,
  },
  {
    name: "list conversations",
    method: "GET",
    path: "/conversations",
    allowed: ["admin", "supervisor", "operator", "analyst", "legal"],
    ok: 200,
  },
  {
    name: "go present",
    method: "POST",
    path: "/presence",
    payload: { venueAddress: "training://lobby", displayName: "ana" },
    allowed: ["supervisor", "operator"],
    ok: 201,
  },
  {
    name: "open the review queue",
    method: "GET",
    path: "/review-queue",
    allowed: ["supervisor"],
    ok: 200,
  },
  {
    name: "see own exposure",
    method: "GET",
    path: "/exposure",
    allowed: ["admin", "supervisor", "operator", "analyst", "legal"],
    ok: 200,
  },
];

describe("console routes by role", () => {
  const server = useTestApp();
  let operationId: string;
  const sessions = new Map<Who, SignedIn>();

  beforeAll(async () => {
    const users = new Map<Who, { id: string; username: string }>();
    for (const who of everyone) users.set(who, await buildUser(server.store.db));
    operationId = (
      await buildOperationWithTeam(server.store.db, {
        team: everyone
          .filter((who): who is Role => who !== "outsider")
          .map((role) => ({ userId: users.get(role)!.id, role })),
      })
    ).id;
    for (const who of everyone)
      sessions.set(who, await signInAs(server.app, users.get(who)!.username));
  });

  for (const testCase of cases) {
    it(`only ${testCase.allowed.join(", ")} may ${testCase.name}`, async () => {
      for (const who of everyone) {
        const response = await server.app.inject({
          method: testCase.method,
          url: `/api/operations/${operationId}${testCase.path}`,
          headers: sessions.get(who)!.headers,
          ...(testCase.payload ? { payload: testCase.payload } : {}),
        });
        const expected = testCase.allowed.includes(who)
          ? testCase.ok
          : who === "outsider"
            ? 404
            : 403;
        expect({ who, status: response.statusCode }).toEqual({ who, status: expected });
      }
    });
  }

  it("refuses the live stream and the console to anyone not signed in", async () => {
    const response = await server.app.inject({ url: `/api/operations/${operationId}/console` });
    expect(response.statusCode).toBe(401);
  });
});
