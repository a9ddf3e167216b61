import { fieldLabel } from "@sweetie/core/api/validationMessages";
import { beforeAll, describe, expect, it } from "vitest";
import { buildUser, signInAs, type SignedIn } from "../test/accounts";
import { useTestApp } from "../test/testHooks";

const validOperation = {
  name: "Operation Test",
  mode: "identify",
  authorization: {
    issuingAuthority: "Test Prosecutor",
    reference: "W-1",
    partnerUnit: "Test Unit",
    permittedVenues: ["training://lobby"],
    personaAge: 10,
    startsAt: "2026-01-01T00:00:00Z",
    endsAt: "2027-01-01T00:00:00Z",
  },
};

describe("bad input", () => {
  const server = useTestApp();
  let admin: SignedIn;

  const countOperations = async () =>
    (await server.store.db.selectFrom("operations").select("id").execute()).length;
  const countAudit = async () =>
    (await server.store.db.selectFrom("audit").select("id").execute()).length;

  const post = (payload: string, contentType = "application/json") =>
    server.app.inject({
      method: "POST",
      url: "/api/operations",
      headers: { ...admin.headers, "content-type": contentType },
      payload,
    });

  beforeAll(async () => {
    const user = await buildUser(server.store.db, { isAdmin: true });
    admin = await signInAs(server.app, user.username);
  });

  async function expectRefusedUnchanged(
    send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; json(): unknown }>,
    status: number,
    field?: string,
  ) {
    const [operationsBefore, auditBefore] = [await countOperations(), await countAudit()];
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(String(response.headers["content-type"])).toContain("application/problem+json");
    const problem = response.json() as { detail: string; errors?: { field: string }[] };
    expect(problem.detail.length).toBeGreaterThan(10);
    if (field) {
      expect(problem.errors?.map((e) => e.field)).toContain(field);
      // Said in words: a label, not the internal path, and none of zod's programmer messages.
      expect(problem.detail).toContain(fieldLabel(field));
      expect(problem.detail).not.toContain(field.includes(".") ? field : `${field}:`);
      expect(problem.detail).not.toMatch(/Invalid|expected|received/);
    }
    expect(await countOperations()).toBe(operationsBefore);
    expect(await countAudit()).toBe(auditBefore);
  }

  it("accepts the valid body (control)", async () => {
    const response = await post(JSON.stringify(validOperation));
    expect(response.statusCode).toBe(201);
  });

  it("refuses malformed JSON", async () => {
    await expectRefusedUnchanged(() => post('{"name": "x", '), 400);
    const response = await post("{not json");
    expect(response.json()).toMatchObject({ code: "malformed_json" });
  });

  it("refuses wrong types, naming the field", async () => {
    await expectRefusedUnchanged(
      () =>
        post(
          JSON.stringify({
            ...validOperation,
            authorization: { ...validOperation.authorization, personaAge: "ten" },
          }),
        ),
      400,
      "authorization.personaAge",
    );
    await expectRefusedUnchanged(
      () => post(JSON.stringify({ ...validOperation, mode: 7 })),
      400,
      "mode",
    );
  });

  it("refuses unknown fields, naming them", async () => {
    await expectRefusedUnchanged(
      () => post(JSON.stringify({ ...validOperation, isAdmin: true })),
      400,
      "isAdmin",
    );
    await expectRefusedUnchanged(
      () =>
        post(
          JSON.stringify({
            ...validOperation,
            authorization: { ...validOperation.authorization, extra: 1 },
          }),
        ),
      400,
      "authorization.extra",
    );
  });

  it("refuses a window that ends before it starts", async () => {
    await expectRefusedUnchanged(
      () =>
        post(
          JSON.stringify({
            ...validOperation,
            authorization: { ...validOperation.authorization, endsAt: "2025-01-01T00:00:00Z" },
          }),
        ),
      400,
      "authorization.endsAt",
    );
  });

  it("refuses bodies over 1 MiB", async () => {
    const big = JSON.stringify({ ...validOperation, name: "x".repeat(1024 * 1024 + 10) });
    await expectRefusedUnchanged(() => post(big), 413);
  });

  it("refuses other content types", async () => {
    await expectRefusedUnchanged(() => post("name=x", "application/x-www-form-urlencoded"), 415);
  });

  it("refuses a bad path parameter, naming it", async () => {
    const response = await server.app.inject({
      method: "GET",
      url: "/api/operations/not-a-uuid",
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ field: "operationId" }] });
    const problem = response.json<{ detail: string; errors: { message: string }[] }>();
    expect(problem.detail).not.toMatch(/UUID|operationId/);
    expect(problem.errors[0]!.message).not.toMatch(/UUID/);
  });
});
