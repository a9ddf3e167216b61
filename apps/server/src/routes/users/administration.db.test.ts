import { beforeAll, describe, expect, it } from "vitest";
import { ManualTimers } from "../../connectors/training/timers";
import type { OperationRow } from "../../db/tables/operations";
import { buildSignedInTeam, buildUser, signInAs, type SignedIn } from "../../test/accounts";
import { useTestApp } from "../../test/testHooks";

describe("administration in the console's API", () => {
  const timers = new ManualTimers(Date.now());
  const server = useTestApp({ training: { timers, seed: 3 } });
  let admin: SignedIn;
  let adminId: string;
  let operation: OperationRow;
  let operator: SignedIn;
  let operatorId: string;

  beforeAll(async () => {
    const adminUser = await buildUser(server.store.db, { isAdmin: true });
    adminId = adminUser.id;
    admin = await signInAs(server.app, adminUser.username);
    const team = await buildSignedInTeam(server.app, server.store.db, ["operator"], {
      isTraining: true,
    });
    operation = team.operation;
    operator = team.members.operator.session;
    operatorId = team.members.operator.user.id;
  });

  const call = (method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: object) =>
    server.app.inject({ method, url, headers: admin.headers, ...(payload ? { payload } : {}) });

  it("creates an account with a one-time password shown once, under the one username rule", async () => {
    const bad = await call("POST", "/api/users", { username: "Ana Reyes", displayName: "Ana" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errors: [{ field: "username" }] });
    const created = await call("POST", "/api/users", {
      username: "ana.reyes",
      displayName: "Ana Reyes",
    });
    expect(created.statusCode).toBe(201);
    const { oneTimePassword } = created.json<{ oneTimePassword: string }>();
    const session = await signInAs(server.app, "ana.reyes", oneTimePassword);
    const me = await server.app.inject({ url: "/api/session", headers: session.headers });
    expect(me.json()).toMatchObject({ user: { mustChangePassword: true } });
    const list = await call("GET", "/api/users");
    expect(list.body).not.toContain(oneTimePassword);
  });

  it("deactivates (sessions end, sign-in refused), reactivates, and never oneself", async () => {
    const self = await call("PATCH", `/api/users/${adminId}/active`, { active: false });
    expect(self.statusCode).toBe(403);
    const person = await buildUser(server.store.db);
    const session = await signInAs(server.app, person.username);
    const off = await call("PATCH", `/api/users/${person.id}/active`, { active: false });
    expect(off.json()).toMatchObject({ user: { disabled: true } });
    const after = await server.app.inject({ url: "/api/operations", headers: session.headers });
    expect(after.statusCode).toBe(401);
    await expect(signInAs(server.app, person.username)).rejects.toThrow(/401/);
    await call("PATCH", `/api/users/${person.id}/active`, { active: true });
    await signInAs(server.app, person.username);
  });

  it("resets to a one-time password: the old one stops working", async () => {
    const person = await buildUser(server.store.db);
    const reset = await call("POST", `/api/users/${person.id}/password-reset`);
    expect(reset.statusCode).toBe(200);
    await expect(signInAs(server.app, person.username)).rejects.toThrow(/401/);
    await signInAs(
      server.app,
      person.username,
      reset.json<{ oneTimePassword: string }>().oneTimePassword,
    );
  });

  it("requires a second factor of one person before they see an operation", async () => {
    const before = await server.app.inject({
      url: `/api/operations/${operation.id}`,
      headers: operator.headers,
    });
    expect(before.statusCode).toBe(200);
    await call("PATCH", `/api/users/${operatorId}/second-factor`, { required: true });
    const after = await server.app.inject({
      url: `/api/operations/${operation.id}`,
      headers: operator.headers,
    });
    expect(after.statusCode).toBe(403);
    expect(after.json()).toMatchObject({ code: "second_factor_setup_required" });
    expect(after.json<{ detail: string }>().detail).toContain("for your account");
    await call("PATCH", `/api/users/${operatorId}/second-factor`, { required: false });
  });

  it("keeps personas within the authorization, and a used persona unchanged", async () => {
    const url = `/api/operations/${operation.id}/personas`;
    const persona = {
      name: "Maya",
      age: operation.persona_age,
      gender: "girl",
      location: "Cebu, Philippines",
      displayNames: ["maya_10"],
    };
    const wrongAge = await call("POST", url, { ...persona, age: 14 });
    expect(wrongAge.statusCode).toBe(400);
    expect(wrongAge.json()).toMatchObject({ errors: [{ field: "age" }] });
    const created = await call("POST", url, persona);
    expect(created.statusCode).toBe(201);
    const id = created.json<{ persona: { id: string } }>().persona.id;
    const edited = await call("PUT", `${url}/${id}`, {
      ...persona,
      location: "Davao, Philippines",
    });
    expect(edited.json()).toMatchObject({
      persona: { location: "Davao, Philippines", inUse: false },
    });

    const present = await server.app.inject({
      method: "POST",
      url: `/api/operations/${operation.id}/presence`,
      headers: operator.headers,
      payload: { venueAddress: "training://lobby", displayName: "maya_10" },
    });
    expect(present.statusCode).toBe(201);
    const range = server.app.consoleRuntime.hub.trainingRange(operation.id)!;
    range.spawn("solicits_after_age_statement", "training://lobby");
    timers.advance(10_000);
    await server.app.consoleRuntime.queue.drain();
    const listed = (await call("GET", url)).json<{ personas: { inUse: boolean }[] }>();
    expect(listed.personas[0]!.inUse).toBe(true);
    const refused = await call("PUT", `${url}/${id}`, { ...persona, name: "Other" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ detail: string }>().detail).toContain("Create a new persona");
  });

  it("closes an operation: the persona leaves and nobody operates in it again", async () => {
    const closed = await call("POST", `/api/operations/${operation.id}/close`, {
      reason: "Authorization ended",
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      operation: { closed: { reason: "Authorization ended" } },
    });
    expect(server.app.consoleRuntime.hub.listPresences(operation.id)).toEqual([]);
    const present = await server.app.inject({
      method: "POST",
      url: `/api/operations/${operation.id}/presence`,
      headers: operator.headers,
      payload: { venueAddress: "training://lobby", displayName: "maya_10" },
    });
    expect(present.statusCode).toBe(409);
    expect(present.json()).toMatchObject({ code: "operation_closed" });
    const list = await server.app.inject({ url: "/api/operations", headers: operator.headers });
    expect(list.json()).toMatchObject({ operations: [{ closed: true, active: false }] });
    const again = await call("POST", `/api/operations/${operation.id}/close`, { reason: "again" });
    expect(again.statusCode).toBe(409);
  });
});
