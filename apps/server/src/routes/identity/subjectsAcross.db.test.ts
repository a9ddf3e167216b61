import { describe, expect, it } from "vitest";
import type { Role } from "../../db/tables/operations";
import { createClaim } from "../../identity/claimCommands";
import { buildOperationWithTeam, buildUser, signInAs } from "../../test/accounts";
import { actorOf, testIdentityPorts } from "../../test/identityScenario";
import { useTestApp } from "../../test/testHooks";

// The subject list across operations (issue 11, pages): one person works on two operations in
// roles that read the workspace, on a third as an operator (whose work does not need it) and not
// at all on a fourth. The list holds the subjects of the first two only; nothing of the other two
// (name, id, subject label) is in any answer; filters by operation and by confidence narrow it.

const server = useTestApp();

async function operationWithSubject(tag: string, team: { userId: string; role: Role }[]) {
  const db = server.store.db;
  const operation = await buildOperationWithTeam(db, { name: `Operation ${tag} secret`, team });
  const subject = await db
    .insertInto("subjects")
    .values({ operation_id: operation.id, label: `${tag} subject label` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { operation, subjectId: subject.id, label: `${tag} subject label` };
}

describe("GET /api/subjects", () => {
  it("lists the subjects of the operations the person may read, and nothing of the others", async () => {
    const db = server.store.db;
    const person = await buildUser(db);
    const other = await buildUser(db);
    const analyst = await operationWithSubject("Alpha", [{ userId: person.id, role: "analyst" }]);
    const legal = await operationWithSubject("Bravo", [{ userId: person.id, role: "legal" }]);
    const operator = await operationWithSubject("Charlie", [
      { userId: person.id, role: "operator" },
    ]);
    const outside = await operationWithSubject("Delta", [{ userId: other.id, role: "analyst" }]);
    // A claim on Alpha's subject: it is "claimed", Bravo's has clues only.
    await db.transaction().execute((trx) =>
      createClaim(trx, testIdentityPorts(db), {
        actor: actorOf(person),
        operationId: analyst.operation.id,
        subjectId: analyst.subjectId,
        predicate: "is_named",
        value: "Tom Example",
        reliability: "C",
        credibility: "3",
        gradingReason: "seen on a profile",
        citations: [],
      }),
    );
    const session = await signInAs(server.app, person.username);
    const get = (query = "") =>
      server.app.inject({
        method: "GET",
        url: `/api/subjects${query}`,
        headers: session.headers,
      });

    const all = await get();
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json<{
      operations: { id: string; name: string }[];
      subjects: {
        id: string;
        operationId: string;
        operationName: string;
        identityConfidence: string;
      }[];
    }>();
    expect(body.operations.map((o) => o.id).sort()).toEqual(
      [analyst.operation.id, legal.operation.id].sort(),
    );
    expect(body.subjects.map((s) => s.id).sort()).toEqual(
      [analyst.subjectId, legal.subjectId].sort(),
    );
    expect(body.subjects.find((s) => s.id === analyst.subjectId)).toMatchObject({
      operationName: "Operation Alpha secret",
      identityConfidence: "claimed",
    });
    expect(body.subjects.find((s) => s.id === legal.subjectId)?.identityConfidence).toBe("clues");

    const narrowed = [
      await get(`?operationId=${legal.operation.id}`),
      await get("?confidence=claimed"),
    ];
    expect(narrowed[0]!.json<typeof body>().subjects.map((s) => s.id)).toEqual([legal.subjectId]);
    expect(narrowed[1]!.json<typeof body>().subjects.map((s) => s.id)).toEqual([analyst.subjectId]);

    // Asking for an operation the person may not read answers as if it did not exist.
    const refused = [
      await get(`?operationId=${operator.operation.id}`),
      await get(`?operationId=${outside.operation.id}`),
    ];
    for (const response of refused) {
      expect(response.statusCode).toBe(404);
      expect(response.headers["content-type"]).toContain("application/problem+json");
    }
    const bad = await get("?confidence=certain");
    expect(bad.statusCode).toBe(400);

    for (const response of [all, ...narrowed, ...refused, bad]) {
      for (const hidden of [operator, outside]) {
        expect(response.body).not.toContain(hidden.operation.id);
        expect(response.body).not.toContain(hidden.operation.name);
        expect(response.body).not.toContain(hidden.subjectId);
        expect(response.body).not.toContain(hidden.label);
      }
    }
  });

  it("takes the same filter as one operation's list, and refuses a bad one the same way", async () => {
    const db = server.store.db;
    const person = await buildUser(db);
    const { operation, subjectId } = await operationWithSubject("Foxtrot", [
      { userId: person.id, role: "analyst" },
    ]);
    await db.updateTable("subjects").set({ country: "PH" }).where("id", "=", subjectId).execute();
    const session = await signInAs(server.app, person.username);
    const lists = [`/api/operations/${operation.id}/subjects`, "/api/subjects"];
    const ids = async (url: string) => {
      const response = await server.app.inject({ method: "GET", url, headers: session.headers });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ subjects: { id: string }[] }>().subjects.map((s) => s.id);
    };
    for (const list of lists) {
      expect(await ids(`${list}?country=PH&status=open&confidence=clues`), list).toEqual([
        subjectId,
      ]);
      expect(await ids(`${list}?country=DE`), list).toEqual([]);
      expect(await ids(`${list}?needsSignOff=true`), list).toEqual([]);
      const bad = await server.app.inject({
        method: "GET",
        url: `${list}?country=P1`,
        headers: session.headers,
      });
      expect(bad.statusCode, list).toBe(400);
      expect(bad.json().errors, list).toContainEqual(
        expect.objectContaining({ field: "country", message: "Give a two-letter country code." }),
      );
    }
  });

  it("leaves out an operation that requires two-factor sign-in when the session has none", async () => {
    const db = server.store.db;
    const person = await buildUser(db);
    const strict = await operationWithSubject("Echo", [{ userId: person.id, role: "supervisor" }]);
    await db
      .updateTable("operations")
      .set({ require_totp: true })
      .where("id", "=", strict.operation.id)
      .execute();
    const session = await signInAs(server.app, person.username);
    const response = await server.app.inject({
      method: "GET",
      url: "/api/subjects",
      headers: session.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ operations: [], subjects: [] });
  });
});
